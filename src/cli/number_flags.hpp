#pragma once
// Numeric flags go through the one validated-number parser (samplemind/checked_number.hpp).
#include <string>

#include <CLI/CLI.hpp>

#include "util/checked_number.hpp"

namespace samplemind {

// A CLI11 check: the flag's text must be a finite number in range, else a usage error
// (exit 2) naming the flag and the allowed range.
CLI::Validator checked_number_flag(const NumberRange& range, const std::string& flag);

}  // namespace samplemind
