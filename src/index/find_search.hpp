#pragma once
// find over a list of cached files (final values, as list_cached_files gives them): the
// query's filters, the joined answers, and the stale files that would have matched kept apart.
#include <functional>
#include <optional>
#include <vector>

#include "index/find_filter.hpp"
#include "cache/feature_index.hpp"
#include "index/find_query.hpp"

namespace samplemind {

struct FindMatch {
  IndexedFile file;                 // features are final (the name's statements applied)
  std::optional<FindAnswer> answer;
};

struct FindOutcome {
  std::vector<FindMatch> matches;   // fresh files that match, in path order
  std::vector<FindMatch> stale;     // changed or vanished files whose cached values match
  std::size_t searched = 0;         // cached files in scope
};

// The cached answer for a file's final features, or nothing; empty function: no answers.
// Called from several threads at once.
using AnswerLookup = std::function<std::optional<FindAnswer>(const Features&)>;

// Why: runs the query over cached files; answers are looked up only for files that passed
// the feature filters (a lookup costs far more than a comparison), on a few threads.
FindOutcome find_files(std::vector<IndexedFile> files, const FindQuery& query, const AnswerLookup& lookup);

}  // namespace samplemind
