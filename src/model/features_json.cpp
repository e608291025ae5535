// Features -> JSON (the reader is features_reader.cpp), with null for absent values and no non-finite numbers.
#include <cmath>

#include <nlohmann/json.hpp>

#include "model/features.hpp"

namespace samplemind {

double finite_or(double value, double fallback) { return std::isfinite(value) ? value : fallback; }

namespace {
template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  if (!value) return nullptr;
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(*value)) return nullptr;
  }
  return *value;
}

// Tempo is printed to 2 decimals: a float from a chunk (136.89999389648438) reads 136.9.
nlohmann::json tempo_json(const std::optional<double>& bpm) {
  if (!bpm || !std::isfinite(*bpm)) return nullptr;
  return std::round(*bpm * 100.0) / 100.0;
}

nlohmann::json candidates_json(const std::vector<TempoCandidate>& candidates) {
  nlohmann::json out = nlohmann::json::array();
  for (const TempoCandidate& c : candidates) {
    if (!std::isfinite(c.bpm)) continue;
    out.push_back({{"bpm", std::round(c.bpm * 100.0) / 100.0},
                   {"confidence", std::round(finite_or(c.confidence, 0.0) * 1000.0) / 1000.0}});
  }
  return out;
}

nlohmann::json stated_json(const StatedValues& s) {
  nlohmann::json out = nlohmann::json::object();
  if (s.bpm && std::isfinite(*s.bpm)) out["bpm"] = {{"value", tempo_json(s.bpm)}, {"source", s.bpm_source}};
  if (s.key_tonic) {
    out["key"] = {{"tonic", *s.key_tonic}, {"minor", optional_json(s.key_minor)}, {"source", s.key_source}};
  }
  if (s.root_midi || s.root_pitch_class) {
    out["root"] = {{"midi", optional_json(s.root_midi)},
                   {"pitch_class", optional_json(s.root_pitch_class)},
                   {"source", s.root_source}};
  }
  return out;
}

// Finite values only, 4 decimals: the descriptor is normalised to about -3..3.
nlohmann::json timbre_json(const std::vector<float>& timbre) {
  nlohmann::json out = nlohmann::json::array();
  out.get_ref<nlohmann::json::array_t&>().reserve(timbre.size());
  for (float value : timbre) out.push_back(std::isfinite(value) ? std::round(double(value) * 1e4) / 1e4 : 0.0);
  return out;
}

}  // namespace

nlohmann::json features_to_json(const Features& f) {
  // Filled key by key: an initializer list copies every value once more (nlohmann builds
  // it from json_ref copies), and analyze writes one of these per file.
  nlohmann::json out = nlohmann::json::object();
  out["duration_s"] = finite_or(f.duration_s, 0.0);
  out["sample_rate"] = f.sample_rate;
  out["channels"] = f.channels;
  out["kind"] = f.kind;
  out["tempo_bpm"] = tempo_json(f.tempo_bpm);
  out["tempo_confidence"] = finite_or(f.tempo_confidence, 0.0);
  out["tempo_source"] = f.tempo_source;
  out["tempo_bpm_audio"] = tempo_json(f.tempo_bpm_audio);
  out["tempo_candidates"] = candidates_json(f.tempo_candidates);
  out["key"] = optional_json(f.key);
  out["mode"] = optional_json(f.mode);
  out["key_confidence"] = finite_or(f.key_confidence, 0.0);
  out["camelot"] = optional_json(f.camelot);
  out["key_source"] = f.key_source;
  out["key_audio"] = optional_json(f.key_audio);
  out["root_note"] = optional_json(f.root_note);
  out["root_midi"] = optional_json(f.root_midi);
  out["root_source"] = f.root_source;
  out["stated"] = stated_json(f.stated);
  out["energy"] = finite_or(f.energy, 0.0);
  out["loudness_lufs"] = finite_or(f.loudness_lufs, -70.0);
  out["peak_dbfs"] = finite_or(f.peak_dbfs, -120.0);
  out["brightness_hz"] = finite_or(f.brightness_hz, 0.0);
  out["onset_rate"] = finite_or(f.onset_rate, 0.0);
  out["category"] = optional_json(f.category);
  out["category_source"] = f.category_source;
  out["timbre"] = timbre_json(f.timbre);
  return out;
}

}  // namespace samplemind
