// Names and shared validation for file statements.
#include "metadata/statements.hpp"

#include <cmath>

namespace samplemind::metadata {

namespace {
constexpr double k_bpm_decimals_scale = 100.0;  // 2 decimals
constexpr int k_max_midi_note = 127;
constexpr int k_pitch_classes = 12;
}  // namespace

std::string_view source_name(StatementSource source) {
  switch (source) {
    case StatementSource::tag: return "tag";
    case StatementSource::acid: return "acid";
    case StatementSource::basc: return "basc";
    case StatementSource::smpl: return "smpl";
    case StatementSource::filename: return "filename";
  }
  return "tag";
}

std::optional<double> plausible_bpm(double bpm) {
  if (!std::isfinite(bpm)) return std::nullopt;
  const double rounded = std::round(bpm * k_bpm_decimals_scale) / k_bpm_decimals_scale;
  if (rounded < k_min_stated_bpm || rounded > k_max_stated_bpm) return std::nullopt;
  return rounded;
}

std::optional<StatedRoot> root_from_midi(int midi) {
  if (midi < 0 || midi > k_max_midi_note) return std::nullopt;
  return StatedRoot{midi % k_pitch_classes, midi};
}

}  // namespace samplemind::metadata
