#pragma once
// Whether one cached file matches a find query: features first (cheap), then the AI answer.
#include <optional>
#include <string>
#include <vector>

#include "cache/feature_index.hpp"
#include "index/find_query.hpp"

namespace samplemind {

// The searchable part of a cached AI answer (genre_classification's fields), lower case.
struct FindAnswer {
  std::string genre;
  std::vector<std::string> subgenres;
  std::string mood;
  std::vector<std::string> tags;
};

// Why: the file's category as the features carry it (nothing until it was classified).
std::optional<std::string> find_category_of(const Features& features);

// Why: decides the filters that need only the features (bpm, key, kind, category...).
bool matches_features(const FindQuery& query, const IndexedFile& file);

// Why: decides the filters that need the cached answer (genre, tags, free words); a file
// without an answer matches only when no genre or tag was asked for.
bool matches_answer(const FindQuery& query, const IndexedFile& file, const FindAnswer* answer);

}  // namespace samplemind
