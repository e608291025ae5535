// Fuzzes the .env parser: never crashes, errors name a line, and every parsed name is a
// valid variable name with a value within the caps.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/dotenv.hpp"

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto values = samplemind::parse_dotenv_text(text);
  if (!values) {
    if (!values.error().starts_with(".env ")) std::abort();
    return 0;
  }
  for (const auto& [name, value] : *values) {
    if (name.empty() || name.find_first_of("= \t\r\n#\"'") != std::string::npos) std::abort();
    if (value.size() > samplemind::k_dotenv_max_line_bytes || value.find('\0') != std::string::npos) std::abort();
  }
  return 0;
}
