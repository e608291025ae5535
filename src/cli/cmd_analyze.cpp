// samplemind analyze: parse flags, open provider and cache, run the batch, print the report.
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

#include <malloc.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/analyze_extras.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/number_flags.hpp"
#include "cli/command_output.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "cli/batch_setup.hpp"
#include "cache/ai_cache.hpp"
#include "model/analysis_type.hpp"
#include "pipeline/batch_runner.hpp"
#include "cache/cache_config.hpp"
#include "util/diagnostics.hpp"
#include "provider/provider.hpp"
#include "report/json_lines.hpp"
#include "report/ordered_rows.hpp"
#include "report/report.hpp"

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
  AnalyzeExtras extras;  // --report-html, --write-tags (cli/analyze_extras.hpp)
  double rpm = 0.0;
  double max_cost_usd = -1.0;
  std::string price;  // --price IN/OUT
  bool no_cache = false;
  bool require_cache = false;  // a cache failure is fatal (exit 3) instead of failing open
  RunFlags run;                // --shard, -q
};

// --price IN/OUT: USD per 1M input and output tokens, both finite and not negative.
ModelPrice parse_price_flag(const std::string& text) {
  const auto slash = text.find('/');
  auto number = [&](const std::string& part) {
    std::size_t used = 0;
    double value = -1.0;
    try {
      value = std::stod(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size() || !std::isfinite(value) || value < 0.0) {
      throw ConfigError("--price must be IN/OUT in USD per 1M tokens, e.g. 0.30/2.50 (got '" + text + "')");
    }
    return value;
  };
  if (slash == std::string::npos) number("");
  ModelPrice price;
  price.input_usd_per_mtok = number(text.substr(0, slash));
  price.output_usd_per_mtok = number(text.substr(slash + 1));
  price.cached_input_usd_per_mtok = price.input_usd_per_mtok;
  price.cache_write_input_usd_per_mtok = price.input_usd_per_mtok;
  return price;
}

// Summary fields beyond the run's: the dry-run estimate when there was one (null cost: unknown price).
nlohmann::json summary_extra(const RunOutcome& outcome, bool dry_run) {
  nlohmann::json extra = nlohmann::json::object();
  if (dry_run) {
    extra["dry_run"] = true;
    extra["estimated_calls"] = outcome.estimated_calls;
    extra["estimated_cost_usd"] = outcome.summary.cost_known ? nlohmann::json(outcome.estimated_cost_usd)
                                                             : nlohmann::json(nullptr);
  }
  return extra;
}

// The JSON report streamed file by file: a huge library's report is never one tree in memory.
std::string report_text(const RunOutcome& outcome, bool dry_run, EntrySpool* spool) {
  std::ostringstream text;
  write_analyze_json(text, outcome, summary_extra(outcome, dry_run), spool);
  return std::move(text).str();
}

// The provider the flags ask for; --max-cost is refused without a price (exit 2).
std::unique_ptr<Provider> open_provider(const AnalyzeFlags& flags, const AnalysisType& type, CliContext& context) {
  ProviderSettings settings;
  settings.name = !flags.provider.empty() ? flags.provider : context.env.get_or("SAMPLEMIND_PROVIDER", "auto");
  settings.model = flags.model;
  settings.analysis_type = type.name;
  settings.requests_per_minute = flags.rpm;
  settings.cache_url = context.cache_flag;  // its Redis password is masked out of answers
  if (!flags.price.empty()) settings.price = parse_price_flag(flags.price);
  settings.makes_calls = !flags.options.dry_run;  // a dry run calls nothing: no key needed
  std::unique_ptr<Provider> provider = make_provider(settings, context.env);
  if (flags.max_cost_usd >= 0.0 && !provider->price_known()) {
    throw ConfigError(fmt::format("--max-cost needs a price for {} model '{}': give one with --price IN/OUT "
                                  "(USD per 1M tokens) or SAMPLEMIND_PRICES=FILE",
                                  provider->name(), provider->model()));
  }
  return provider;
}

// Prints the report on stdout in the chosen format (jsonl lines were streamed already).
// spool holds the JSON document's entries, rows the table's (null: from the kept results);
// ordered has written the table's rows while the run went on (then only the rest is left).
void print_report(const AnalyzeFlags& flags, const RunOutcome& outcome, JsonLinesWriter& lines, EntrySpool* spool,
                  EntrySpool* rows, OrderedRowWriter* ordered) {
  const nlohmann::json extra = summary_extra(outcome, outcome.dry_run);
  if (flags.format == "jsonl") {
    lines.write(nlohmann::json{{"summary", analyze_summary_json(outcome, extra)}});
    lines.flush();
  } else if (flags.format == "json") {
    write_analyze_json(std::cout, outcome, extra, spool);
    std::cout << '\n';
  } else if (flags.format == "csv") {
    write_analyze_csv(std::cout, outcome);
  } else if (ordered != nullptr) {
    if (!ordered->finish()) throw std::runtime_error(ordered->error());
    std::cout << '\n';
    write_analyze_table_summary(std::cout, outcome);
  } else if (rows != nullptr && !flags.run.quiet) {
    write_analyze_table_spooled(std::cout, outcome, *rows);
  } else {
    write_analyze_table(std::cout, outcome, !flags.run.quiet);
  }
  if (outcome.dry_run && flags.format == "csv") {  // CSV has rows only: the estimate goes to stderr
    diagnostic("samplemind: dry run: {} provider call(s) would be made, estimated cost {}", outcome.estimated_calls,
               outcome.summary.cost_known ? fmt::format("${:.6f}", outcome.estimated_cost_usd) : "unknown");
  }
}

void run_analyze(const AnalyzeFlags& flags, CliContext& context) {
  const AnalysisType* type = find_analysis_type(flags.analysis);
  AnalyzeOptions options = flags.options;
  apply_run_flags(flags.run, flags.paths, context.env, options);  // a mistyped PATH or --shard: exit 2 before any work
  if (!flags.report_path.empty()) check_report_file(flags.report_path);  // not after an hour of work
  check_analyze_extras(flags.extras);
  std::unique_ptr<Provider> provider = open_provider(flags, *type, context);

  FatalStop fatal;                 // raised by the batch, and by a required cache that fails
  std::ostringstream fail_open_warnings;  // --require-cache: a failure is fatal, not "continuing without cache"
  std::unique_ptr<AiCache> cache =
      open_run_cache(context, {flags.no_cache, flags.require_cache ? &fatal : nullptr},
                     flags.require_cache ? &fail_open_warnings : nullptr);
  if (flags.max_cost_usd >= 0.0) options.max_cost_usd = flags.max_cost_usd;
  options.fatal = &fatal;
  // JSON Lines and -q's summary-only table need no result after it is printed. The JSON
  // document (stdout or --report) and the table need only each file's rendered entry or
  // row: those wait in temporary files (report/entry_spool.hpp), so they too run in constant
  // memory; CSV, the HTML report and --write-tags keep whole results.
  const bool needs_results = flags.format == "csv" || !flags.extras.report_html.empty() || flags.extras.write_tags;
  const bool json_document = flags.format == "json" || !flags.report_path.empty();
  const bool table_rows = flags.format == "table" && !flags.run.quiet;
  std::unique_ptr<EntrySpool> spool = json_document && !needs_results ? EntrySpool::open() : nullptr;
  std::unique_ptr<EntrySpool> row_spool = table_rows && !needs_results ? EntrySpool::open() : nullptr;
  options.keep_results = needs_results || (json_document && !spool) || (table_rows && !row_spool);
  // On a pipe or into a file the rows go out in scan order as files finish (nothing is
  // written twice); on a terminal the table follows the progress line, at the end.
  std::unique_ptr<OrderedRowWriter> ordered_rows;
  if (row_spool && isatty(STDOUT_FILENO) == 0) {
    ordered_rows = std::make_unique<OrderedRowWriter>(std::cout, analyze_table_header(), std::move(row_spool));
  }
  // glibc gives each thread its own heap arena; results kept for 100,000 files, allocated
  // on several threads, fragmented across them (15 % more peak RSS). Two arenas cost a
  // warm run nothing measurable. (A build linked with jemalloc ignores this setting.)
  if (options.keep_results) mallopt(M_ARENA_MAX, 2);

  JsonLinesWriter lines(std::cout);
  ProgressCallback on_file = make_stderr_progress("analyzing", {flags.run.quiet, true});
  // Lines, entries and rows are rendered on the workers, in parallel; JSON Lines go out as
  // files finish, the spools take any order.
  JsonLinesWriter* streamed = flags.format == "jsonl" && !flags.run.quiet ? &lines : nullptr;
  options.render_file = [streamed, entries = spool.get(), rows = row_spool.get(), ordered = ordered_rows.get(),
                         dry_run = options.dry_run, cost_known = provider->price_known()](const FileResult& file) {
    if (streamed != nullptr) streamed->write_line(analyze_file_json_line(file, cost_known));
    if (entries != nullptr) entries->add(file.scan_index, analyze_json_entry(file, cost_known));
    if (rows == nullptr && ordered == nullptr) return;
    std::string row = is_dry_run_row(dry_run, file) ? std::string() : analyze_table_row(file);
    if (ordered != nullptr) ordered->add(file.scan_index, std::move(row));
    else rows->add(file.scan_index, row);
  };
  const auto& stop = install_interrupt_handlers();
  RunOutcome outcome = run_analysis(options, *type, *provider, cache.get(), on_file, &stop);
  finish_stderr_progress();
  if (spool && !spool->fallback_reason().empty()) {
    diagnostic("samplemind: warning: {}; the rest of the JSON report was kept in memory", spool->fallback_reason());
  }
  const std::string rows_fallback =
      ordered_rows ? ordered_rows->fallback_reason() : (row_spool ? row_spool->fallback_reason() : std::string());
  if (!rows_fallback.empty()) diagnostic("samplemind: warning: {}; the rest of the table was kept in memory", rows_fallback);

  // The report file first: a reader that closes stdout early (| head -1) must not cost it.
  std::optional<ConfigError> report_error;
  if (!flags.report_path.empty()) {
    try {
      write_report_file(flags.report_path, report_text(outcome, options.dry_run, spool.get()));
    } catch (const ConfigError& error) {
      report_error = error;
    }
  }
  if (auto html_error = write_analyze_html(flags.extras, outcome); html_error && !report_error) report_error = html_error;
  print_report(flags, outcome, lines, spool.get(), row_spool.get(), ordered_rows.get());
  const bool tags_failed = write_analyze_tags(flags.extras, outcome, options.dry_run, cache.get());
  if (report_error) throw *report_error;
  if (!outcome.summary.fatal_error.empty()) diagnostic("samplemind: fatal: {}", outcome.summary.fatal_error);
  context.exit_code = exit_code_for(outcome);
  if (tags_failed && context.exit_code == k_exit_ok) context.exit_code = k_exit_partial;
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
  command->add_flag("--require-cache", flags->require_cache,
                    "A cache that cannot be opened or fails mid-run stops the batch (exit 3) instead of failing open: "
                    "no provider call is paid because the cache was down");
  command->add_flag("--dry-run", flags->options.dry_run,
                    "Extract and look up, make no provider call (no API key needed); the summary has the calls the "
                    "misses would make and their estimated cost");
  command->add_option("--max-cost", flags->max_cost_usd,
                      "Stop making provider calls once this many USD would be exceeded; the rest are skipped (exit 4)")
      ->check(checked_number_flag(k_max_cost_range, "--max-cost"));
  command->add_option("--price", flags->price,
                      "IN/OUT: the model's price in USD per 1M input/output tokens (e.g. 0.30/2.50), used instead "
                      "of the price table (env SAMPLEMIND_PRICES=FILE replaces the table)");
  command->add_flag("--hidden", flags->options.include_hidden, "Include hidden files and folders (names starting with .; never the Mac's ._ AppleDouble files)");
  command->add_flag("--ignore-metadata", flags->options.ignore_metadata,
                    "Use the audio estimates only: ignore the tempo, key and root the files' tags, chunks and names state");
  add_format_option(*command, flags->format, {"table", "json", "jsonl", "csv"});
  command->add_option("--report", flags->report_path, "Also write the JSON report to this file");
  add_run_flags(*command, flags->run);
  command->footer(exit_code_help());
  add_analyze_extra_options(*command, flags->extras);
  command->callback([flags, &context] { run_analyze(*flags, context); });
}

}  // namespace samplemind
