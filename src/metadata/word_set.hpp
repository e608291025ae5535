#pragma once
// A fixed list of words, looked up by hash. The file-name rules test each word of every
// name against lists of 6 to 90 words; searched one by one, those lists took a twentieth of
// a warm run over 100,000 files.
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace samplemind::metadata {

class WordSet {
 public:
  // words: any range of string_view that outlives the set (the rules' constant lists).
  template <class Words>
  explicit WordSet(const Words& words) : words_(std::begin(words), std::end(words)) {}

  // Why: membership in constant time, for the name rules' lists.
  bool contains(std::string_view word) const { return words_.count(word) > 0; }

 private:
  std::unordered_set<std::string_view> words_;
};

// A fixed list of words with what each one names (a category), looked up by hash.
class WordMap {
 public:
  // entries: a range of structs with string_view members word and category.
  template <class Entries>
  explicit WordMap(const Entries& entries) {
    for (const auto& entry : entries) meanings_.emplace(entry.word, entry.category);  // the first listing wins
  }

  // Why: what the word names, or an empty view when the list lacks it.
  std::string_view find(std::string_view word) const {
    const auto found = meanings_.find(word);
    return found == meanings_.end() ? std::string_view() : found->second;
  }

 private:
  std::unordered_map<std::string_view, std::string_view> meanings_;
};

}  // namespace samplemind::metadata
