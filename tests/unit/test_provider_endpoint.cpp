// OLLAMA_HOST follows Ollama's rule (port 11434, 0.0.0.0 is loopback);
// a Gemini "models/..." id is normalised once, for the URL, the cache key and the price.
#include <doctest/doctest.h>

#include "provider/provider_endpoint.hpp"
#include "support/money_fixture.hpp"

using namespace samplemind;
using namespace samplemind::money_test;

TEST_CASE("provider endpoint: OLLAMA_HOST without a port gets 11434, a listen address is loopback") {
  CHECK(ollama_base_url("") == "http://127.0.0.1:11434");
  CHECK(ollama_base_url("gpu-box") == "http://gpu-box:11434");
  CHECK(ollama_base_url("http://gpu-box") == "http://gpu-box:11434");
  CHECK(ollama_base_url("https://gpu-box") == "https://gpu-box:443");
  CHECK(ollama_base_url("0.0.0.0") == "http://127.0.0.1:11434");
  CHECK(ollama_base_url("0.0.0.0:8080") == "http://127.0.0.1:8080");
  CHECK(ollama_base_url("http://0.0.0.0/") == "http://127.0.0.1:11434");
  CHECK(ollama_base_url("gpu-box:11500") == "http://gpu-box:11500");
  CHECK(ollama_base_url(" http://gpu-box:11500/ollama/ ") == "http://gpu-box:11500/ollama");
  CHECK(ollama_base_url("[::]") == "http://[::1]:11434");
  CHECK(ollama_base_url("[fe80::1]:9000") == "http://[fe80::1]:9000");
  CHECK(ollama_base_url("::1") == "http://[::1]:11434");
  CHECK(ollama_base_url("gpu-box:notaport") == "http://gpu-box:11434");
}

TEST_CASE("provider endpoint: the factory applies the OLLAMA_HOST rule") {
  ProviderFixture f;
  f.http->reply(200, openai_answer(R"({"genre":"house","subgenres":[],"confidence":0.5,"mood":"dark","tags":[]})"));
  auto provider = f.make("ollama", "", {{"OLLAMA_HOST", "0.0.0.0"}});
  f.ask(*provider);
  REQUIRE(f.http->requests.size() == 1);
  CHECK(f.http->requests[0].url == "http://127.0.0.1:11434/v1/chat/completions");
}

TEST_CASE("provider endpoint: models/gemini-2.5-flash is gemini-2.5-flash everywhere") {
  CHECK(normalize_model_id("gemini", "models/gemini-2.5-flash") == "gemini-2.5-flash");
  CHECK(normalize_model_id("gemini", " gemini-2.5-flash ") == "gemini-2.5-flash");
  CHECK(normalize_model_id("openai", "gpt-4o-mini") == "gpt-4o-mini");

  ProviderFixture f;
  f.http->reply(200, R"({"candidates":[{"content":{"parts":[{"text":"{}"}]},"finishReason":"STOP"}]})");
  auto prefixed = f.make("gemini", "models/gemini-2.5-flash");
  auto plain = f.make("gemini", "gemini-2.5-flash");
  CHECK(prefixed->model() == plain->model());  // one cache key, one price
  CHECK(prefixed->price_known());
  f.ask(*prefixed);
  REQUIRE(f.http->requests.size() == 1);
  CHECK(f.http->requests[0].url == "http://mock/v1beta/models/gemini-2.5-flash:generateContent");
}
