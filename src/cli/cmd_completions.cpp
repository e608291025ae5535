// samplemind completions bash|zsh|fish: prints the shell completion script, built from the
// commands and options this binary really has (the installed files are written by it too).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/completion_model.hpp"
#include "cli/completion_scripts.hpp"

namespace samplemind {

void register_completions_command(CLI::App& app, CliContext& /*context*/) {
  auto shell = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "completions", "Print the shell completion script for bash, zsh or fish (e.g. source <(samplemind completions bash))");
  command->add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  command->callback([shell, &app] { std::cout << completion_script(completion_model(app), *shell); });
}

}  // namespace samplemind
