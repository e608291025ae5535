// CLI11 runs this on the text before converting it, so nan or 1e-300 never becomes a setting.
#include "cli/number_flags.hpp"

namespace samplemind {

CLI::Validator checked_number_flag(const NumberRange& range, const std::string& flag) {
  return CLI::Validator(
      [range, flag](std::string& text) -> std::string {
        const auto value = parse_checked_number(text, range, flag);
        return value ? std::string() : value.error();
      },
      describe_range(range));
}

}  // namespace samplemind
