// samplemind features: extraction only, no AI; features come from and go to the feature cache.
#include <iostream>
#include <memory>
#include <utility>

#include "cli/command_output.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/batch_setup.hpp"
#include "pipeline/batch_runner.hpp"
#include "report/file_json.hpp"
#include "report/json_lines.hpp"
#include "report/report.hpp"

namespace samplemind {

namespace {
struct FeaturesFlags {
  AnalyzeOptions options;
  std::vector<std::string> paths;
  std::string format = "table";
  bool no_cache = false;
  RunFlags run;
};

void run_features(const FeaturesFlags& flags, CliContext& context) {
  AnalyzeOptions options = flags.options;
  apply_run_flags(flags.run, flags.paths, context.env, options);
  std::unique_ptr<AiCache> cache = open_run_cache(context, {flags.no_cache, nullptr});
  // jsonl lines are printed as files finish; nothing else needs the results kept.
  const bool streamed = flags.format == "jsonl";
  options.keep_results = !streamed && !(flags.format == "table" && flags.run.quiet);
  JsonLinesWriter lines(std::cout);
  ProgressCallback on_file = make_stderr_progress("extracting", {flags.run.quiet, false});
  if (streamed && !flags.run.quiet) {
    on_file = [print = std::move(on_file), &lines](std::size_t done, std::size_t total, const FileResult& file) {
      print(done, total, file);
      lines.write_line(file_json_text(file, FileJsonFields::base));
    };
  }
  const auto& stop = install_interrupt_handlers();
  RunOutcome outcome =
      run_feature_extraction(options, on_file, &stop, cache ? &cache->backend() : nullptr);
  finish_stderr_progress();
  if (streamed) lines.flush();
  else if (flags.format == "csv") write_features_csv(std::cout, outcome);
  else write_features_table(std::cout, outcome, !flags.run.quiet);
  context.exit_code = exit_code_for(outcome);
}
}  // namespace

void register_features_command(CLI::App& app, CliContext& context) {
  auto flags = std::make_shared<FeaturesFlags>();
  CLI::App* command = app.add_subcommand(
      "features", "Extract features only (no AI); unchanged files come from the feature cache (--cache)");
  command->add_option("paths", flags->paths, "Audio files or folders (walked recursively)")->required();
  command->add_option("-j,--jobs", flags->options.jobs, "Extraction threads (default: number of cores)")
      ->check(CLI::Range(1u, 1024u));
  command->add_flag("--hidden", flags->options.include_hidden, "Include hidden files and folders (never the Mac's ._ AppleDouble files)");
  command->add_flag("--ignore-metadata", flags->options.ignore_metadata,
                    "Use the audio estimates only: ignore the tempo, key and root the files' tags, chunks and names state");
  command->add_flag("--no-cache", flags->no_cache, "Neither read nor write the feature cache: decode every file");
  command->add_flag("--rehash", flags->options.rehash,
                    "Hash every file's content again instead of trusting the feature cache's size/mtime/inode check");
  add_format_option(*command, flags->format, {"table", "jsonl", "csv"});
  add_run_flags(*command, flags->run);
  command->footer(exit_code_help());
  command->callback([flags, &context] { run_features(*flags, context); });
}

}  // namespace samplemind
