// Field types come from the field names the analysis types use: lists are arrays of
// strings, measures are numbers with a range, codes are enums, everything else is text.
#include "provider/answer_schema.hpp"

#include <array>
#include <string_view>

namespace samplemind {

namespace {
using json = nlohmann::json;

constexpr std::array<std::string_view, 15> k_list_fields = {
    "tags", "subgenres", "instruments", "strengths", "improvements", "next_steps", "ideas", "layering",
    "processing", "plugins", "mixer_chain", "tips", "compatible_keys", "sections", "genres"};

constexpr double k_min_tempo_bpm = 1.0;
constexpr double k_max_tempo_bpm = 999.0;
constexpr double k_min_loudness_lufs = -70.0;
constexpr double k_max_loudness_lufs = 0.0;

// Typical answer sizes, in tokens (about 4 characters each).
constexpr std::int64_t k_tokens_per_text_value = 40;   // one or two sentences
constexpr std::int64_t k_tokens_per_list_value = 30;   // five short items
constexpr std::int64_t k_tokens_per_number_value = 3;
constexpr std::int64_t k_tokens_per_enum_value = 2;
constexpr std::int64_t k_tokens_per_field_name = 4;    // "name": and the separators
constexpr std::int64_t k_tokens_per_object = 2;        // { }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, const std::string& name) {
  for (auto known : names) {
    if (known == name) return true;
  }
  return false;
}

std::vector<std::string> camelot_codes() {
  std::vector<std::string> codes;
  for (int number = 1; number <= 12; ++number) {
    for (const char* letter : {"A", "B"}) codes.push_back(std::to_string(number) + letter);
  }
  return codes;
}

// One property of the schema; upper: Gemini's OpenAPI spelling.
json property_schema(const FieldSpec& spec, bool upper) {
  const char* type = spec.kind == FieldKind::number ? (upper ? "NUMBER" : "number")
                     : spec.kind == FieldKind::text_list ? (upper ? "ARRAY" : "array")
                                                         : (upper ? "STRING" : "string");
  json property = {{"type", type}};
  if (spec.kind == FieldKind::text_list) property["items"] = {{"type", upper ? "STRING" : "string"}};
  if (!spec.allowed.empty()) property["enum"] = spec.allowed;
  if (spec.nullable) {
    if (upper) {
      property["nullable"] = true;
    } else {
      property["type"] = json::array({type, "null"});
      if (!spec.allowed.empty()) property["enum"].push_back(nullptr);
    }
  }
  return property;
}
}  // namespace

FieldSpec field_spec(const std::string& field) {
  if (contains(k_list_fields, field)) return FieldSpec{FieldKind::text_list, {}, {}, {}, false};
  if (field == "confidence") return FieldSpec{FieldKind::number, {}, 0.0, 1.0, false};
  if (field == "tempo_bpm") return FieldSpec{FieldKind::number, {}, k_min_tempo_bpm, k_max_tempo_bpm, true};
  if (field == "loudness_target_lufs") {
    return FieldSpec{FieldKind::number, {}, k_min_loudness_lufs, k_max_loudness_lufs, false};
  }
  if (field == "mode") return FieldSpec{FieldKind::text, {"major", "minor"}, {}, {}, true};
  if (field == "camelot") return FieldSpec{FieldKind::text, camelot_codes(), {}, {}, true};
  return FieldSpec{};
}

json answer_json_schema(const AnalysisType& type) {
  json properties = json::object();
  for (const auto& field : type.required_fields) properties[field] = property_schema(field_spec(field), false);
  return {{"type", "object"},
          {"properties", properties},
          {"required", type.required_fields},
          {"additionalProperties", false}};
}

json answer_gemini_schema(const AnalysisType& type) {
  json properties = json::object();
  for (const auto& field : type.required_fields) properties[field] = property_schema(field_spec(field), true);
  return {{"type", "OBJECT"}, {"properties", properties}, {"required", type.required_fields}};
}

std::int64_t expected_answer_tokens(const AnalysisType& type) {
  std::int64_t tokens = k_tokens_per_object;
  for (const auto& field : type.required_fields) {
    const FieldSpec spec = field_spec(field);
    tokens += k_tokens_per_field_name;
    if (spec.kind == FieldKind::number) tokens += k_tokens_per_number_value;
    else if (spec.kind == FieldKind::text_list) tokens += k_tokens_per_list_value;
    else if (!spec.allowed.empty()) tokens += k_tokens_per_enum_value;
    else tokens += k_tokens_per_text_value;
  }
  return tokens;
}

}  // namespace samplemind
