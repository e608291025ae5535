#pragma once
// Shell completion scripts for bash, zsh and fish, written from the completion model.
#include <string>

#include "cli/completion_model.hpp"

namespace samplemind {

// The completion script for shell "bash", "zsh" or "fish"; throws ConfigError for another name.
std::string completion_script(const CompletionCommand& root, const std::string& shell);

}  // namespace samplemind
