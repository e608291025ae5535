#pragma once
// What an answer may hold before it is cached or shown: every string is one line of
// printable text with no configured key in it. A model (or a hostile server) can return
// terminal escape sequences (clear screen, window title), CR/LF that forge report lines,
// or a key it was shown; none of that may be cached and replayed to later runs.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace samplemind {

// One line of printable text: TAB, CR and LF become a space; every other C0 control,
// DEL and the C1 controls (U+0080-U+009F, the 8-bit CSI among them) are removed.
std::string strip_control_chars(std::string_view text);

// One string of an answer, cleaned as sanitize_answer cleans each (readers that take a
// few fields out of a stored answer without building the whole document).
std::string sanitize_answer_text(std::string_view text, const std::vector<std::string>& secrets);

// Cleans every string in the answer (values and object keys): control characters as
// strip_control_chars, then each secret and each strict key shape replaced by "***".
// The answer is depth-bounded already (parse_bounded_json), so the walk is too.
nlohmann::json sanitize_answer(const nlohmann::json& answer, const std::vector<std::string>& secrets);

}  // namespace samplemind
