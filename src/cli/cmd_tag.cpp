// samplemind tag PATH...: writes each file's final tempo and key into its own tags. Features
// come from the feature cache when the file is unchanged, else the file is analysed (and cached).
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "audio/feature_extractor.hpp"
#include "cache/ai_cache.hpp"
#include "cache/cache_config.hpp"
#include "cache/feature_cache.hpp"
#include "cli/analyze_extras.hpp"
#include "pipeline/tag_reindex.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/tempo_range_flag.hpp"
#include "metadata/stated_values.hpp"
#include "metadata/tag_writer_batch.hpp"
#include "pipeline/scan.hpp"
#include "util/diagnostics.hpp"

namespace samplemind {
namespace {

struct TagFlags {
  std::vector<std::string> paths;
  std::string notation = "standard";
  bool dry_run = false;
  bool hidden = false;
  bool ignore_metadata = false;
  std::string tempo_range;
};

void run_tag(CliContext& context, const TagFlags& flags) {
  const auto notation = metadata::key_notation_from_name(flags.notation);
  if (!notation) throw ConfigError("--key-notation must be standard, camelot or open-key");
  const std::optional<TempoRange> tempo_range = resolve_tempo_range(flags.tempo_range, context.env);
  std::unique_ptr<AiCache> cache;
  if (auto url = resolve_cache_url(context.cache_flag, context.env)) {
    cache = std::make_unique<AiCache>(open_cache_backend(*url), cache_ttl_seconds(context.env));
  }
  const auto& stop = install_interrupt_handlers();
  std::optional<FeatureCache> feature_cache;
  if (cache) feature_cache.emplace(cache->backend(), false, &stop);
  int failed = 0;
  std::vector<metadata::FileToTag> files;
  walk_inputs({flags.paths.begin(), flags.paths.end()}, ScanOptions{flags.hidden}, [&](ScanItem item) {
    if (stop.load()) return;
    if (!item.problem.empty()) {
      diagnostic("samplemind: error: {}: {}", item.path.native(), item.problem);
      ++failed;
      return;
    }
    auto features = feature_cache ? feature_cache->features_for(item.path, extract_features_from_file)
                                  : extract_features_from_file(item.path);
    if (!features) {
      diagnostic("samplemind: error: {}: {}", item.path.native(), features.error());
      ++failed;
      return;
    }
    apply_file_statements(*features, item.path, {flags.ignore_metadata, tempo_range});
    files.push_back({item.path.native(), std::move(*features)});
  });
  if (stop.load()) {
    context.exit_code = k_exit_interrupted;
    return;
  }
  std::vector<std::string> tagged;
  metadata::TagBatchOptions options{*notation, flags.dry_run, {}};
  options.after_write = [&tagged](const std::string& path) { tagged.push_back(path); };
  const auto counts = metadata::tag_files(files, options, std::cout);
  if (cache) reindex_tagged_files(cache->backend(), tagged, extract_features_from_file);  // find must see it fresh
  std::cout << fmt::format("{} {}, {} unchanged, {} without values, {} failed\n", counts.changed,
                           flags.dry_run ? "would change" : "tagged", counts.unchanged, counts.nothing,
                           counts.failed + failed);
  context.exit_code = counts.failed + failed == 0 ? k_exit_ok : k_exit_partial;
}

}  // namespace

void register_tag_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<TagFlags>();
  CLI::App* command = app.add_subcommand(
      "tag", "Write each file's final tempo and key into its own tags (ID3v2 TBPM/TKEY, Vorbis BPM/INITIALKEY, "
             "RIFF INFO); the audio data is never changed");
  command->add_option("paths", flags->paths, "Audio files or folders (walked recursively)")->required();
  command->add_flag("--dry-run", flags->dry_run, "List what would change; write nothing");
  command->add_option("--key-notation", flags->notation, "standard (Am, C), camelot (8A) or open-key (1m)")
      ->check(CLI::IsMember({"standard", "camelot", "open-key"}))
      ->capture_default_str();
  command->add_flag("--hidden", flags->hidden, "Include hidden files and folders (never the Mac's ._ AppleDouble files)");
  command->add_flag("--ignore-metadata", flags->ignore_metadata,
                    "Write the audio estimates, ignoring what the tags, chunks and names state now");
  add_tempo_range_option(*command, flags->tempo_range);
  command->callback([&context, flags] { run_tag(context, *flags); });
}

}  // namespace samplemind
