// Code points, not bytes: a cut never leaves half a character behind.
#include "report/text_cut.hpp"

namespace samplemind {

namespace {
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // U+2026

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Byte offset just past the first `columns` code points of text.
std::size_t offset_after_columns(std::string_view text, std::size_t columns) {
  std::size_t offset = 0;
  for (std::size_t seen = 0; offset < text.size() && seen < columns; ++seen) {
    ++offset;
    while (offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset]))) ++offset;
  }
  return offset;
}
}  // namespace

std::size_t display_columns(std::string_view text) {
  std::size_t columns = 0;
  for (const char c : text) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++columns;
  }
  return columns;
}

std::string cut_with_ellipsis(std::string_view text, std::size_t max_columns) {
  if (display_columns(text) <= max_columns) return std::string(text);
  if (max_columns == 0) return "";
  std::string cut(text.substr(0, offset_after_columns(text, max_columns - 1)));
  cut += k_ellipsis;
  return cut;
}

std::string cut_front_with_ellipsis(std::string_view text, std::size_t max_columns) {
  const std::size_t columns = display_columns(text);
  if (columns <= max_columns) return std::string(text);
  if (max_columns == 0) return "";
  std::string cut(k_ellipsis);
  cut += text.substr(offset_after_columns(text, columns - (max_columns - 1)));
  return cut;
}

std::string fit_column(std::string_view text, std::size_t columns) {
  std::string cell = cut_with_ellipsis(text, columns);
  const std::size_t used = display_columns(cell);
  if (used < columns) cell.append(columns - used, ' ');
  return cell;
}

}  // namespace samplemind
