// Table rows written in scan order while the run goes on (report/ordered_rows.hpp): any
// arrival order gives the same table, a row in turn goes out without waiting for the end,
// and a row that holds back too many others sends the rest to the spool, not to memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "report/ordered_rows.hpp"

using namespace samplemind;

namespace {
std::string row(std::size_t index) { return "row " + std::to_string(index) + "\n"; }

std::string expected_table(std::size_t count) {
  std::string text = "HEADER\n";
  for (std::size_t i = 0; i < count; ++i) text += row(i);
  return text;
}
}  // namespace

TEST_CASE("ordered rows: rows in any order come out in scan order, after the header") {
  std::ostringstream out;
  OrderedRowWriter writer(out, "HEADER\n", EntrySpool::open());
  std::vector<std::size_t> order(500);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (std::size_t index : order) writer.add(index, row(index));
  REQUIRE(writer.finish());
  CHECK(out.str() == expected_table(500));
}

TEST_CASE("ordered rows: a row in turn is written during the run, not at the end") {
  std::ostringstream out;
  OrderedRowWriter writer(out, "HEADER\n", EntrySpool::open());
  writer.add(1, row(1));
  writer.add(0, row(0));
  std::this_thread::sleep_for(std::chrono::milliseconds(250));  // past the interval between writes
  writer.add(3, row(3));  // not in turn: waits for row 2
  CHECK(out.str() == "HEADER\nrow 0\nrow 1\n");
  writer.add(2, row(2));
  REQUIRE(writer.finish());
  CHECK(out.str() == expected_table(4));
}

TEST_CASE("ordered rows: an empty row prints nothing, with no rows finish prints the header") {
  std::ostringstream out;
  OrderedRowWriter writer(out, "HEADER\n", nullptr);
  writer.add(0, row(0));
  writer.add(1, "");
  writer.add(2, row(2));
  REQUIRE(writer.finish());
  CHECK(out.str() == "HEADER\nrow 0\nrow 2\n");
  std::ostringstream empty;
  OrderedRowWriter none(empty, "HEADER\n", nullptr);
  REQUIRE(none.finish());
  CHECK(empty.str() == "HEADER\n");
}

TEST_CASE("ordered rows: a row that holds back more than the memory allowance sends the rest to the spool") {
  std::ostringstream out;
  OrderedRowWriter writer(out, "HEADER\n", EntrySpool::open());
  const std::string wide(1000, 'x');
  const std::size_t rows = k_rows_waiting_bytes / 1000 + 500;  // more than may wait in memory
  for (std::size_t i = 1; i < rows; ++i) writer.add(i, std::to_string(i) + wide + "\n");
  writer.add(0, "0" + wide + "\n");  // the late one: the rest are in the spool by now
  CHECK(out.str().size() < k_rows_waiting_bytes);  // nothing past it went out from memory
  REQUIRE(writer.finish());
  CHECK(writer.fallback_reason().empty());
  std::istringstream lines(out.str());
  std::string line;
  std::size_t count = 0;
  std::getline(lines, line);
  CHECK(line == "HEADER");
  while (std::getline(lines, line)) {
    CHECK(line == std::to_string(count) + wide);
    ++count;
  }
  CHECK(count == rows);
}

TEST_CASE("ordered rows: workers adding side by side still give one table in order") {
  std::ostringstream out;
  OrderedRowWriter writer(out, "HEADER\n", EntrySpool::open());
  static constexpr std::size_t k_rows = 20000;
  static constexpr std::size_t k_run = 128;  // like the workers' runs of neighbouring files
  std::vector<std::thread> workers;
  for (std::size_t worker = 0; worker < 3; ++worker) {
    workers.emplace_back([&writer, worker] {
      for (std::size_t start = worker * k_run; start < k_rows; start += 3 * k_run) {
        for (std::size_t i = start; i < std::min(start + k_run, k_rows); ++i) writer.add(i, row(i));
      }
    });
  }
  for (auto& worker : workers) worker.join();
  REQUIRE(writer.finish());
  CHECK(out.str() == expected_table(k_rows));
}
