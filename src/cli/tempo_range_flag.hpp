#pragma once
// --tempo-range, one flag with one meaning on every command that reports final values
// (analyze, features, tag, cache key, find); SAMPLEMIND_TEMPO_RANGE sets it for all.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "model/tempo_range.hpp"
#include "util/environment.hpp"

namespace samplemind {

inline constexpr const char* k_tempo_range_variable = "SAMPLEMIND_TEMPO_RANGE";

// Why: the same flag name and help text on every command.
void add_tempo_range_option(CLI::App& command, std::string& text);

// Why: the flag when given, else SAMPLEMIND_TEMPO_RANGE (environment, then .env), else no
// range; "none" is no range either way; a malformed one is a usage error (ConfigError,
// exit 2) naming where it came from.
std::optional<TempoRange> resolve_tempo_range(const std::string& flag_text, const Environment& env);

}  // namespace samplemind
