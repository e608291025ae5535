#pragma once
// What every command shares about its output: the --format option and report files.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace samplemind {

// Adds --format with the allowed values; the first is the default.
void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& allowed);

// The analysis type names as a list, for CLI11's IsMember check.
std::vector<std::string> analysis_type_list();

// Fails (ConfigError) before a run when its report could not be written at the end.
void check_report_file(const std::string& path);

// Writes text to a file through an exclusive temp file and rename; throws ConfigError naming the file.
void write_report_file(const std::string& path, const std::string& text);

}  // namespace samplemind
