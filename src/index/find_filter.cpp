// find's matching rules; docs/index.md lists them for users.
#include "index/find_filter.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "model/musical_key.hpp"
#include "model/statement_check.hpp"

namespace samplemind {
namespace {

bool contains_text(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool key_matches(const KeyFilter& wanted, const Features& f) {
  if (!f.key) return false;
  const auto tonic = pitch_class_from_name(*f.key);
  if (!tonic || *tonic != wanted.tonic_pc) return false;
  if (!wanted.minor) return true;
  return f.mode && (*f.mode == "minor") == *wanted.minor;
}

bool camelot_matches(const std::vector<std::string>& codes, const Features& f) {
  if (!f.key || !f.mode) return false;
  const std::string code = camelot_code(*f.key, *f.mode);
  return !code.empty() && std::find(codes.begin(), codes.end(), code) != codes.end();
}

// A free word is found in the file's own name, its category, or the answer's text fields.
bool word_found(const std::string& word, const std::string& name, const std::optional<std::string>& category,
                const FindAnswer* answer) {
  if (contains_text(name, word)) return true;
  if (category && contains_text(*category, word)) return true;
  if (answer == nullptr) return false;
  if (contains_text(answer->genre, word) || contains_text(answer->mood, word)) return true;
  const auto in = [&word](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&word](const std::string& item) { return contains_text(item, word); });
  };
  return in(answer->subgenres) || in(answer->tags);
}

}  // namespace

std::optional<std::string> find_category_of(const Features& features) { return features.category; }

bool matches_features(const FindQuery& query, const IndexedFile& file) {
  const Features& f = file.features;
  if (query.bpm && (!f.tempo_bpm || !query.bpm->contains(*f.tempo_bpm))) return false;
  if (query.loudness_lufs && !query.loudness_lufs->contains(f.loudness_lufs)) return false;
  if (query.duration_s && !query.duration_s->contains(f.duration_s)) return false;
  if (query.key && !key_matches(*query.key, f)) return false;
  if (!query.compatible_camelot.empty() && !camelot_matches(query.compatible_camelot, f)) return false;
  if (query.kind && f.kind != *query.kind) return false;
  if (query.contradicted && !check_statements(f).disagrees()) return false;
  if (query.category) {
    const auto category = find_category_of(f);
    if (!category || ascii_lower(*category) != *query.category) return false;
  }
  return true;
}

bool matches_answer(const FindQuery& query, const IndexedFile& file, const FindAnswer* answer) {
  if ((query.genre || !query.tags.empty()) && answer == nullptr) return false;
  if (query.genre && !contains_text(answer->genre, *query.genre) &&
      std::none_of(answer->subgenres.begin(), answer->subgenres.end(),
                   [&query](const std::string& sub) { return contains_text(sub, *query.genre); })) {
    return false;
  }
  for (const std::string& tag : query.tags) {
    if (std::find(answer->tags.begin(), answer->tags.end(), tag) == answer->tags.end()) return false;
  }
  if (query.words.empty()) return true;
  const std::string name = ascii_lower(std::filesystem::path(file.path).filename().string());
  const auto category = find_category_of(file.features);
  const std::optional<std::string> lower_category = category ? std::optional(ascii_lower(*category)) : std::nullopt;
  return std::all_of(query.words.begin(), query.words.end(), [&](const std::string& word) {
    return word_found(word, name, lower_category, answer);
  });
}

}  // namespace samplemind
