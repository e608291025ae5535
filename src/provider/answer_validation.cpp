// Every provider's answer passes here before it is sanitised, reported or cached: a model
// that ignores the schema (or a server that cannot enforce it) costs one file, not the cache.
#include <cmath>

#include <fmt/format.h>

#include "provider/answer_schema.hpp"
#include "util/bounded_json.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;
constexpr std::size_t k_max_echo_chars = 80;

std::string strip_code_fence(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text.compare(first, 3, "```") != 0) return text;
  const auto body = text.find('\n', first);
  const auto end = text.rfind("```");
  if (body == std::string::npos || end == std::string::npos || end <= body) return text;
  return text.substr(body + 1, end - body - 1);
}

const char* json_kind(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "a list";
  if (value.is_string()) return "text";
  if (value.is_boolean()) return "true/false";
  if (value.is_number()) return "a number";
  return "null";
}

// What is wrong with one field's value, or "" when it fits its spec.
std::string field_problem(const std::string& name, const json& value, const FieldSpec& spec) {
  if (value.is_null()) return spec.nullable ? "" : fmt::format("'{}' is null", name);
  switch (spec.kind) {
    case FieldKind::number: {
      if (!value.is_number()) return fmt::format("'{}' is {}, not a number", name, json_kind(value));
      const double number = value.get<double>();
      if (!std::isfinite(number) || (spec.minimum && number < *spec.minimum) ||
          (spec.maximum && number > *spec.maximum)) {
        return fmt::format("'{}' is {}, outside {}..{}", name, number, spec.minimum.value_or(-INFINITY),
                           spec.maximum.value_or(INFINITY));
      }
      return "";
    }
    case FieldKind::text_list: {
      if (!value.is_array()) return fmt::format("'{}' is {}, not a list of text", name, json_kind(value));
      if (value.size() > k_max_list_items) return fmt::format("'{}' has {} items (at most {})", name, value.size(), k_max_list_items);
      for (const auto& item : value) {
        if (!item.is_string()) return fmt::format("'{}' holds {}, not text", name, json_kind(item));
      }
      return "";
    }
    case FieldKind::text: {
      if (!value.is_string()) return fmt::format("'{}' is {}, not text", name, json_kind(value));
      if (spec.allowed.empty()) return "";
      for (const auto& allowed : spec.allowed) {
        if (value.get<std::string>() == allowed) return "";
      }
      return fmt::format("'{}' is not one of the allowed values", name);
    }
  }
  return "";
}
}  // namespace

Result<json> validate_answer(json answer, const AnalysisType& type) {
  if (!answer.is_object()) return Error{"the answer is not a JSON object"};
  std::string missing;
  for (const auto& field : type.required_fields) {
    if (answer.contains(field)) continue;
    if (!missing.empty()) missing += ", ";
    missing += field;
  }
  if (!missing.empty()) return Error{"the answer lacks required fields: " + missing};
  std::string problems;
  for (const auto& [name, value] : answer.items()) {
    bool known = false;
    for (const auto& field : type.required_fields) known = known || field == name;
    const std::string problem = known ? field_problem(name, value, field_spec(name)) : "an unexpected field";
    if (problem.empty()) continue;
    if (!problems.empty()) problems += "; ";
    problems += known ? problem : fmt::format("'{}' is {}", name.substr(0, k_max_echo_chars), problem);
  }
  if (!problems.empty()) return Error{"the answer does not match the " + type.name + " schema: " + problems};
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
