// Entry point: global options, the commands, and the one place exceptions are caught.
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/commands.hpp"
#include "util/atomic_file_writer.hpp"
#include "util/diagnostics.hpp"
#include "cli/exit_codes.hpp"
#include "cli/help_text.hpp"
#include "util/result.hpp"
#include "cli/standard_streams.hpp"

namespace {
// CLI11 prints usage errors to a stream; they reach stderr through diagnostics, line by line.
void print_lines(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) samplemind::diagnostic_line(line);
}

// Runs the command line; the exit code before stdout's own fate is known.
int run(int argc, char** argv) {
  using namespace samplemind;
  ignore_file_size_limit_signal();  // past `ulimit -f` a write fails with EFBIG instead of killing us
  try {
    CliContext context{Environment::load(".env"), "", false, k_exit_ok};
    CLI::App app{"samplemind: analyse audio sample libraries with AI, paying once per distinct answer.\n"
                 "Configuration priority: flags > environment > .env in the current folder > defaults.",
                 "samplemind"};
    app.set_version_flag("--version", std::string("samplemind ") + SAMPLEMIND_VERSION);
    app.set_help_all_flag("--help-all", "Print the help of every command and exit");
    app.footer(main_help_footer());
    app.require_subcommand(1, 1);
    app.fallthrough();
    app.add_option("--cache", context.cache_flag,
                   "Cache backend URL: sqlite:PATH (default $XDG_CACHE_HOME/samplemind/cache.db), file:DIR, "
                   "redis://[user:password@]host:port[/db], memory, or none (env AI_CACHE_BACKEND, AI_CACHE_PATH, "
                   "REDIS_URL, AI_CACHE_ENABLED)");
    app.add_flag("-v,--verbose", context.verbose, "More diagnostics on stderr (secrets are masked)");
    register_analyze_command(app, context);
    register_features_command(app, context);
    register_cache_command(app, context);
    register_prices_command(app, context);
    register_find_command(app, context);
    register_tag_command(app, context);
    register_similar_command(app, context);
    register_completions_command(app, context);
    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& success) {
      return app.exit(success);
    } catch (const CLI::ParseError& error) {
      std::ostringstream out;
      std::ostringstream err;
      app.exit(error, out, err);
      print_lines(err.str());
      print_lines(out.str());
      return k_exit_usage;
    }
    return context.exit_code;
  } catch (const ConfigError& error) {
    diagnostic("samplemind: error: {}", error.what());
    return k_exit_usage;
  } catch (const std::exception& error) {
    diagnostic("samplemind: fatal: {}", error.what());
    return k_exit_fatal;
  }
}
}  // namespace

int main(int argc, char** argv) {
  using namespace samplemind;
  guard_standard_streams();
  int code = run(argc, argv);
  // A report that did not reach stdout is a failed run (README, "Exit codes"): 3.
  if (const Status written = finish_stdout(); !written) {
    diagnostic("samplemind: error: cannot write to standard output: {}", written.error);
    if (code == k_exit_ok || code == k_exit_partial || code == k_exit_budget || code == k_exit_no_files) code = k_exit_fatal;
  }
  return code;
}
