#pragma once
// Run outcomes the report tests print: files whose names and answers test the writers.
#include "pipeline/batch_runner.hpp"

namespace samplemind::testing {

// An answered file with quotes and a newline in its name, and a broken file whose name is
// not UTF-8; scan positions 0 and 1.
inline RunOutcome outcome_with_odd_names() {
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
  bad.scan_index = 1;
  outcome.files = {ok, bad};
  outcome.summary.files_total = 2;
  return outcome;
}

}  // namespace samplemind::testing
