// Stat records: simdjson for reading (features_reader.hpp), the text writer for writing.
#include "cache/stat_record.hpp"

#include "model/features_reader.hpp"
#include "util/json_text_writer.hpp"
#include "util/path_json.hpp"

namespace samplemind {
namespace {

// Larger than any record samplemind writes (about 1.5 kB); anything bigger is hostile.
constexpr std::size_t k_max_stat_record_bytes = 1 << 20;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes a "path_hex" field spells; empty when it is not even-length hex.
std::string bytes_from_hex(std::string_view hex) {
  std::string out;
  if (hex.size() % 2 != 0) return out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) return {};
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

// An integer field, or -1 when absent or of another type (never matches a real stat).
std::int64_t integer_field(const simdjson::dom::object& json, const char* name) {
  std::int64_t value = -1;
  if (json[name].get_int64().get(value) != simdjson::SUCCESS) return -1;
  return value;
}

// The "racy" mark: absent reads as false (every record written before it), a boolean as
// itself, anything else as true, so a damaged mark never makes a record trusted.
bool racy_field(const simdjson::dom::object& json) {
  simdjson::dom::element field;
  if (json["racy"].get(field) != simdjson::SUCCESS) return false;
  bool value = true;
  return field.get_bool().get(value) != simdjson::SUCCESS || value;
}

std::string text_field(const simdjson::dom::object& json, const char* name) {
  std::string_view text;
  if (json[name].get_string().get(text) != simdjson::SUCCESS) return {};
  return std::string(text);
}

}  // namespace

Result<StatRecord> parse_stat_record(std::string_view payload, bool with_features) {
  if (payload.size() > k_max_stat_record_bytes) return Error{"stat record too large"};
  simdjson::dom::element root;
  simdjson::dom::object json;
  if (thread_json_parser().parse(payload.data(), payload.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(json) != simdjson::SUCCESS) {
    return Error{"stat record is not a JSON object"};
  }
  StatRecord record;
  record.path = bytes_from_hex(text_field(json, "path_hex"));
  record.recorded.size_bytes = integer_field(json, "size");
  record.recorded.mtime_ns = integer_field(json, "mtime_ns");
  record.recorded.ctime_ns = integer_field(json, "ctime_ns");
  record.recorded.inode = integer_field(json, "inode");
  record.recorded.device = integer_field(json, "device");
  record.sha256 = text_field(json, "sha256");
  if (record.sha256.size() != 64) record.sha256.clear();
  record.racy = racy_field(json);
  if (simdjson::dom::element answer; json["answer"].get(answer) == simdjson::SUCCESS) record.answer = read_answer_memo(answer);
  simdjson::dom::element features;
  record.has_features = json["features"].get(features) == simdjson::SUCCESS && features.is_object();
  if (with_features && record.has_features) {
    if (auto read = features_from_element(features)) record.features = std::move(*read);
  }
  return record;
}

std::string stat_record_json(const StatRecord& record, const Features* features) {
  // The path is stored as hex: file names are bytes, and JSON text must be UTF-8.
  const FileStat& stat = record.recorded;
  std::string text;
  text.reserve(2048);  // about 1.6 kB with features: one allocation instead of a chain of doublings
  JsonTextWriter out(text, -1);
  out.begin_object();  // keys sorted, as every earlier record was written
  if (record.answer) {
    out.key("answer");
    write_answer_memo(out, *record.answer);
  }
  out.key("ctime_ns");
  out.integer(stat.ctime_ns);
  out.key("device");
  out.integer(stat.device);
  if (features != nullptr) {
    out.key("features");
    write_features_json(out, *features);
  }
  out.key("inode");
  out.integer(stat.inode);
  out.key("mtime_ns");
  out.integer(stat.mtime_ns);
  out.key("path_hex");
  out.string(hex_bytes(record.path));
  if (record.racy) {  // written only when set, so every other record reads as before
    out.key("racy");
    out.boolean(true);
  }
  out.key("sha256");
  out.string(record.sha256);
  out.key("size");
  out.integer(stat.size_bytes);
  out.end_object();
  return text;
}

bool stat_record_matches(const StatRecord& record, const FileStat& now) {
  return !record.racy && record.sha256.size() == 64 && record.recorded.same_content_as(now);
}

}  // namespace samplemind
