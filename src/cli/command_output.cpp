// The --format option and report files, shared by the commands that write output.
#include "cli/command_output.hpp"

#include <sys/types.h>

#include "util/atomic_file_writer.hpp"

#include "model/analysis_type.hpp"
#include "util/result.hpp"

namespace samplemind {
namespace {
constexpr mode_t k_report_file_mode = 0666;  // as any file the shell creates: the umask decides
}  // namespace

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

void check_report_file(const std::string& path) {
  if (Status writable = check_writable_target(path); !writable) {
    throw ConfigError("cannot write report file " + path + ": " + writable.error);
  }
}

void write_report_file(const std::string& path, const std::string& text) {
  // An exclusive temp file beside the target: a planted PATH.tmp symlink is never followed.
  auto writer = AtomicFileWriter::create(path, AtomicWriteOptions{k_report_file_mode, true});
  if (!writer) throw ConfigError("cannot write report file " + path + ": " + writer.error());
  Status written = writer->write(text);
  if (written) written = writer->write("\n");
  if (written) written = writer->commit();
  if (!written) throw ConfigError("cannot write report file " + path + ": " + written.error);
}

}  // namespace samplemind
