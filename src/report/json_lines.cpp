// One line per object; a time-based flush keeps a pipe reader current at little cost.
#include "report/json_lines.hpp"

#include "report/report.hpp"

namespace samplemind {

namespace {
constexpr auto k_flush_interval = std::chrono::milliseconds(100);
}  // namespace

void JsonLinesWriter::write(const nlohmann::json& object) { write_line(dump_json(object, -1)); }

void JsonLinesWriter::write_line(std::string_view line) {
  const std::lock_guard lock(mutex_);
  out_ << line << '\n';
  const auto now = std::chrono::steady_clock::now();
  if (now - last_flush_ >= k_flush_interval) {
    out_.flush();
    last_flush_ = now;
  }
}

void JsonLinesWriter::flush() {
  const std::lock_guard lock(mutex_);
  out_.flush();
  last_flush_ = std::chrono::steady_clock::now();
}

}  // namespace samplemind
