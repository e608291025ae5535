// Decision: answers are single-line values (a genre, a tip, a list of tags), so a line
// break carries no meaning worth keeping and is a space; escapes are removed, not shown
// as "^[", because a report column is not a debugging tool.
#include "provider/answer_sanitizer.hpp"

#include "util/secret_mask.hpp"

namespace samplemind {

namespace {
constexpr unsigned char k_first_printable = 0x20;
constexpr unsigned char k_delete = 0x7f;
constexpr unsigned char k_utf8_c1_lead = 0xc2;  // U+0080-U+009F are C2 80 .. C2 9F
constexpr unsigned char k_c1_last_continuation = 0x9f;

std::string clean_string(std::string_view text, const std::vector<std::string>& secrets) {
  return mask_key_text(strip_control_chars(text), secrets, KeyShapes::strict);
}
}  // namespace

std::string sanitize_answer_text(std::string_view text, const std::vector<std::string>& secrets) {
  return clean_string(text, secrets);  // no copy first: every warm hit cleans each string of its answer
}

std::string strip_control_chars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\t' || byte == '\n' || byte == '\r') {
      out.push_back(' ');
    } else if (byte < k_first_printable || byte == k_delete) {
      continue;
    } else if (byte == k_utf8_c1_lead && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) <= k_c1_last_continuation &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      ++i;  // a C1 control: skip both bytes
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

nlohmann::json sanitize_answer(const nlohmann::json& answer, const std::vector<std::string>& secrets) {
  if (answer.is_string()) return clean_string(answer.get_ref<const std::string&>(), secrets);
  if (answer.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : answer) out.push_back(sanitize_answer(item, secrets));
    return out;
  }
  if (answer.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : answer.items()) out[clean_string(name, secrets)] = sanitize_answer(value, secrets);
    return out;
  }
  return answer;
}

}  // namespace samplemind
