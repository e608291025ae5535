// Shared CLI plumbing, kept out of the individual commands.
#include "output_options.hpp"

#include <cstdio>
#include <fstream>

#include "samplemind/analysis_type.hpp"
#include "samplemind/exit_codes.hpp"
#include "samplemind/result.hpp"

namespace samplemind {

void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& allowed) {
  format = allowed.front();
  std::string names;
  for (const auto& name : allowed) names += (names.empty() ? "" : "|") + name;
  command.add_option("-f,--format", format, "Output format: " + names)->check(CLI::IsMember(allowed))->capture_default_str();
}

std::vector<std::string> analysis_type_list() {
  std::vector<std::string> names;
  for (const auto& type : all_analysis_types()) names.push_back(type.name);
  return names;
}

void write_report_file(const std::string& path, const std::string& text) {
  const std::string temp_path = path + ".tmp";
  {
    std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
    out << text << '\n';
    if (!out) throw ConfigError("cannot write report file " + path);
  }
  if (std::rename(temp_path.c_str(), path.c_str()) != 0) throw ConfigError("cannot write report file " + path);
}

int exit_code_for(const RunSummary& summary) {
  if (!summary.fatal_error.empty()) return k_exit_fatal;
  if (summary.interrupted) return k_exit_interrupted;
  if (summary.files_failed > 0 || summary.files_skipped > 0) return k_exit_partial;
  return k_exit_ok;
}

}  // namespace samplemind
