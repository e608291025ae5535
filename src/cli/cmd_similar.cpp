// samplemind similar FILE: the cached sounds nearest to FILE in timbre. FILE is analysed
// first (through the feature cache), then every cached file is ranked by timbre_distance.
#include <cmath>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audio/feature_extractor.hpp"
#include "cache/cache_config.hpp"
#include "cache/feature_cache.hpp"
#include "cache/feature_index.hpp"
#include "cli/command_output.hpp"
#include "cli/commands.hpp"
#include "index/similar_search.hpp"
#include "metadata/stated_values.hpp"
#include "report/report.hpp"
#include "util/diagnostics.hpp"
#include "util/display_text.hpp"
#include "util/path_json.hpp"

namespace samplemind {

namespace {
struct SimilarFlags {
  std::string file;
  std::size_t count = 10;
  std::vector<std::string> under;
  bool include_stale = false;
  std::string format = "table";
};

double rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

nlohmann::json match_json(const IndexedFile& file, double distance) {
  nlohmann::json out = nlohmann::json::object();
  put_path(out, file.path);
  out["distance"] = rounded(distance);
  out["category"] = file.features.category ? nlohmann::json(*file.features.category) : nlohmann::json(nullptr);
  out["category_source"] = file.features.category_source;
  out["kind"] = file.features.kind;
  out["stale"] = file.stale;
  out["stale_reason"] = file.stale ? nlohmann::json(file.stale_reason) : nlohmann::json(nullptr);
  return out;
}

std::string category_text(const Features& features) {
  return features.category ? *features.category : std::string("-");
}

void print_table(const std::string& query_path, const Features& query, const std::vector<IndexedFile>& files,
                 const std::vector<SimilarMatch>& matches) {
  std::cout << fmt::format("Nearest to {} ({}, from {}) among {} cached files\n", escape_control_chars(query_path),
                           category_text(query), query.category_source, files.size());
  if (matches.empty()) {
    std::cout << "No cached file has a comparable timbre (run `samplemind analyze` on a folder first)\n";
    return;
  }
  std::cout << fmt::format("{:>3}  {:>8}  {:<11} {}\n", "#", "distance", "category", "path");
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const IndexedFile& file = files[matches[i].index];
    std::cout << fmt::format("{:>3}  {:>8.3f}  {:<11} {}{}\n", i + 1, matches[i].distance, category_text(file.features),
                             escape_control_chars(file.path), file.stale ? " (" + file.stale_reason + ")" : "");
  }
}

void run_similar(const SimilarFlags& flags, CliContext& context) {
  const auto url = resolve_cache_url(context.cache_flag, context.env);
  if (!url) throw ConfigError("similar searches the cache, and caching is off (--cache none or AI_CACHE_ENABLED=false)");
  auto backend = open_cache_backend(*url);
  FeatureCache feature_cache(*backend);
  auto query = feature_cache.features_for(flags.file, extract_features_from_file);
  if (!query) {
    diagnostic("samplemind: error: {}: {}", flags.file, query.error());
    context.exit_code = k_exit_partial;
    return;
  }
  apply_file_statements(*query, flags.file, StatementOptions{});
  std::string error;
  const std::vector<std::filesystem::path> under(flags.under.begin(), flags.under.end());
  std::vector<IndexedFile> files = list_cached_files(*backend, under, &error, StaleCheck::when_shown);
  if (!error.empty()) {
    diagnostic("samplemind: error: cache: {}", error);
    context.exit_code = k_exit_fatal;
    return;
  }
  SimilarQuery search;
  search.timbre = query->timbre;
  search.count = flags.count;
  search.include_stale = flags.include_stale;
  std::error_code ignored;
  search.exclude_path = std::filesystem::absolute(flags.file, ignored).lexically_normal().string();
  const std::vector<SimilarMatch> matches = find_similar(files, search);
  if (flags.format == "json") {
    nlohmann::json document = {{"query", nlohmann::json::object()}, {"searched", files.size()}, {"matches", nlohmann::json::array()}};
    put_path(document["query"], flags.file);
    document["query"]["category"] = query->category ? nlohmann::json(*query->category) : nlohmann::json(nullptr);
    document["query"]["category_source"] = query->category_source;
    for (const SimilarMatch& match : matches) document["matches"].push_back(match_json(files[match.index], match.distance));
    std::cout << dump_json_line(document) << "\n";
  } else {
    print_table(flags.file, *query, files, matches);
  }
  context.exit_code = k_exit_ok;
}
}  // namespace

void register_similar_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<SimilarFlags>();
  CLI::App* command = app.add_subcommand("similar", "The cached sounds nearest to FILE in timbre (FILE is analysed first)");
  command->add_option("file", flags->file, "Audio file to compare (need not be cached)")->required();
  command->add_option("-n,--count", flags->count, "How many matches to print (default 10)")->check(CLI::Range(1u, 100000u));
  command->add_option("--under", flags->under, "Only cached files inside this folder (repeatable)");
  command->add_flag("--include-stale", flags->include_stale,
                    "Also rank cached files that changed or vanished since they were analysed");
  add_format_option(*command, flags->format, {"table", "json"});
  command->callback([flags, &context] { run_similar(*flags, context); });
}

}  // namespace samplemind
