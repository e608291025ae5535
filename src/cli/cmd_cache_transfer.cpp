// `samplemind cache export FILE` / `cache import FILE`: JSON Lines, one verified entry per
// line, so a CI job can carry its cache between runs or move it between backends.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/cmd_cache.hpp"
#include "samplemind/cache_entry.hpp"
#include "samplemind/diagnostics.hpp"

namespace samplemind {
namespace {

struct TransferFlags {
  std::string file;
};

void run_export(CliContext& context, const TransferFlags& flags) {
  auto backend = open_cache_for_command(context);
  const bool to_stdout = flags.file == "-";
  const std::filesystem::path target(flags.file);
  const std::filesystem::path temp = target.string() + ".tmp." + std::to_string(::getpid());
  std::ofstream file;
  if (!to_stdout) {
    file.open(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw ConfigError("cannot write " + temp.string());
  }
  std::ostream& out = to_stdout ? std::cout : file;
  std::int64_t exported = 0;
  Status status = backend->for_each([&](const CacheRecord& record) {
    out << encode_entry(record) << '\n';
    ++exported;
    return static_cast<bool>(out);
  });
  if (!to_stdout) {
    file.close();
    std::error_code error;
    if (!status || !file) {
      std::filesystem::remove(temp, error);
      return report_cache_error(context, status ? "write to " + flags.file + " failed" : status.error);
    }
    std::filesystem::rename(temp, target, error);  // readers never see a half-written export
    if (error) return report_cache_error(context, "rename to " + flags.file + ": " + error.message());
  } else if (!status) {
    return report_cache_error(context, status.error);
  }
  diagnostic("Exported {} entries from {} cache", exported, backend->name());
}

void run_import(CliContext& context, const TransferFlags& flags) {
  std::ifstream file;
  if (flags.file != "-") {
    file.open(flags.file, std::ios::binary);
    if (!file) throw ConfigError("cannot read " + flags.file);
  }
  std::istream& in = flags.file == "-" ? std::cin : file;
  auto backend = open_cache_for_command(context);
  std::int64_t imported = 0;
  std::int64_t rejected = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto record = decode_entry(line);
    if (!record) {
      ++rejected;
      continue;
    }
    if (Status status = backend->put(*record); !status) return report_cache_error(context, status.error);
    ++imported;
  }
  std::cout << "Imported " << imported << " entries into " << backend->name() << " cache";
  if (rejected > 0) std::cout << "; skipped " << rejected << " corrupt lines";
  std::cout << "\n";
}

}  // namespace

void register_cache_transfer_commands(CLI::App& cache, CliContext& context) {
  auto export_flags = std::make_shared<TransferFlags>();
  CLI::App* export_command = cache.add_subcommand("export", "Write every entry to FILE as JSON Lines (- = stdout)");
  export_command->add_option("FILE", export_flags->file, "Output file")->required();
  export_command->callback([&context, export_flags] { run_export(context, *export_flags); });

  auto import_flags = std::make_shared<TransferFlags>();
  CLI::App* import_command = cache.add_subcommand("import", "Read entries from a JSON Lines export (- = stdin)");
  import_command->add_option("FILE", import_flags->file, "Input file")->required();
  import_command->callback([&context, import_flags] { run_import(context, *import_flags); });
}

}  // namespace samplemind
