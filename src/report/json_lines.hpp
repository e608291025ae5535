#pragma once
// JSON Lines written as results finish: each object on one line, flushed often enough that
// a reader sees files as they finish (at least every 100 ms) without a write call per line.
#include <chrono>
#include <mutex>
#include <ostream>
#include <string_view>

#include <nlohmann/json.hpp>

namespace samplemind {

class JsonLinesWriter {
 public:
  explicit JsonLinesWriter(std::ostream& out) : out_(out) {}

  // Writes the object as one line (NaN/inf as null, invalid UTF-8 replaced).
  void write(const nlohmann::json& object);
  // Writes text that is already one line of JSON (report/file_json.hpp writes those); any
  // thread: workers write the lines they rendered themselves, one whole line at a time.
  void write_line(std::string_view line);
  // Pushes buffered lines out now (at the end of a run).
  void flush();

 private:
  std::mutex mutex_;
  std::ostream& out_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
};

}  // namespace samplemind
