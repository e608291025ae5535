#pragma once
// The .env format as the usual dotenv tools read it: NAME=value lines, `export ` prefix,
// single quotes (literal), double quotes (escapes \n \r \t \" \\), inline comments after
// unquoted values and after closing quotes, a UTF-8 BOM, CRLF, blank and comment lines.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace samplemind {

inline constexpr std::size_t k_dotenv_max_file_bytes = 1024 * 1024;  // 1 MiB
inline constexpr std::size_t k_dotenv_max_line_bytes = 64 * 1024;     // 64 KiB per line/value

// Parses .env text; a malformed line is an error naming its line number (never silently
// skipped: a lost variable would change which provider or cache a run uses).
Result<std::map<std::string, std::string>> parse_dotenv_text(std::string_view text);

}  // namespace samplemind
