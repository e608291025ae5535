#pragma once
// The command line as data (commands, options, the values an option takes), read from the
// CLI11 app itself so the shell completions can never drift from what the binary accepts.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace samplemind {

struct CompletionOption {
  std::vector<std::string> names;   // "-f", "--format"
  std::string description;          // first line of the option's help
  bool takes_value = false;
  std::vector<std::string> values;  // the closed set of values, when there is one
  bool value_is_path = false;       // FILE or folder arguments: the shell completes paths
};

struct CompletionCommand {
  std::string name;                 // "analyze"; "" for the top level
  std::string description;
  std::vector<CompletionOption> options;
  std::vector<CompletionCommand> subcommands;
  bool takes_paths = false;         // positional files or folders
};

// The app's commands and options, recursively (help and version flags included).
CompletionCommand completion_model(const CLI::App& app);

// Every option's long and short names under a command path ("cache stats"), for tests.
std::vector<std::string> option_names(const CompletionCommand& command);

}  // namespace samplemind
