// samplemind analyze: parse flags, open provider and cache, run the batch, print the report.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output_options.hpp"
#include "progress.hpp"
#include "samplemind/ai_cache.hpp"
#include "samplemind/analysis_type.hpp"
#include "samplemind/batch_runner.hpp"
#include "samplemind/cache_config.hpp"
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
};

void run_analyze(const AnalyzeFlags& flags, CliContext& context) {
  const AnalysisType* type = find_analysis_type(flags.analysis);
  ProviderSettings settings;
  settings.name = !flags.provider.empty() ? flags.provider : context.env.get_or("SAMPLEMIND_PROVIDER", "auto");
  settings.model = flags.model;
  std::unique_ptr<Provider> provider = make_provider(settings, context.env);

  std::unique_ptr<AiCache> cache;
  if (const auto url = resolve_cache_url(context.cache_flag, context.env)) {
    cache = std::make_unique<AiCache>(open_cache_backend(*url), cache_ttl_seconds(context.env));
    if (context.verbose) fmt::print(stderr, "samplemind: cache {}\n", cache->backend().location());
  }
  AnalyzeOptions options = flags.options;
  options.inputs.assign(flags.paths.begin(), flags.paths.end());
  const auto& stop = install_interrupt_handlers();
  RunOutcome outcome = run_analysis(options, *type, *provider, cache.get(), make_stderr_progress("analyzing"), &stop);
  finish_stderr_progress();

  if (flags.format == "json") std::cout << dump_json(analyze_report_json(outcome)) << '\n';
  else if (flags.format == "csv") write_analyze_csv(std::cout, outcome);
  else write_analyze_table(std::cout, outcome);
  if (!flags.report_path.empty()) write_report_file(flags.report_path, dump_json(analyze_report_json(outcome)));
  if (!outcome.summary.fatal_error.empty()) fmt::print(stderr, "samplemind: fatal: {}\n", outcome.summary.fatal_error);
  context.exit_code = exit_code_for(outcome.summary);
}
}  // namespace

void register_analyze_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<AnalyzeFlags>();
  CLI::App* command = app.add_subcommand("analyze", "Extract features, ask the AI (cached), print a cost-savings report");
  command->add_option("paths", flags->paths, "Audio files or folders (walked recursively)")->required();
  command->add_option("-a,--analysis", flags->analysis, "Analysis type: " + analysis_type_names())
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
  command->add_flag("--hidden", flags->options.include_hidden, "Include hidden files and folders (names starting with .)");
  add_format_option(*command, flags->format, {"table", "json", "csv"});
  command->add_option("--report", flags->report_path, "Also write the JSON report to this file");
  command->callback([flags, &context] { run_analyze(*flags, context); });
}

}  // namespace samplemind
