// `samplemind cache key PATH...`: the canonical text and hash each file's AI key is made of,
// so a user can see why two files share an answer or why a run missed. Folders are walked
// as analyze walks them.
#include <iostream>

#include "cli/cmd_cache.hpp"
#include "pipeline/scan.hpp"
#include "util/display_text.hpp"
#include "util/path_json.hpp"
#include "model/analysis_type.hpp"
#include "cache/ai_cache.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_key.hpp"
#include "util/diagnostics.hpp"
#include "cache/feature_cache.hpp"
#include "audio/feature_extractor.hpp"
#include "model/normalized_features.hpp"
#include "provider/provider.hpp"
#include "report/report.hpp"
#include "cli/tempo_range_flag.hpp"
#include "metadata/stated_values.hpp"

namespace samplemind {
namespace {

struct KeyFlags {
  std::vector<std::string> files;
  std::string provider = "auto";
  std::string model;
  std::string analysis{k_default_analysis_type};
  std::string format = "text";
  bool ignore_metadata = false;
  bool include_hidden = false;
  std::string tempo_range;
};

// The files under the paths, in analyze's order; a path that does not exist is a usage error.
std::vector<ScanItem> files_of(const KeyFlags& flags) {
  const std::vector<std::filesystem::path> inputs(flags.files.begin(), flags.files.end());
  if (const auto missing = first_missing_input(inputs)) {
    throw ConfigError(escape_control_chars(missing->native()) + ": no such file or folder");
  }
  return scan_inputs(inputs, ScanOptions{flags.include_hidden, std::nullopt}).items;
}

void run_key(CliContext& context, const KeyFlags& flags) {
  const AnalysisType* type = find_analysis_type(flags.analysis);
  if (type == nullptr) throw ConfigError("unknown analysis type '" + flags.analysis + "'; one of: " + analysis_type_names());
  const std::optional<TempoRange> tempo_range = resolve_tempo_range(flags.tempo_range, context.env);
  const std::vector<ScanItem> items = files_of(flags);
  if (items.empty()) {
    diagnostic("samplemind: no audio files found");
    context.exit_code = k_exit_no_files;
    return;
  }
  ProviderSettings settings;
  settings.name = flags.provider;
  settings.model = flags.model;
  settings.analysis_type = type->name;
  settings.makes_calls = false;  // a key is computed, never asked for: no API key needed
  auto provider = make_provider(settings, context.env);
  const std::string request_hash = request_shape_hash(provider->request_shape(*type));  // as analyze keys
  // Features come through the feature cache like analyze's; the key's state is looked up too.
  std::unique_ptr<AiCache> cache;
  if (auto url = resolve_cache_url(context.cache_flag, context.env)) {
    const auto ttl_seconds = cache_ttl_seconds(context.env);  // a bad TTL must fail before the cache file exists
    cache = std::make_unique<AiCache>(open_cache_backend(*url), ttl_seconds);
  }
  std::optional<FeatureCache> feature_cache;
  if (cache) feature_cache.emplace(cache->backend());
  for (const ScanItem& item : items) {
    const std::string& file = item.path.native();
    if (!item.problem.empty()) {
      diagnostic("samplemind: error: {}: {}", file, item.problem);
      context.exit_code = k_exit_partial;
      continue;
    }
    auto features = feature_cache ? feature_cache->features_for(file, extract_features_from_file)
                                  : extract_features_from_file(file);
    if (!features) {
      diagnostic("samplemind: error: {}: {}", file, features.error());
      context.exit_code = k_exit_partial;
      continue;
    }
    apply_file_statements(*features, file, {flags.ignore_metadata, tempo_range});
    AiCacheKey key = make_ai_cache_key(provider->name(), provider->model(), *type, normalize_features(*features),
                                       request_hash);
    const char* state = !cache ? "off" : cache->lookup(key.hex) ? "hit" : "miss";
    if (flags.format == "json") {
      nlohmann::json line;
      put_path(line, file);  // a name that is not UTF-8 gets path_hex, never a throw
      line.update({{"key", key.hex}, {"canonical_text", key.canonical_text}, {"cache", state}});
      std::cout << dump_json_line(line) << "\n";
    } else {
      std::cout << "# " << escape_control_chars(file) << "\n" << key.canonical_text << "sha256=" << key.hex << "\ncache=" << state << "\n\n";
    }
  }
}

}  // namespace

void register_cache_key_command(CLI::App& cache, CliContext& context) {
  auto flags = std::make_shared<KeyFlags>();
  CLI::App* key = cache.add_subcommand("key", "Print the canonical text and SHA-256 of each file's AI cache key");
  key->add_option("PATH", flags->files, "Audio files or folders (walked recursively, as analyze walks them)")
      ->required();
  key->add_flag("--hidden", flags->include_hidden, "Include hidden files and folders (never the Mac's ._ AppleDouble files)");
  key->add_option("--provider", flags->provider, "Provider the key is for (auto: as analyze would pick)")
      ->capture_default_str();
  key->add_option("--model", flags->model, "Model the key is for (default: the provider's)");
  key->add_option("--analysis", flags->analysis, "Analysis type")->capture_default_str();
  key->add_flag("--ignore-metadata", flags->ignore_metadata,
                "Key on the audio estimates only, ignoring the tempo, key and root the file's tags, chunks and name state");
  add_tempo_range_option(*key, flags->tempo_range);
  key->add_option("--format", flags->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  key->callback([&context, flags] { run_key(context, *flags); });
}

}  // namespace samplemind
