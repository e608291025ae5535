#pragma once
// find's outputs: a table for people, json/jsonl/csv for programs, bare paths for xargs.
#include <ostream>

#include <nlohmann/json_fwd.hpp>

#include "index/find_search.hpp"

namespace samplemind {

// Why: one match as JSON: path (+ path_hex), features, category, genre, mood, tags.
nlohmann::json find_match_json(const FindMatch& match);

// Why: {"summary": {searched, matched, stale}, "files": [...], "stale": [{path, reason}]}.
void write_find_json(std::ostream& out, const FindOutcome& outcome);
// Why: one match object per line (stale files are named on stderr instead).
void write_find_jsonl(std::ostream& out, const FindOutcome& outcome);
// Why: one row per match: path, the feature columns, category, genre, tags ("; "-joined).
void write_find_csv(std::ostream& out, const FindOutcome& outcome);
// Why: aligned columns with control characters escaped, then a count line.
void write_find_table(std::ostream& out, const FindOutcome& outcome);
// Why: exact path bytes, each followed by separator ('\n' or '\0'). With '\n', a path holding
// a control character cannot be printed safely and is returned for the caller to report.
std::vector<std::string> write_find_paths(std::ostream& out, const FindOutcome& outcome, char separator);

}  // namespace samplemind
