// The ten analysis types and the fields a valid answer to each must carry.
#include "model/analysis_type.hpp"

namespace samplemind {

const std::vector<AnalysisType>& all_analysis_types() {
  static const std::vector<AnalysisType> types = {
      {"quick_analysis",
       "Give a short overview of this sample: a one-sentence summary, the most likely genre, the mood, and "
       "up to six search tags.",
       {"summary", "genre", "mood", "tags"}},
      {"comprehensive_analysis",
       "Analyse this sample in depth: summary, genre, mood, likely instruments or sound sources, production "
       "notes (mix, dynamics, space) and search tags.",
       {"summary", "genre", "mood", "instruments", "production_notes", "tags"}},
      {"production_coaching",
       "Act as a production coach: list what works in this sample, what to improve, and concrete next steps.",
       {"strengths", "improvements", "next_steps"}},
      {"creative_suggestions",
       "Suggest creative ways to use this sample: musical ideas, sounds to layer with it, and processing to try.",
       {"ideas", "layering", "processing"}},
      {"fl_studio_optimization",
       "Advise how to use this sample in FL Studio: stock plugins to use, a mixer insert chain, and workflow tips.",
       {"plugins", "mixer_chain", "tips"}},
      {"mixing_mastering",
       "Give mixing and mastering advice for this sample: EQ moves, compression settings, a loudness target "
       "in LUFS, and other notes.",
       {"eq", "compression", "loudness_target_lufs", "notes"}},
      {"genre_classification",
       "Classify this sample: the main genre, related subgenres, your confidence from 0 to 1, the mood, and "
       "search tags.",
       {"genre", "subgenres", "confidence", "mood", "tags"}},
      {"harmonic_analysis",
       "Analyse the harmony of this sample: key, mode, Camelot code, keys it mixes well with, and notes.",
       {"key", "mode", "camelot", "compatible_keys", "notes"}},
      {"rhythm_analysis",
       "Analyse the rhythm of this sample: tempo in BPM, tempo band, groove character, and notes.",
       {"tempo_bpm", "tempo_band", "groove", "notes"}},
      {"arrangement_advice",
       "Advise where this sample fits in an arrangement: its role, the sections it suits, and notes.",
       {"role", "sections", "notes"}},
  };
  return types;
}

const AnalysisType* find_analysis_type(std::string_view name) {
  for (const auto& type : all_analysis_types()) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

std::string analysis_type_names() {
  std::string names;
  for (const auto& type : all_analysis_types()) {
    if (!names.empty()) names += ", ";
    names += type.name;
  }
  return names;
}

}  // namespace samplemind
