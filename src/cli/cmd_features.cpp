// samplemind features: extraction only; no AI, no cache writes.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/command_output.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "pipeline/batch_runner.hpp"
#include "report/report.hpp"

namespace samplemind {

namespace {
struct FeaturesFlags {
  AnalyzeOptions options;
  std::vector<std::string> paths;
  std::string format = "table";
};

void run_features(const FeaturesFlags& flags, CliContext& context) {
  AnalyzeOptions options = flags.options;
  options.inputs.assign(flags.paths.begin(), flags.paths.end());
  const auto& stop = install_interrupt_handlers();
  RunOutcome outcome = run_feature_extraction(options, make_stderr_progress("extracting"), &stop);
  finish_stderr_progress();
  if (flags.format == "jsonl") write_features_jsonl(std::cout, outcome);
  else if (flags.format == "csv") write_features_csv(std::cout, outcome);
  else write_features_table(std::cout, outcome);
  context.exit_code = exit_code_for(outcome.summary);
}
}  // namespace

void register_features_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<FeaturesFlags>();
  CLI::App* command = app.add_subcommand("features", "Extract features only (no AI, no cache writes)");
  command->add_option("paths", flags->paths, "Audio files or folders (walked recursively)")->required();
  command->add_option("-j,--jobs", flags->options.jobs, "Extraction threads (default: number of cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_flag("--hidden", flags->options.include_hidden, "Include hidden files and folders");
  command->add_flag("--ignore-metadata", flags->options.ignore_metadata,
                    "Use the audio estimates only: ignore the tempo, key and root the files' tags, chunks and names state");
  add_format_option(*command, flags->format, {"table", "jsonl", "csv"});
  command->callback([flags, &context] { run_features(*flags, context); });
}

}  // namespace samplemind
