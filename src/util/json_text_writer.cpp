// A streaming twin of nlohmann's serializer for the hot report paths; the unit test
// holds its bytes equal to dump_json's on random trees.
#include "util/json_text_writer.hpp"

#include <charconv>
#include <cmath>

namespace samplemind {

namespace {
// Plain printable ASCII other than the two characters JSON escapes: copied as it is.
bool needs_no_escaping(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}
}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (needs_no_escaping(text)) {
    out.push_back('"');
    out.append(text);
    out.push_back('"');
    return;
  }
  // Anything else takes nlohmann's own escaping (UTF-8 checks and replacement included).
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

JsonTextWriter::JsonTextWriter(std::string& out, int indent, int base_level)
    : out_(out), indent_(indent), base_level_(static_cast<std::size_t>(base_level < 0 ? 0 : base_level)) {}

void JsonTextWriter::newline_at(std::size_t level) {
  out_.push_back('\n');
  out_.append((base_level_ + level) * static_cast<std::size_t>(indent_), ' ');
}

void JsonTextWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;  // the top-level value
  if (empty_.back() == '0') out_.push_back(',');
  empty_.back() = '0';
  if (indent_ >= 0) newline_at(empty_.size());
}

void JsonTextWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonTextWriter::begin_object() {
  before_value();
  out_.push_back('{');
  empty_.push_back('1');
}

void JsonTextWriter::begin_array() {
  before_value();
  out_.push_back('[');
  empty_.push_back('1');
}

void JsonTextWriter::close(char bracket) {
  const bool was_empty = empty_.back() == '1';
  empty_.pop_back();
  if (!was_empty && indent_ >= 0) newline_at(empty_.size());
  out_.push_back(bracket);
}

void JsonTextWriter::end_object() { close('}'); }
void JsonTextWriter::end_array() { close(']'); }

void JsonTextWriter::null() {
  before_value();
  out_ += "null";
}

void JsonTextWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonTextWriter::number(double value) {
  if (!std::isfinite(value)) return null();
  before_value();
  char buffer[64];
  // nlohmann's own shortest round-trip form ("120.0", "1e-05"), so the bytes match dump().
  const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
}

void JsonTextWriter::integer(std::int64_t value) {
  before_value();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void JsonTextWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonTextWriter::string_or_null(std::optional<std::string_view> text) {
  if (text) return string(*text);
  null();
}

void JsonTextWriter::integer_or_null(const std::optional<int>& value) {
  if (value) return integer(*value);
  null();
}

void JsonTextWriter::boolean_or_null(const std::optional<bool>& value) {
  if (value) return boolean(*value);
  null();
}

void JsonTextWriter::value(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::object:
      begin_object();
      for (auto it = json.begin(); it != json.end(); ++it) {
        key(it.key());
        value(it.value());
      }
      return end_object();
    case nlohmann::json::value_t::array:
      begin_array();
      for (const auto& element : json) value(element);
      return end_array();
    case nlohmann::json::value_t::string: return string(json.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean: return boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer: return integer(json.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      before_value();
      out_ += std::to_string(json.get<std::uint64_t>());
      return;
    }
    case nlohmann::json::value_t::number_float: return number(json.get<double>());
    default: return null();  // null, binary, discarded: dump_json has no other form for them
  }
}

}  // namespace samplemind
