#pragma once
// The text of a numeric range a user types ("120-128", "120..128", "-14..-8", "70bpm-180bpm"):
// find's filters and the tempo range read it the same way.
#include <optional>
#include <string_view>

namespace samplemind {

// Why: flags arrive with the spaces and tabs the user typed around values.
std::string_view trim_blanks(std::string_view text);

// Why: units are written in any case ("120BPM", "-14 LUFS").
bool ends_with_ci(std::string_view text, std::string_view suffix);

// The two sides of "A..B" (or of "A-B" when dash_splits and there is no ".."); a text without
// a separator is one value (high = nothing).
struct RangeSides {
  std::string_view low;
  std::optional<std::string_view> high;
};

// Why: one split rule, so "120..128" means the same range wherever a range is typed.
RangeSides split_range_text(std::string_view text, bool dash_splits);

}  // namespace samplemind
