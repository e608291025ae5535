// Prices are found by exact id or declared alias, never by prefix;
// an unknown price is unknown (not 0); the shipped table has the corrected rows.
#include <doctest/doctest.h>

#include "util/environment.hpp"
#include "provider/price_table.hpp"
#include "support/money_fixture.hpp"

using namespace samplemind;
using namespace samplemind::money_test;

namespace {
constexpr TokenUsage k_one_million_each{1'000'000, 0, 0, 1'000'000};

PriceTable shipped() { return PriceTable::load_default(Environment::from_map({})); }
}  // namespace

TEST_CASE("provider prices: exact id or alias, never a prefix") {
  auto table = PriceTable::parse(R"({"prices_read":"2026-03-31","providers":{"gemini":{
      "gemini-2.5-flash":{"input":0.30,"output":2.50,"aliases":["gemini-2.5-flash-001"]}},
      "ollama":{"*":{"input":0,"output":0}}}})");
  REQUIRE(table.ok());
  CHECK(table->find("gemini", "gemini-2.5-flash"));
  CHECK(table->find("gemini", "gemini-2.5-flash-001")->input_usd_per_mtok == 0.30);
  CHECK_FALSE(table->find("gemini", "gemini-2.5-flash-lite"));        // a prefix is not a match
  CHECK_FALSE(table->find("gemini", "gemini-2.5-flash-preview-09-2025"));
  CHECK(table->find("ollama", "llama3.2")->output_usd_per_mtok == 0.0);  // "*" covers a local server
  CHECK(table->entries().front().read == "2026-03-31");  // an entry without "read" gets the file's date
  CHECK_FALSE(PriceTable::parse(R"({"providers":{"x":{"a":{"input":1,"output":1,"aliases":["b"]},
                                    "b":{"input":1,"output":1}}}})").ok());  // one id, two prices
  CHECK_FALSE(PriceTable::parse(R"({"providers":{"x":{"":{"input":1,"output":1}}}})").ok());
}

TEST_CASE("provider prices: flash-lite costs flash-lite's price, not flash's") {
  const PriceTable table = shipped();
  const auto lite = table.find("gemini", "gemini-2.5-flash-lite");
  REQUIRE(lite);
  CHECK(cost_usd(*lite, k_one_million_each) == doctest::Approx(0.50));  // was 2.80 by prefix
  CHECK(cost_usd(*table.find("gemini", "gemini-2.5-flash"), k_one_million_each) == doctest::Approx(2.80));
}

TEST_CASE("provider prices: the shipped table's corrected rows, dates and public sources") {
  const PriceTable table = shipped();
  CHECK(table.find("gemini", "gemini-2.5-flash")->cached_input_usd_per_mtok == doctest::Approx(0.03));
  CHECK(table.find("gemini", "gemini-2.5-pro")->cached_input_usd_per_mtok == doctest::Approx(0.125));
  CHECK(table.find("gemini", "gemini-2.5-flash-lite")->input_usd_per_mtok == doctest::Approx(0.10));
  CHECK(table.find("gemini", "gemini-2.5-flash-lite")->output_usd_per_mtok == doctest::Approx(0.40));
  CHECK(table.find("anthropic", "claude-haiku-4-5-20251001"));  // a dated snapshot id is an alias
  CHECK(table.find("openai", "gpt-4o-mini-2024-07-18"));
  for (const auto& entry : table.entries()) {
    CAPTURE(entry.model);
    CHECK_FALSE(entry.read.empty());
    CHECK(entry.source.rfind("https://", 0) == 0);  // a public page, nothing outside the repository
  }
}

TEST_CASE("provider prices: an unknown model's price is unknown, --price supplies one") {
  ProviderFixture f;
  auto unknown = f.make("gemini", "gemini-9-ultra");
  CHECK_FALSE(unknown->price_known());
  f.http->reply(200, R"({"candidates":[{"content":{"parts":[{"text":"{\"genre\":\"house\",\"subgenres\":[],\"confidence\":0.5,\"mood\":\"dark\",\"tags\":[]}"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":10}})");
  const auto outcome = f.ask(*unknown);
  REQUIRE(std::holds_alternative<ProviderAnswer>(outcome));
  CHECK(std::get<ProviderAnswer>(outcome).cost_usd == 0.0);  // reported as unknown by price_known()

  ProviderSettings settings;
  settings.price = ModelPrice{1.0, 2.0, 1.0, 1.0};
  auto priced = f.make("gemini", "gemini-9-ultra", {}, true, settings);
  CHECK(priced->price_known());
  CHECK(f.estimate(*priced) > 0.0);
  CHECK(f.make("ollama", "anything")->price_known());
}

TEST_CASE("provider prices: parse, alias lookup and cost") {
  auto table = PriceTable::parse(R"({"prices_read":"2026-03-31","providers":{"openai":{
      "gpt-4o":{"input":2.5,"output":10,"aliases":["gpt-4o-2024-08-06"]},
      "gpt-4o-mini":{"input":0.15,"output":0.6,"cached_input":0.075}}}})");
  REQUIRE(table.ok());
  CHECK(table->prices_read() == "2026-03-31");
  CHECK_FALSE(table->find("openai", "gpt-4o-mini-2024-07-18"));  // not declared: unknown, never a prefix guess
  CHECK(table->find("openai", "gpt-4o-2024-08-06")->input_usd_per_mtok == 2.5);
  CHECK_FALSE(table->find("openai", "gpt-3.5-turbo"));
  CHECK_FALSE(table->find("anthropic", "gpt-4o"));
  const ModelPrice price = *table->find("openai", "gpt-4o");
  CHECK(price.cached_input_usd_per_mtok == 2.5);  // unlisted cache price: plain input price
  CHECK(cost_usd(price, TokenUsage{1'000'000, 0, 0, 1'000'000}) == doctest::Approx(12.5));
  CHECK_FALSE(PriceTable::parse("{").ok());
  CHECK_FALSE(PriceTable::parse(R"({"providers":{"x":{"m":{"input":-1,"output":1}}}})").ok());
}

TEST_CASE("provider prices: the shipped table and the SAMPLEMIND_PRICES override") {
  const PriceTable shipped = PriceTable::load_default(Environment::from_map({}));
  CHECK(shipped.prices_read() != "unknown");
  CHECK(shipped.find("openai", "gpt-4o-mini"));
  CHECK(shipped.find("anthropic", "claude-haiku-4-5"));
  CHECK(shipped.find("gemini", "gemini-2.5-flash"));
  CHECK(shipped.find("ollama", "anything")->output_usd_per_mtok == 0.0);
  CHECK_THROWS_AS(PriceTable::load_default(Environment::from_map({{"SAMPLEMIND_PRICES", "/nonexistent.json"}})),
                  ConfigError);
}
