// The streamed analyze JSON is byte-identical to the document dumped as one tree.
#include <doctest/doctest.h>

#include <sstream>

#include "report/report.hpp"

using namespace samplemind;

namespace {
std::string streamed(const RunOutcome& outcome, const nlohmann::json& extra = nlohmann::json::object()) {
  std::ostringstream out;
  write_analyze_json(out, outcome, extra);
  return out.str();
}
}  // namespace

TEST_CASE("report json stream: same bytes as the tree, with files, errors and odd names") {
  RunOutcome outcome;
  FileResult ok;
  ok.path = "lib/loop \"quoted\"\n.wav";
  Features features;
  features.duration_s = 1.5;
  features.tempo_bpm = 120.0;
  ok.features = features;
  ok.result = nlohmann::json{{"genre", "house"}, {"tags", {"a", "b"}}, {"nested", {{"x", 1}}}};
  FileResult bad;
  bad.path = "lib/bad_\xff\xfe.wav";
  bad.status = FileStatus::error;
  bad.error = "not a readable audio file";
  outcome.files = {ok, bad};
  outcome.summary.files_total = 2;
  CHECK(streamed(outcome) == dump_json(analyze_report_json(outcome)));

  nlohmann::json expected = analyze_report_json(outcome);
  expected["summary"]["dry_run"] = true;
  CHECK(streamed(outcome, {{"dry_run", true}}) == dump_json(expected));
}

TEST_CASE("report json stream: an empty run") {
  RunOutcome outcome;
  CHECK(streamed(outcome) == dump_json(analyze_report_json(outcome)));
}
