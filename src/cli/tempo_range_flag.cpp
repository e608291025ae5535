// The tempo range from the command line or the environment; the range itself is
// model/tempo_range.hpp.
#include "cli/tempo_range_flag.hpp"

#include "util/result.hpp"

namespace samplemind {

void add_tempo_range_option(CLI::App& command, std::string& text) {
  command.add_option("--tempo-range", text,
                     "MIN-MAX BPM (e.g. 70-180): report each audio tempo inside this range, taking the "
                     "reading's other candidate or octave; stated tempos are never moved; none: no range, "
                     "whatever the environment says (env SAMPLEMIND_TEMPO_RANGE; default: the extractor's "
                     "reading as it is)");
}

std::optional<TempoRange> resolve_tempo_range(const std::string& flag_text, const Environment& env) {
  std::string text = flag_text;
  std::string setting = "--tempo-range";
  if (text.empty()) {
    const auto value = env.get(k_tempo_range_variable);
    if (!value) return std::nullopt;
    text = *value;
    setting = k_tempo_range_variable;
  }
  if (text == "none") return std::nullopt;  // a run that wants the raw readings despite .env
  auto range = parse_tempo_range(text, setting);
  if (!range) throw ConfigError(range.error());  // the rejected text is escaped and cut there
  return *range;
}

}  // namespace samplemind
