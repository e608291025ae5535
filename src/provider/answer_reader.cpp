// simdjson for the parse (it is already the reader of stat records), nlohmann for the
// result, which reports and prompts use; strings are cleaned as they are copied across.
#include "provider/answer_reader.hpp"

#include <simdjson.h>

#include "model/features_reader.hpp"
#include "provider/answer_sanitizer.hpp"
#include "util/bounded_json.hpp"

namespace samplemind {
namespace {

const std::vector<std::string> k_no_secrets;

// Copies one element into nlohmann's form, cleaning strings; false when deeper than the cap.
// depth counts the containers around element, as check_json_bounds counts them.
bool copy_clean(const simdjson::dom::element& element, nlohmann::json& out, std::size_t depth) {
  switch (element.type()) {
    case simdjson::dom::element_type::OBJECT: {
      if (depth + 1 > k_max_json_depth) return false;
      out = nlohmann::json::object();
      simdjson::dom::object object;
      if (element.get_object().get(object) != simdjson::SUCCESS) return false;
      for (const auto field : object) {
        nlohmann::json value;
        if (!copy_clean(field.value, value, depth + 1)) return false;
        out[sanitize_answer_text(field.key, k_no_secrets)] = std::move(value);
      }
      return true;
    }
    case simdjson::dom::element_type::ARRAY: {
      if (depth + 1 > k_max_json_depth) return false;
      out = nlohmann::json::array();
      simdjson::dom::array array;
      if (element.get_array().get(array) != simdjson::SUCCESS) return false;
      for (const auto item : array) {
        nlohmann::json value;
        if (!copy_clean(item, value, depth + 1)) return false;
        out.push_back(std::move(value));
      }
      return true;
    }
    case simdjson::dom::element_type::STRING:
      out = sanitize_answer_text(element.get_string().value_unsafe(), k_no_secrets);
      return true;
    case simdjson::dom::element_type::INT64: out = element.get_int64().value_unsafe(); return true;
    case simdjson::dom::element_type::UINT64: out = element.get_uint64().value_unsafe(); return true;
    case simdjson::dom::element_type::DOUBLE: out = element.get_double().value_unsafe(); return true;
    case simdjson::dom::element_type::BOOL: out = element.get_bool().value_unsafe(); return true;
    case simdjson::dom::element_type::NULL_VALUE: out = nullptr; return true;
    default: return false;
  }
}

Error too_deep() { return Error{"JSON nested deeper than " + std::to_string(k_max_json_depth) + " levels"}; }

}  // namespace

Result<nlohmann::json> read_clean_answer(std::string_view payload) {
  if (payload.size() > k_max_json_bytes) return Error{"JSON larger than " + std::to_string(k_max_json_bytes) + " bytes"};
  simdjson::dom::element root;
  const auto parsed = thread_json_parser().parse(payload.data(), payload.size()).get(root);
  if (parsed == simdjson::DEPTH_ERROR) return too_deep();
  if (parsed != simdjson::SUCCESS) return Error{"not valid JSON"};
  nlohmann::json answer;
  if (!copy_clean(root, answer, 0)) return too_deep();
  return answer;
}

}  // namespace samplemind
