// `samplemind cache export FILE` / `cache import FILE`: JSON Lines, one verified entry per
// line, so a CI job can carry its cache between runs or move it between backends.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/cmd_cache.hpp"
#include "util/atomic_file_writer.hpp"
#include "cache/cache_entry.hpp"
#include "util/diagnostics.hpp"

namespace samplemind {
namespace {

constexpr mode_t k_export_file_mode = 0600;  // entries may hold paid answers: owner only, like the cache

struct TransferFlags {
  std::string file;
};

void run_export(CliContext& context, const TransferFlags& flags) {
  auto backend = open_cache_for_command(context);
  std::int64_t exported = 0;
  if (flags.file == "-") {
    Status status = backend->for_each([&](const CacheRecord& record) {
      std::cout << encode_entry(record) << '\n';
      ++exported;
      return static_cast<bool>(std::cout);
    });
    if (!status) return report_cache_error(context, status.error);
  } else {
    // Readers never see a half-written export; the temp file goes on every failure.
    auto writer = AtomicFileWriter::create(flags.file, AtomicWriteOptions{k_export_file_mode, true});
    if (!writer) throw ConfigError("cannot write " + flags.file + ": " + writer.error());
    Status written = Status::success();
    Status status = backend->for_each([&](const CacheRecord& record) {
      written = writer->write(encode_entry(record) + '\n');
      if (written) ++exported;
      return static_cast<bool>(written);
    });
    if (status && written) written = writer->commit();
    if (!status) return report_cache_error(context, status.error);
    if (!written) return report_cache_error(context, written.error);
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
  std::int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    auto record = decode_entry(line);  // bounded: depth and size caps on the line and its payload
    if (!record) {
      std::cerr << "samplemind: cache import: line " << line_number << " skipped: " << record.error() << "\n";
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
