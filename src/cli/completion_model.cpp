// Reads the CLI11 app into a plain model for the completion writers. Value sets come from
// the IsMember checks CLI11 prints as "{a,b,c}" in an option's type; --cache and --provider
// take open values, so their choices (URL schemes, provider names) are named here.
#include "cli/completion_model.hpp"

#include <sstream>

#include "provider/provider.hpp"

namespace samplemind {

namespace {
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) {
    const auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) parts.push_back(part.substr(first));
  }
  return parts;
}

// The closed value set CLI11 shows as TYPE:{a,b,c}; empty when the option is open.
std::vector<std::string> member_values(const std::string& type_name) {
  const auto open = type_name.find('{');
  const auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return split(type_name.substr(open + 1, close - open - 1), ',');
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

CompletionOption option_of(const CLI::Option& option) {
  CompletionOption out;
  for (const auto& name : option.get_snames()) out.names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) out.names.push_back("--" + name);
  out.description = first_line(option.get_description());
  out.takes_value = option.get_type_size() != 0;
  out.values = member_values(option.get_type_name());
  const std::string& long_name = option.get_lnames().empty() ? std::string() : option.get_lnames().front();
  if (long_name == "cache") out.values = {"sqlite:", "file:", "redis://", "memory", "none"};
  if (long_name == "provider") out.values = split(k_provider_names, ',');
  out.value_is_path = out.takes_value && out.values.empty() &&
                      (long_name == "report" || long_name.find("report-") == 0 || long_name == "output");
  return out;
}

CompletionCommand command_of(const CLI::App& app) {
  CompletionCommand out;
  out.name = app.get_parent() != nullptr ? app.get_name() : "";
  out.description = first_line(app.get_description());
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) {
      out.takes_paths = true;
      continue;
    }
    out.options.push_back(option_of(*option));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_name().empty()) out.subcommands.push_back(command_of(*sub));
  }
  return out;
}
}  // namespace

CompletionCommand completion_model(const CLI::App& app) { return command_of(app); }

std::vector<std::string> option_names(const CompletionCommand& command) {
  std::vector<std::string> names;
  for (const auto& option : command.options) names.insert(names.end(), option.names.begin(), option.names.end());
  return names;
}

}  // namespace samplemind
