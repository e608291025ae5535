// One line per object; a time-based flush keeps a pipe reader current at little cost.
#include "report/json_lines.hpp"

#include "report/report.hpp"

namespace samplemind {

namespace {
constexpr auto k_flush_interval = std::chrono::milliseconds(100);
}  // namespace

void JsonLinesWriter::write(const nlohmann::json& object) {
  out_ << dump_json(object, -1) << '\n';
  const auto now = std::chrono::steady_clock::now();
  if (now - last_flush_ >= k_flush_interval) {
    out_.flush();
    last_flush_ = now;
  }
}

void JsonLinesWriter::flush() {
  out_.flush();
  last_flush_ = std::chrono::steady_clock::now();
}

}  // namespace samplemind
