#pragma once
// State shared by the CLI commands: global options and the resolved environment.
#include <string>

#include "util/environment.hpp"
#include "cli/exit_codes.hpp"

namespace samplemind {

struct CliContext {
  Environment env;
  std::string cache_flag;   // global --cache URL ("" when not given)
  bool verbose = false;     // global --verbose
  int exit_code = k_exit_ok;
};

}  // namespace samplemind
