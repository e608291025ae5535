#pragma once
// Whether what a file states about itself (its tags, chunks or name) agrees with what its
// audio says: a sample-pack publisher's check for mislabelled files (--check-statements).
// The audio's own readings are uncertain in known ways, so the check allows for them: a
// tempo an octave away, a key that is the stated one's relative, parallel or a fifth away
// (or that fits the file's pitch classes about as well as the best key), and a root in
// another octave (or a chord's triad read on a stated root that sounds) all agree. What is
// left is a statement the audio contradicts.
#include <optional>
#include <string>
#include <vector>

#include "model/features.hpp"

namespace samplemind {

enum class StatementVerdict {
  agrees,     // the audio reads the stated value, or one of the readings allowed for it
  disagrees,  // the audio reads something else
  unchecked,  // stated, but the audio gives no reading (no pulse, no key, no pitch)
};

struct StatementCheck {
  // Each is empty when the file states nothing about it (the audio's value is the final one).
  std::optional<StatementVerdict> tempo;
  std::optional<StatementVerdict> key;
  std::optional<StatementVerdict> root;
  // One sentence per disagreement, e.g. "its filename states 120 BPM; its audio reads 97 BPM".
  std::vector<std::string> disagreements;

  bool disagrees() const { return !disagreements.empty(); }
  bool states_anything() const { return tempo || key || root; }
};

// Compares the final values that came from a statement with the audio's readings beside them
// (Features after resolve_stated_values). Features without statements check nothing.
StatementCheck check_statements(const Features& features);

// "agrees", "disagrees" or "unchecked", as the JSON reports them.
const char* to_string(StatementVerdict verdict);

}  // namespace samplemind
