// UTF-8 check and hex escape for paths in JSON (docs/reliability.md, "Names that are not UTF-8").
#include "util/path_json.hpp"

#include <cstddef>
#include <cstdint>

namespace samplemind {

bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? c : c & (0x7fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    constexpr std::uint32_t k_min_code[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < k_min_code[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

std::string hex_bytes(const std::string& bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    hex.push_back(k_digits[static_cast<unsigned char>(byte) >> 4]);
    hex.push_back(k_digits[static_cast<unsigned char>(byte) & 0xf]);
  }
  return hex;
}

void put_path(nlohmann::json& object, const std::string& path) {
  object["path"] = path;
  if (!is_valid_utf8(path)) object["path_hex"] = hex_bytes(path);
}

std::string dump_json_line(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace samplemind
