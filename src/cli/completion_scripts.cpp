// bash and zsh share one shape: walk the words to find the command path ("/cache/stats"),
// complete an option's value from the word before, else options after "-", else
// subcommands or paths. fish is declarative: one `complete` line per command and option.
#include "cli/completion_scripts.hpp"

#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "util/result.hpp"

namespace samplemind {

namespace {
using Visit = std::function<void(const std::string& path, const CompletionCommand& command)>;

void each_command(const CompletionCommand& command, const std::string& path, const Visit& visit) {
  visit(path, command);
  for (const auto& sub : command.subcommands) each_command(sub, path + "/" + sub.name, visit);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string single_quoted(const std::string& text) {  // for bash and zsh
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Global options (--cache, --verbose) are accepted after any subcommand too.
std::vector<std::string> options_at(const CompletionCommand& root, const CompletionCommand& command) {
  std::vector<std::string> names = option_names(command);
  if (&command != &root) {
    for (const auto& name : option_names(root)) names.push_back(name);
  }
  return names;
}

// The word-walking prologue and the value cases; `values` and `files` print one reply.
std::string walker(const CompletionCommand& root, const std::string& first_word,
                   const std::function<std::string(const std::vector<std::string>&)>& values,
                   const std::string& files) {
  std::ostringstream out;
  out << "  local cmdpath='' word i\n  for ((i = " << first_word << "; i < cword; i++)); do\n    word=${words[i]}\n"
      << "    case \"$cmdpath/$word\" in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand&) {
    if (!path.empty()) out << "      " << single_quoted(path) << ") cmdpath=$cmdpath/$word ;;\n";
  });
  out << "    esac\n  done\n  case \"$cmdpath|$prev\" in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    for (const auto& option : command.options) {
      if (!option.takes_value) continue;
      std::vector<std::string> patterns;
      for (const auto& name : option.names) patterns.push_back(single_quoted(path + "|" + name));
      if (path.empty()) {  // a global option's value, after any subcommand
        for (const auto& name : option.names) patterns.push_back("*'|" + name + "'");
      }
      std::string pattern;
      for (const auto& p : patterns) pattern += (pattern.empty() ? "" : "|") + p;
      out << "    " << pattern << ") "
          << (option.values.empty() ? (option.value_is_path ? files : std::string("return 0")) : values(option.values))
          << " ;;\n";
    }
  });
  out << "  esac\n";
  return out.str();
}

std::string bash_script(const CompletionCommand& root) {
  auto words = [](const std::vector<std::string>& list) {
    return "COMPREPLY=($(compgen -W " + single_quoted(joined(list)) + " -- \"$cur\")); return 0";
  };
  const std::string files = "COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null; return 0";
  std::ostringstream out;
  out << "# bash completion for samplemind (written by `samplemind completions bash`)\n"
      << "_samplemind() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      << "  local -a words=(\"${COMP_WORDS[@]}\")\n  local cword=$COMP_CWORD\n"
      << walker(root, "1", words, files) << "  if [[ $cur == -* ]]; then\n    case $cmdpath in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    out << "      " << single_quoted(path) << ") " << words(options_at(root, command)) << " ;;\n";
  });
  out << "    esac\n  fi\n  case $cmdpath in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    std::vector<std::string> names;
    for (const auto& sub : command.subcommands) names.push_back(sub.name);
    if (!names.empty()) out << "    " << single_quoted(path) << ") " << words(names) << " ;;\n";
    else if (command.takes_paths) out << "    " << single_quoted(path) << ") " << files << " ;;\n";
  });
  out << "  esac\n}\ncomplete -F _samplemind samplemind\n";
  return out.str();
}

std::string zsh_script(const CompletionCommand& root) {
  auto words = [](const std::vector<std::string>& list) { return "compadd -- " + joined(list) + "; return"; };
  std::ostringstream out;
  out << "#compdef samplemind\n# zsh completion for samplemind (written by `samplemind completions zsh`)\n"
      << "_samplemind() {\n  local cur=${words[CURRENT]} prev=${words[CURRENT-1]} cword=$CURRENT\n"
      << walker(root, "2", words, "_files; return") << "  if [[ $cur == -* ]]; then\n    case $cmdpath in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    out << "      " << single_quoted(path) << ") " << words(options_at(root, command)) << " ;;\n";
  });
  out << "    esac\n  fi\n  case $cmdpath in\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    if (!command.subcommands.empty()) {
      out << "    " << single_quoted(path) << ")\n      local -a commands=(";
      for (const auto& sub : command.subcommands) out << single_quoted(sub.name + ":" + sub.description) << ' ';
      out << ")\n      _describe command commands ;;\n";
    } else if (command.takes_paths) {
      out << "    " << single_quoted(path) << ") _files ;;\n";
    }
  });
  out << "  esac\n}\n_samplemind \"$@\"\n";
  return out.str();
}

std::string fish_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (c == '\'' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "'";
}

std::string fish_script(const CompletionCommand& root) {
  std::ostringstream out;
  out << "# fish completion for samplemind (written by `samplemind completions fish`)\ncomplete -c samplemind -f\n";
  each_command(root, "", [&](const std::string& path, const CompletionCommand& command) {
    std::string condition = "__fish_use_subcommand";
    std::string below;
    for (const auto& sub : command.subcommands) below += " " + sub.name;
    if (!path.empty()) {
      condition.clear();
      std::istringstream parts(path.substr(1));
      for (std::string part; std::getline(parts, part, '/');) {
        condition += (condition.empty() ? "" : "; and ") + std::string("__fish_seen_subcommand_from ") + part;
      }
    }
    const std::string here = path.empty() ? condition : condition + (below.empty() ? "" : "; and not __fish_seen_subcommand_from" + below);
    for (const auto& sub : command.subcommands) {
      out << "complete -c samplemind -n " << fish_quoted(here) << " -a " << sub.name << " -d " << fish_quoted(sub.description) << '\n';
    }
    if (command.takes_paths) out << "complete -c samplemind -n " << fish_quoted(here) << " -F\n";
    for (const auto& option : command.options) {
      out << "complete -c samplemind" << (path.empty() ? "" : " -n " + fish_quoted(here));
      for (const auto& name : option.names) out << (name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1));
      if (option.takes_value) out << (option.value_is_path ? " -r -F" : " -x");
      if (!option.values.empty()) out << " -a " << fish_quoted(joined(option.values));
      out << " -d " << fish_quoted(option.description) << '\n';
    }
  });
  return out.str();
}
}  // namespace

std::string completion_script(const CompletionCommand& root, const std::string& shell) {
  if (shell == "bash") return bash_script(root);
  if (shell == "zsh") return zsh_script(root);
  if (shell == "fish") return fish_script(root);
  throw ConfigError(fmt::format("no completion for shell '{}' (bash, zsh or fish)", shell));
}

}  // namespace samplemind
