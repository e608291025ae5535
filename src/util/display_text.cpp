// The one escaping rule for table cells and diagnostics.
#include "util/display_text.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace samplemind {

std::string escape_control_chars(std::string_view text) {
  constexpr unsigned char k_utf8_c1_lead = 0xC2;
  constexpr unsigned char k_c1_first = 0x80;
  constexpr unsigned char k_c1_last = 0x9F;
  constexpr unsigned char k_del = 0x7F;
  // Most text has nothing to escape: then one copy, not a byte-by-byte append (a table row
  // escapes three texts per file).
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == k_del || byte == '\\' || byte == k_utf8_c1_lead;
  });
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == k_utf8_c1_lead && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= k_c1_first && next <= k_c1_last) {
        out += fmt::format("\\x{:02x}\\x{:02x}", byte, next);
        ++i;
        continue;
      }
    }
    switch (byte) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (byte < 0x20 || byte == k_del) out += fmt::format("\\x{:02x}", byte);
        else out += static_cast<char>(byte);
    }
  }
  return out;
}

}  // namespace samplemind
