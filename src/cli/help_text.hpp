#pragma once
// The text after the option lists in `samplemind --help`: exit codes, environment and
// examples. help2man turns each "Heading:" paragraph into a man page section.
#include <string>

namespace samplemind {

// The footer of the top-level --help and --help-all.
std::string main_help_footer();

}  // namespace samplemind
