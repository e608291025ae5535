// Cached answers read in one pass: the same cleaned document as parsing with
// parse_bounded_json and then cleaning with sanitize_answer, and the same limits.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "provider/answer_reader.hpp"
#include "provider/answer_sanitizer.hpp"
#include "util/bounded_json.hpp"

using namespace samplemind;
using json = nlohmann::json;

namespace {
std::string nested(std::size_t depth, const std::string& inside = "") {
  return std::string(depth, '[') + inside + std::string(depth, ']');
}
}  // namespace

TEST_CASE("answer reader: control characters and key shapes are cleaned in values and keys") {
  const auto read = read_clean_answer(
      "{\"genre\":\"house \\u001b[2J\\ttech\",\"ti\\u0007p\":\"use sk-proj-abcdefghijklmnopqrstuvwx\","
      "\"tags\":[\"risk-taking\",\"line\\nbreak\"],\"confidence\":0.5,\"bars\":8,\"big\":18446744073709551615,"
      "\"ok\":true,\"none\":null}");
  REQUIRE(read);
  const json& answer = *read;
  CHECK(answer["genre"] == "house [2J tech");
  CHECK(answer.contains("tip"));
  CHECK(answer["tip"] == "use ***");
  CHECK(answer["tags"] == json::array({"risk-taking", "line break"}));
  CHECK(answer["confidence"].is_number_float());
  CHECK(answer["confidence"] == 0.5);
  CHECK(answer["bars"].is_number_integer());
  CHECK(answer["bars"] == 8);
  CHECK(answer["big"].get<std::uint64_t>() == 18446744073709551615ULL);
  CHECK(answer["ok"] == true);
  CHECK(answer["none"].is_null());
}

TEST_CASE("answer reader: the same document as parse_bounded_json followed by sanitize_answer") {
  const std::vector<std::string> documents = {
      R"({"genre":"lo-fi","subgenres":["boom bap","jazz"],"confidence":0.82,"mood":"calm","tags":[]})",
      R"({"a":{"b":{"c":[1,-2,3.25e-3,{"d":"\u00e9t\u00e9 \u0085x"}]}}})",
      R"({"dup":"first","dup":"second"})",
      R"(["not","an","object"])",
      R"("just text")",
      R"(42)",
  };
  for (const auto& text : documents) {
    CAPTURE(text);
    const auto parsed = parse_bounded_json(text);
    REQUIRE(parsed);
    const auto read = read_clean_answer(text);
    REQUIRE(read);
    CHECK(*read == sanitize_answer(*parsed, {}));
  }
}

TEST_CASE("answer reader: the nesting and size limits of parse_bounded_json") {
  CHECK(read_clean_answer(nested(k_max_json_depth, "1")));
  CHECK(parse_bounded_json(nested(k_max_json_depth, "1")));
  CHECK_FALSE(read_clean_answer(nested(k_max_json_depth + 1, "1")));
  CHECK_FALSE(parse_bounded_json(nested(k_max_json_depth + 1, "1")));
  const auto deep = read_clean_answer(R"({"x":)" + nested(100'000) + "}");
  REQUIRE_FALSE(deep);
  CHECK(deep.error() == "JSON nested deeper than 64 levels");
  CHECK(read_clean_answer(R"({"x":)" + nested(k_max_json_depth) + "}").error() == deep.error());
  const std::string huge = "\"" + std::string(k_max_json_bytes, 'a') + "\"";
  CHECK_FALSE(read_clean_answer(huge));
}

TEST_CASE("answer reader: text that is not JSON is an error, never a partial answer") {
  for (const std::string text : {"", "{", R"({"genre":"house")", R"({"a":NaN})", R"({"a":1e999})", "{} trailing",
                                 "\xff\xfe{}"}) {
    CAPTURE(text);
    CHECK_FALSE(read_clean_answer(text));
  }
}
