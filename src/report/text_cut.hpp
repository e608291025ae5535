#pragma once
// Fitting text into terminal columns: table cells and the progress line.
#include <cstddef>
#include <string>
#include <string_view>

namespace samplemind {

// Columns the text takes on a terminal: one per UTF-8 code point (wide CJK characters are
// counted as one; an invalid byte counts as one).
std::size_t display_columns(std::string_view text);

// The text cut to at most max_columns, ending in a visible "…" when something was cut;
// never splits a UTF-8 sequence.
std::string cut_with_ellipsis(std::string_view text, std::size_t max_columns);

// The end of the text, at most max_columns, starting with "…" when its beginning was cut
// (a path's file name is worth more than its first folders).
std::string cut_front_with_ellipsis(std::string_view text, std::size_t max_columns);

// The text cut (if needed) and padded with spaces to exactly `columns`.
std::string fit_column(std::string_view text, std::size_t columns);

}  // namespace samplemind
