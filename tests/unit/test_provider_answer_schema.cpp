// Answers are checked for type, enum, range and item type, not just
// presence; a failing answer is a per-file error (and so never cached).
#include <doctest/doctest.h>

#include "provider/answer_schema.hpp"
#include "support/money_fixture.hpp"

using namespace samplemind;
using namespace samplemind::money_test;
using json = nlohmann::json;

namespace {
const AnalysisType& type_named(const char* name) { return *find_analysis_type(name); }

json good_genre() {
  return {{"genre", "house"}, {"subgenres", {"deep house"}}, {"confidence", 0.7}, {"mood", "dark"}, {"tags", {"loop"}}};
}
}  // namespace

TEST_CASE("answer schema: types, enums, ranges and item types are enforced") {
  const AnalysisType& genre = type_named("genre_classification");
  CHECK(validate_answer(good_genre(), genre).ok());
  json wrong = good_genre();
  wrong["genre"] = 5;
  wrong["tags"] = json::object();
  const auto rejected = validate_answer(wrong, genre);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().find("'genre' is a number, not text") != std::string::npos);
  CHECK(rejected.error().find("'tags' is an object, not a list of text") != std::string::npos);

  json confident = good_genre();
  confident["confidence"] = 7;
  CHECK_FALSE(validate_answer(confident, genre).ok());
  json items = good_genre();
  items["tags"] = {"loop", 3};
  CHECK_FALSE(validate_answer(items, genre).ok());
  json extra = good_genre();
  extra["secret_plan"] = "x";
  CHECK_FALSE(validate_answer(extra, genre).ok());

  const AnalysisType& harmony = type_named("harmonic_analysis");
  json key = {{"key", "A"}, {"mode", "minor"}, {"camelot", "8A"}, {"compatible_keys", {"7A", "9A"}}, {"notes", "x"}};
  CHECK(validate_answer(key, harmony).ok());
  key["mode"] = "dorian-ish";
  CHECK_FALSE(validate_answer(key, harmony).ok());
  key["mode"] = nullptr;  // an unpitched sample has no mode
  CHECK(validate_answer(key, harmony).ok());
  key["camelot"] = "13C";
  CHECK_FALSE(validate_answer(key, harmony).ok());

  const AnalysisType& mixing = type_named("mixing_mastering");
  json loud = {{"eq", "x"}, {"compression", "x"}, {"loudness_target_lufs", -14}, {"notes", "x"}};
  CHECK(validate_answer(loud, mixing).ok());
  loud["loudness_target_lufs"] = 14;
  CHECK_FALSE(validate_answer(loud, mixing).ok());
}

TEST_CASE("answer schema: the schema sent carries the enums and nullability") {
  const json schema = answer_json_schema(type_named("harmonic_analysis"));
  CHECK(schema["additionalProperties"] == false);
  CHECK(schema["properties"]["mode"]["enum"].size() == 3);  // major, minor, null
  CHECK(schema["properties"]["camelot"]["enum"].size() == 25);
  const json gemini = answer_gemini_schema(type_named("harmonic_analysis"));
  CHECK(gemini["properties"]["mode"]["nullable"] == true);
  CHECK(gemini["properties"]["mode"]["type"] == "STRING");
}

TEST_CASE("answer schema: a wrongly typed answer from Ollama is a per-file error, Ollama gets the schema") {
  ProviderFixture f;
  f.http->reply(200, openai_answer(R"({"genre":5,"subgenres":[],"confidence":0.5,"mood":"dark","tags":{}})"));
  auto ollama = f.make("ollama");
  const auto outcome = f.ask(*ollama);
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  CHECK(std::get<ProviderError>(outcome).severity == ProviderFailure::per_file);
  CHECK(std::get<ProviderError>(outcome).message.find("schema") != std::string::npos);
  const json sent = json::parse(f.http->requests.at(0).body);
  CHECK(sent["response_format"]["type"] == "json_schema");
  CHECK(sent["response_format"]["json_schema"]["schema"]["properties"]["tags"]["items"]["type"] == "string");
}

TEST_CASE("answer schema: the Anthropic tool input is validated the same way") {
  ProviderFixture f;
  f.http->reply(200, json{{"content", {{{"type", "tool_use"}, {"name", "emit_analysis"},
                                        {"input", {{"genre", 5}, {"subgenres", json::array()}, {"confidence", 0.5},
                                                   {"mood", "x"}, {"tags", json::object()}}}}}},
                          {"stop_reason", "tool_use"},
                          {"usage", {{"input_tokens", 10}, {"output_tokens", 5}}}}.dump());
  auto anthropic = f.make("anthropic");
  const auto outcome = f.ask(*anthropic);
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  CHECK(std::get<ProviderError>(outcome).cost_usd > 0.0);  // still billed
}

TEST_CASE("provider answers: schema and validation") {
  const AnalysisType& type = *find_analysis_type("genre_classification");
  const auto schema = answer_json_schema(type);
  CHECK(schema["properties"]["tags"]["type"] == "array");
  CHECK(schema["properties"]["confidence"]["type"] == "number");
  CHECK(schema["additionalProperties"] == false);
  CHECK(answer_gemini_schema(type)["properties"]["genre"]["type"] == "STRING");
  const std::string good = R"({"genre":"a","subgenres":[],"confidence":1,"mood":"b","tags":[]})";
  CHECK(parse_and_validate_answer(good, type).ok());
  CHECK(parse_and_validate_answer("```json\n" + good + "\n```", type).ok());
  CHECK_FALSE(parse_and_validate_answer(R"({"genre":"a"})", type).ok());
  CHECK_FALSE(parse_and_validate_answer(R"({"genre":"a", "subgen)", type).ok());
  CHECK_FALSE(parse_and_validate_answer("[1,2]", type).ok());
}
