// The streamed analyze JSON is byte-identical to the document dumped as one tree.
#include <doctest/doctest.h>

#include <sstream>

#include "report/report.hpp"
#include "support/report_outcomes.hpp"

using namespace samplemind;

namespace {
std::string streamed(const RunOutcome& outcome, const nlohmann::json& extra = nlohmann::json::object()) {
  std::ostringstream out;
  write_analyze_json(out, outcome, extra);
  return out.str();
}
}  // namespace

TEST_CASE("report json stream: same bytes as the tree, with files, errors and odd names") {
  const RunOutcome outcome = samplemind::testing::outcome_with_odd_names();
  CHECK(streamed(outcome) == dump_json(analyze_report_json(outcome)));

  nlohmann::json expected = analyze_report_json(outcome);
  expected["summary"]["dry_run"] = true;
  CHECK(streamed(outcome, {{"dry_run", true}}) == dump_json(expected));
}

TEST_CASE("report json stream: an empty run") {
  RunOutcome outcome;
  CHECK(streamed(outcome) == dump_json(analyze_report_json(outcome)));
}
