// samplemind find [QUERY...]: the cache as a library index. Answers from cached features and
// cached AI answers alone: no file is decoded or hashed, no provider is called.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cache/ai_cache.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_key.hpp"
#include "cache/feature_index.hpp"
#include "cli/command_output.hpp"
#include "cli/commands.hpp"
#include "cli/tempo_range_flag.hpp"
#include "index/find_answers.hpp"
#include "index/find_output.hpp"
#include "index/find_search.hpp"
#include "provider/provider.hpp"
#include "util/diagnostics.hpp"

namespace samplemind {
namespace {

struct FindFlags {
  std::vector<std::string> queries;
  std::string bpm, key, compatible, kind, category, loudness, duration, genre;
  std::vector<std::string> tags;
  std::string format = "table";
  bool paths = false;
  bool contradicted = false;
  bool null_separated = false;
  std::string provider = "auto";
  std::string model;
  std::string analysis{k_default_analysis_type};
  std::string tempo_range;
};

// A flag's parsed value, or a usage error (exit 2) with the parser's message.
template <class T>
T required_value(Result<T> parsed) {
  if (!parsed) throw ConfigError(parsed.error());
  return std::move(*parsed);
}

// Positional QUERY words: an existing file or folder limits the search to it, anything else
// is a word the name, category, genre or tags must contain.
FindQuery build_query(const FindFlags& flags, std::vector<std::filesystem::path>& scope) {
  FindQuery query;
  if (!flags.bpm.empty()) query.bpm = required_value(parse_bpm_range(flags.bpm));
  if (!flags.loudness.empty()) query.loudness_lufs = required_value(parse_loudness_range(flags.loudness));
  if (!flags.duration.empty()) query.duration_s = required_value(parse_duration_range(flags.duration));
  if (!flags.key.empty()) query.key = required_value(parse_key_filter(flags.key));
  if (!flags.compatible.empty()) query.compatible_camelot = required_value(parse_compatible(flags.compatible));
  if (!flags.kind.empty()) query.kind = required_value(parse_kind(flags.kind));
  if (!flags.category.empty()) query.category = required_value(parse_category(flags.category));
  if (!flags.genre.empty()) query.genre = ascii_lower(flags.genre);
  for (const auto& tag : flags.tags) query.tags.push_back(ascii_lower(tag));
  query.contradicted = flags.contradicted;
  for (const auto& text : flags.queries) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(text, error))) {
      const auto absolute = std::filesystem::absolute(text, error);
      scope.push_back((error ? std::filesystem::path(text) : absolute).lexically_normal());
    } else {
      query.words.push_back(ascii_lower(text));
    }
  }
  return query;
}

// The answers to join: those analyze would have stored for these provider settings.
AnswerSource answer_source(const FindFlags& flags, const CliContext& context) {
  const AnalysisType* type = find_analysis_type(flags.analysis);
  if (type == nullptr) throw ConfigError("unknown analysis type '" + flags.analysis + "'; one of: " + analysis_type_names());
  ProviderSettings settings;
  settings.name = flags.provider;
  settings.model = flags.model;
  settings.analysis_type = type->name;
  settings.makes_calls = false;  // keys are computed, nothing is asked: no API key needed
  auto provider = make_provider(settings, context.env);
  return AnswerSource{provider->name(), provider->model(), type, request_shape_hash(provider->request_shape(*type))};
}

void run_find(CliContext& context, const FindFlags& flags) {
  std::vector<std::filesystem::path> scope;
  const FindQuery query = build_query(flags, scope);
  const AnswerSource source = answer_source(flags, context);
  const std::optional<TempoRange> tempo_range = resolve_tempo_range(flags.tempo_range, context.env);
  const auto url = resolve_cache_url(context.cache_flag, context.env);
  if (!url) throw ConfigError("find answers from the cache, and caching is off (--cache none or AI_CACHE_ENABLED=false)");
  AiCache cache(open_cache_backend(*url), cache_ttl_seconds(context.env));
  AnswerJoin join(cache, source);
  if (query.needs_answers()) join.load_in_background();  // every file may need its answer
  std::string error;
  std::vector<IndexedFile> files = list_cached_files(cache.backend(), scope, &error, StaleCheck::when_shown, tempo_range);
  if (!error.empty()) {
    diagnostic("samplemind: error: cannot read the cache: {}", error);
    context.exit_code = k_exit_fatal;
    return;
  }
  AnswerLookup lookup;
  // Answers are joined when a filter needs them or the output shows them (not for --paths).
  if (query.needs_answers() || !flags.paths) lookup = [&join](const Features& f) { return join.answer_for(f); };
  const FindOutcome outcome = find_files(std::move(files), query, lookup);
  for (const auto& stale : outcome.stale) {
    diagnostic("samplemind: warning: {}: {} since it was analysed (stale, not listed; run analyze again)",
               stale.file.path, stale.file.stale_reason.empty() ? "changed" : stale.file.stale_reason);
  }
  std::vector<std::string> unprintable;
  if (flags.paths) unprintable = write_find_paths(std::cout, outcome, flags.null_separated ? '\0' : '\n');
  else if (flags.format == "json") write_find_json(std::cout, outcome);
  else if (flags.format == "jsonl") write_find_jsonl(std::cout, outcome);
  else if (flags.format == "csv") write_find_csv(std::cout, outcome);
  else write_find_table(std::cout, outcome);
  for (const auto& path : unprintable) {
    diagnostic("samplemind: warning: {}: the name holds a control character; use -0 to get it", path);
  }
  context.exit_code = outcome.stale.empty() && unprintable.empty() ? k_exit_ok : k_exit_partial;
}

}  // namespace

void register_find_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<FindFlags>();
  CLI::App* command = app.add_subcommand(
      "find", "List cached files by tempo, key, kind, category, loudness, duration, genre or tags (cache only: "
              "nothing is decoded, no provider is called)");
  command->add_option("QUERY", flags->queries,
                      "Files or folders to search under (default: everything cached); any other word must appear in "
                      "the file name, category, genre, mood or tags");
  command->add_option("--bpm", flags->bpm, "Tempo range: 120-128, 120..128, 120- , ..90, or 120 (119.5..120.5)");
  command->add_option("--key", flags->key, "Key: Am, A minor, 8A (Camelot), 1m (Open Key); a bare note (F#) for both modes");
  command->add_option("--compatible", flags->compatible,
                      "Keys that mix with this one: the same Camelot code, one step either way, and the relative key");
  command->add_option("--kind", flags->kind, "loop or one-shot");
  command->add_flag("--contradicted", flags->contradicted,
                    "Only files whose audio contradicts the tempo, key or root they state (as analyze --check-statements "
                    "judges it: an octave, a related key or one that fits the pitch classes as well, another octave of the "
                    "root or a chord's triad on a root that sounds agree)");
  command->add_option("--category", flags->category,
                      "kick, snare, clap, hat, cymbal, tom, percussion, bass, lead, pad, chord, vocal, fx, "
                      "'drum loop', 'music loop'");
  command->add_option("--loudness", flags->loudness, "Integrated loudness range in LUFS: -14..-8, ..-20, -10..");
  command->add_option("--duration", flags->duration, "Duration range: ..2s, 500ms..1.5s, 4..8 (seconds)");
  command->add_option("--genre", flags->genre, "Text in the cached answer's genre or subgenres (any case)");
  command->add_option("--tag", flags->tags, "A tag the cached answer carries (any case; repeat for all of several)")
      ->allow_extra_args(false);
  add_format_option(*command, flags->format, {"table", "json", "jsonl", "csv"});
  command->add_flag("--paths", flags->paths, "Print only the matching paths, one per line");
  command->add_flag("-0,--null", flags->null_separated, "With --paths: end each path with NUL (for xargs -0)");
  command->add_option("--provider", flags->provider, "Provider whose cached answers to search (as analyze picks it)")
      ->capture_default_str();
  command->add_option("--model", flags->model, "Model whose cached answers to search (default: the provider's)");
  command->add_option("--analysis", flags->analysis, "Analysis type of the answers to search")->capture_default_str();
  add_tempo_range_option(*command, flags->tempo_range);
  command->callback([&context, flags] {
    if (flags->null_separated && !flags->paths) throw ConfigError("-0 needs --paths");
    run_find(context, *flags);
  });
}

}  // namespace samplemind
