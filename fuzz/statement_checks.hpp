#pragma once
// What every fuzzer of stated metadata asserts about a FileStatements, whatever produced it:
// each value has its source, a tempo is finite and in the accepted range, pitch classes are
// 0..11 and a MIDI root matches its pitch class. A violation aborts (a libFuzzer finding).
#include <cmath>
#include <cstdlib>

#include "metadata/statements.hpp"

namespace samplemind::fuzz {

// Why: one definition of "statements in range" for fuzz_file_name and fuzz_file_tags.
inline void check_statements(const samplemind::metadata::FileStatements& s) {
  if (s.bpm.has_value() != s.bpm_source.has_value() || s.key.has_value() != s.key_source.has_value() ||
      s.root.has_value() != s.root_source.has_value()) {
    std::abort();
  }
  if (s.bpm && (!std::isfinite(*s.bpm) || *s.bpm < samplemind::metadata::k_min_stated_bpm ||
                *s.bpm > samplemind::metadata::k_max_stated_bpm)) {
    std::abort();
  }
  if (s.key && (s.key->tonic_pc < 0 || s.key->tonic_pc > 11)) std::abort();
  if (s.root && (s.root->pitch_class < 0 || s.root->pitch_class > 11)) std::abort();
  if (s.root && s.root->midi && (*s.root->midi < 0 || *s.root->midi > 127 || *s.root->midi % 12 != s.root->pitch_class)) {
    std::abort();
  }
}

}  // namespace samplemind::fuzz
