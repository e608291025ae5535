#pragma once
// Each command registers itself on the app; main only wires them together.
#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace samplemind {

// samplemind analyze PATH...
void register_analyze_command(CLI::App& app, CliContext& context);
// samplemind features PATH...
void register_features_command(CLI::App& app, CliContext& context);
// samplemind cache stats|clear|... (src/cli/cmd_cache.cpp)
void register_cache_command(CLI::App& app, CliContext& context);
// samplemind similar FILE (src/cli/cmd_similar.cpp)
void register_similar_command(CLI::App& app, CliContext& context);
// samplemind prices (src/cli/cmd_prices.cpp)
void register_prices_command(CLI::App& app, CliContext& context);
// samplemind find [QUERY...] (src/cli/cmd_find.cpp)
void register_find_command(CLI::App& app, CliContext& context);
// samplemind tag PATH... (src/cli/cmd_tag.cpp)
void register_tag_command(CLI::App& app, CliContext& context);

// samplemind completions bash|zsh|fish (src/cli/cmd_completions.cpp)
void register_completions_command(CLI::App& app, CliContext& context);

}  // namespace samplemind
