// The depth scan counts brackets outside strings (a backslash escapes the next byte inside
// a string), so it is linear and needs no recursion. Malformed text is left to the parser.
#include "util/bounded_json.hpp"

#include <string>

namespace samplemind {

Status check_json_bounds(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status::failure("JSON larger than " + std::to_string(limits.max_bytes) + " bytes (" +
                           std::to_string(text.size()) + ")");
  }
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) {
        return Status::failure("JSON nested deeper than " + std::to_string(limits.max_depth) + " levels");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return Status::success();
}

Result<nlohmann::json> parse_bounded_json(std::string_view text, const JsonLimits& limits) {
  if (Status bounds = check_json_bounds(text, limits); !bounds) return Error{bounds.error};
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Error{"not valid JSON"};
  return document;
}

}  // namespace samplemind
