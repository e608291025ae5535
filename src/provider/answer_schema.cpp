// Field types come from the field names the analysis types use: lists are arrays of
// strings, measures are numbers, everything else is text.
#include "answer_schema.hpp"

#include "samplemind/bounded_json.hpp"

#include <array>
#include <string_view>

namespace samplemind {

namespace {
using json = nlohmann::json;

constexpr std::array<std::string_view, 15> k_list_fields = {
    "tags", "subgenres", "instruments", "strengths", "improvements", "next_steps", "ideas", "layering",
    "processing", "plugins", "mixer_chain", "tips", "compatible_keys", "sections", "genres"};
constexpr std::array<std::string_view, 3> k_number_fields = {"confidence", "loudness_target_lufs", "tempo_bpm"};
constexpr std::size_t k_max_echo_chars = 80;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, const std::string& name) {
  for (auto known : names) {
    if (known == name) return true;
  }
  return false;
}

std::string strip_code_fence(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text.compare(first, 3, "```") != 0) return text;
  const auto body = text.find('\n', first);
  const auto end = text.rfind("```");
  if (body == std::string::npos || end == std::string::npos || end <= body) return text;
  return text.substr(body + 1, end - body - 1);
}
}  // namespace

json answer_json_schema(const AnalysisType& type) {
  json properties = json::object();
  for (const auto& field : type.required_fields) {
    if (contains(k_list_fields, field)) {
      properties[field] = {{"type", "array"}, {"items", {{"type", "string"}}}};
    } else if (contains(k_number_fields, field)) {
      properties[field] = {{"type", "number"}};
    } else {
      properties[field] = {{"type", "string"}};
    }
  }
  return {{"type", "object"},
          {"properties", properties},
          {"required", type.required_fields},
          {"additionalProperties", false}};
}

json answer_gemini_schema(const AnalysisType& type) {
  json properties = json::object();
  for (const auto& field : type.required_fields) {
    if (contains(k_list_fields, field)) {
      properties[field] = {{"type", "ARRAY"}, {"items", {{"type", "STRING"}}}};
    } else if (contains(k_number_fields, field)) {
      properties[field] = {{"type", "NUMBER"}};
    } else {
      properties[field] = {{"type", "STRING"}};
    }
  }
  return {{"type", "OBJECT"}, {"properties", properties}, {"required", type.required_fields}};
}

Result<json> validate_answer(json answer, const AnalysisType& type) {
  if (!answer.is_object()) return Error{"the answer is not a JSON object"};
  std::string missing;
  for (const auto& field : type.required_fields) {
    if (answer.contains(field)) continue;
    if (!missing.empty()) missing += ", ";
    missing += field;
  }
  if (!missing.empty()) return Error{"the answer lacks required fields: " + missing};
  return answer;
}

Result<json> parse_and_validate_answer(const std::string& text, const AnalysisType& type) {
  const std::string body = strip_code_fence(text);
  if (Status bounds = check_json_bounds(body); !bounds) return Error{"the answer was rejected: " + bounds.error};
  auto answer = json::parse(body, nullptr, false);
  if (answer.is_discarded()) {
    const std::string head = body.substr(0, k_max_echo_chars);
    return Error{"the answer is not valid JSON (starts: " + json(head).dump(-1, ' ', false, json::error_handler_t::replace) + ")"};
  }
  return validate_answer(std::move(answer), type);
}

}  // namespace samplemind
