// samplemind analyze: parse flags, open provider and cache, run the batch, print the report.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "interrupt.hpp"
#include "number_flags.hpp"
#include "output_options.hpp"
#include "progress.hpp"
#include "samplemind/ai_cache.hpp"
#include "samplemind/analysis_type.hpp"
#include "samplemind/batch_runner.hpp"
#include "samplemind/cache_config.hpp"
#include "samplemind/diagnostics.hpp"
#include "samplemind/provider.hpp"
#include "samplemind/report.hpp"

namespace samplemind {

namespace {
struct AnalyzeFlags {
  AnalyzeOptions options;
  std::vector<std::string> paths;
  std::string analysis{k_default_analysis_type};
  std::string provider;
  std::string model;
  std::string format = "table";
  std::string report_path;
  double rpm = 0.0;
  double max_cost_usd = -1.0;
  bool no_cache = false;
};

// A dry run's answer: how many calls the misses would make and what they would cost.
void print_dry_run(const RunOutcome& outcome, const std::string& format) {
  const std::string line = fmt::format("dry run: {} provider call(s) would be made, estimated cost ${:.6f}\n",
                                       outcome.estimated_calls, outcome.estimated_cost_usd);
  if (format == "table") std::cout << line;
  else diagnostic("samplemind: {}", line.substr(0, line.size() - 1));
}

// Summary fields beyond the run's: the dry-run estimate when there was one.
nlohmann::json summary_extra(const RunOutcome& outcome, bool dry_run) {
  nlohmann::json extra = nlohmann::json::object();
  if (dry_run) {
    extra["dry_run"] = true;
    extra["estimated_calls"] = outcome.estimated_calls;
    extra["estimated_cost_usd"] = outcome.estimated_cost_usd;
  }
  return extra;
}

// The JSON report streamed file by file: a huge library's report is never one tree in memory.
std::string report_text(const RunOutcome& outcome, bool dry_run) {
  std::ostringstream text;
  write_analyze_json(text, outcome, summary_extra(outcome, dry_run));
  return std::move(text).str();
}

void run_analyze(const AnalyzeFlags& flags, CliContext& context) {
  const AnalysisType* type = find_analysis_type(flags.analysis);
  if (!flags.report_path.empty()) check_report_file(flags.report_path);  // not after an hour of work
  ProviderSettings settings;
  settings.name = !flags.provider.empty() ? flags.provider : context.env.get_or("SAMPLEMIND_PROVIDER", "auto");
  settings.model = flags.model;
  settings.analysis_type = type->name;
  settings.requests_per_minute = flags.rpm;
  settings.cache_url = context.cache_flag;  // its Redis password is masked out of answers
  std::unique_ptr<Provider> provider = make_provider(settings, context.env);

  std::unique_ptr<AiCache> cache;
  if (const auto url = flags.no_cache ? std::nullopt : resolve_cache_url(context.cache_flag, context.env)) {
    const long long ttl_s = cache_ttl_seconds(context.env);  // first: a bad TTL must not create the cache file
    cache = std::make_unique<AiCache>(open_cache_backend(*url), ttl_s);
    if (context.verbose) diagnostic("samplemind: cache {}", cache->backend().location());  // redis_location() masks
  }
  AnalyzeOptions options = flags.options;
  options.inputs.assign(flags.paths.begin(), flags.paths.end());
  if (flags.max_cost_usd >= 0.0) options.max_cost_usd = flags.max_cost_usd;
  const auto& stop = install_interrupt_handlers();
  RunOutcome outcome = run_analysis(options, *type, *provider, cache.get(), make_stderr_progress("analyzing"), &stop);
  finish_stderr_progress();

  // The report file first: a reader that closes stdout early (| head -1) must not cost it.
  std::optional<ConfigError> report_error;
  if (!flags.report_path.empty()) {
    try {
      write_report_file(flags.report_path, report_text(outcome, options.dry_run));
    } catch (const ConfigError& error) {
      report_error = error;
    }
  }
  if (flags.format == "json") {
    write_analyze_json(std::cout, outcome, summary_extra(outcome, options.dry_run));
    std::cout << '\n';
  } else if (flags.format == "csv") {
    write_analyze_csv(std::cout, outcome);
  } else {
    write_analyze_table(std::cout, outcome);
  }
  if (options.dry_run) print_dry_run(outcome, flags.format);
  if (report_error) throw *report_error;
  if (!outcome.summary.fatal_error.empty()) diagnostic("samplemind: fatal: {}", outcome.summary.fatal_error);
  context.exit_code = exit_code_for(outcome.summary);
  // A dry run skips every miss on purpose: that alone is not a partial failure.
  if (options.dry_run && context.exit_code == k_exit_partial && outcome.summary.files_failed == 0 &&
      outcome.summary.fatal_error.empty() && !outcome.summary.interrupted) {
    bool only_dry_run_skips = true;
    for (const auto& file : outcome.files) {
      if (file.status == FileStatus::skipped && file.error.rfind("dry run", 0) != 0) only_dry_run_skips = false;
    }
    if (only_dry_run_skips) context.exit_code = k_exit_ok;
  }
}
}  // namespace

void register_analyze_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<AnalyzeFlags>();
  CLI::App* command = app.add_subcommand("analyze", "Extract features, ask the AI (cached), print a cost-savings report");
  command->add_option("paths", flags->paths, "Audio files or folders (walked recursively)")->required();
  command->add_option("-a,--analysis", flags->analysis, "Analysis type; each has its own prompt template and cache key")
      ->check(CLI::IsMember(analysis_type_list()))
      ->capture_default_str();
  command->add_option("-p,--provider", flags->provider,
                      "openai|anthropic|gemini|ollama|offline|auto (env SAMPLEMIND_PROVIDER; default auto: the "
                      "first provider with an API key, else offline)");
  command->add_option("-m,--model", flags->model, "Model name (default: the provider's cheap default)");
  command->add_option("-j,--jobs", flags->options.jobs, "Feature extraction threads (default: number of cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("--concurrency", flags->options.concurrency, "AI lookups and calls in flight")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  command->add_option("--rpm", flags->rpm, "At most this many provider requests per minute (0: no limit)")
      ->check(checked_number_flag(k_rpm_range, "--rpm"));
  command->add_flag("--refresh", flags->options.refresh, "Skip the cache lookup; call the provider and store the fresh answer");
  command->add_flag("--rehash", flags->options.rehash,
                    "Hash every file's content again instead of trusting the feature cache's size/mtime/inode check");
  command->add_flag("--no-cache", flags->no_cache, "Neither read nor write the AI cache");
  command->add_flag("--dry-run", flags->options.dry_run,
                    "Extract and look up, make no provider call; print the estimated cost of the misses");
  command->add_option("--max-cost", flags->max_cost_usd,
                      "Stop making provider calls once this many USD would be exceeded; the rest are skipped (exit 1)")
      ->check(checked_number_flag(k_max_cost_range, "--max-cost"));
  command->add_flag("--hidden", flags->options.include_hidden, "Include hidden files and folders (names starting with .)");
  command->add_flag("--ignore-metadata", flags->options.ignore_metadata,
                    "Use the audio estimates only: ignore the tempo, key and root the files' tags, chunks and names state");
  add_format_option(*command, flags->format, {"table", "json", "csv"});
  command->add_option("--report", flags->report_path, "Also write the JSON report to this file");
  command->callback([flags, &context] { run_analyze(*flags, context); });
}

}  // namespace samplemind
