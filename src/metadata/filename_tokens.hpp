#pragma once
// Splits a file name into words the way sample packs join them: separators and camel case.
#include <string>
#include <string_view>
#include <vector>

namespace samplemind::metadata {

// Words of a name, in order. Separators are every ASCII byte that is not a letter, digit or
// '#'; a '.' between two digits stays ("137.5"), and so does a '-' between two digits: a
// numbered series, date or range ("beats_06-50", "2023-05-01", "120-125") is one word and
// no number, so no part of it reads as a tempo. A word also splits before an uppercase
// letter that follows a lowercase letter, a digit or '#' ("AmenBreak", "137BPM", "F#Minor"),
// before a digit that ends a run of 3+ letters ("Loop120"; not "x2", "c3" or a chord like "Ebmaj7"),
// and before the last capital of a capital run followed by lowercase ("FMBass" -> FM Bass).
// "DnB" and "RnB" stay whole. Bytes >= 0x80 (other UTF-8) count as lowercase letters.
// A run that switches between letters and digits three times or more (eight bytes or
// longer; four times from six bytes) is an identifier, a hash or serial, and stays one
// word: "r2efdee7ddb87" states no tempo 87.
std::vector<std::string> tokenise_name(std::string_view name);

// Why: the name rules match words without case; ASCII letters only, other bytes unchanged.
std::string lowercase_word(std::string_view word);

}  // namespace samplemind::metadata
