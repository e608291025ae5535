#pragma once
// The shape of a valid answer per analysis type: each field's type, allowed values and
// range. Sent to providers that enforce schemas, and checked on every answer before it is
// cached (src/provider/answer_validation.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis_type.hpp"
#include "util/result.hpp"

namespace samplemind {

enum class FieldKind { text, number, text_list };

// What one answer field may hold.
struct FieldSpec {
  FieldKind kind = FieldKind::text;
  std::vector<std::string> allowed;  // text: one of these (empty: any text)
  std::optional<double> minimum;     // number: inclusive range
  std::optional<double> maximum;
  bool nullable = false;             // null allowed (no tempo, no key)
};

constexpr std::size_t k_max_list_items = 32;  // longer lists are not an answer but a dump

// The spec of a field, by the name the analysis types use.
FieldSpec field_spec(const std::string& field);

// JSON Schema (draft 2020 subset) of the answer: types, enums, nullability, every field
// required, nothing else allowed. Ranges are checked locally only (strict modes reject them).
nlohmann::json answer_json_schema(const AnalysisType& type);

// The same schema in Gemini's OpenAPI subset (upper-case type names, nullable).
nlohmann::json answer_gemini_schema(const AnalysisType& type);

// Output tokens a typical answer to this type takes (docs/providers.md, "Estimates").
std::int64_t expected_answer_tokens(const AnalysisType& type);

// Parses answer text (tolerating a ```json fence) and validates it; the error says what is
// wrong without echoing the whole text.
Result<nlohmann::json> parse_and_validate_answer(const std::string& text, const AnalysisType& type);

// Checks an already-parsed answer against the type's schema: an object with every field,
// no other field, each of the right type, in its enum and range.
Result<nlohmann::json> validate_answer(nlohmann::json answer, const AnalysisType& type);

}  // namespace samplemind
