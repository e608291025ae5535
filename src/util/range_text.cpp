// Splitting and trimming range text; the numbers themselves go through checked_number.hpp.
#include "util/range_text.hpp"

namespace samplemind {

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  const std::string_view tail = text.substr(text.size() - suffix.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    const char c = tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

RangeSides split_range_text(std::string_view text, bool dash_splits) {
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    return {text.substr(0, dots), text.substr(dots + 2)};
  }
  if (dash_splits) {
    if (const auto dash = text.find('-'); dash != std::string_view::npos) {
      return {text.substr(0, dash), text.substr(dash + 1)};
    }
  }
  return {text, std::nullopt};
}

}  // namespace samplemind
