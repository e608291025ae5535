// Features <-> JSON, with null for absent values and no non-finite numbers.
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

template <class T>
void read_optional(const nlohmann::json& json, const char* name, std::optional<T>& out) {
  if (auto it = json.find(name); it != json.end() && !it->is_null()) out = it->get<T>();
}

template <class T>
void read_value(const nlohmann::json& json, const char* name, T& out) {
  if (auto it = json.find(name); it != json.end() && !it->is_null()) out = it->get<T>();
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
  for (float value : timbre) out.push_back(std::isfinite(value) ? std::round(double(value) * 1e4) / 1e4 : 0.0);
  return out;
}

// Numbers only; anything else (or an oversized array) reads as no descriptor.
std::vector<float> timbre_from_json(const nlohmann::json& json) {
  std::vector<float> out;
  if (!json.is_array() || json.size() > 1024) return out;
  out.reserve(json.size());
  for (const auto& value : json) {
    if (!value.is_number()) return {};
    const double number = value.get<double>();
    out.push_back(std::isfinite(number) ? static_cast<float>(number) : 0.0f);
  }
  return out;
}

StatedValues stated_from_json(const nlohmann::json& json) {
  StatedValues s;
  if (!json.is_object()) return s;
  if (auto it = json.find("bpm"); it != json.end() && it->is_object()) {
    read_optional(*it, "value", s.bpm);
    read_value(*it, "source", s.bpm_source);
  }
  if (auto it = json.find("key"); it != json.end() && it->is_object()) {
    read_optional(*it, "tonic", s.key_tonic);
    read_optional(*it, "minor", s.key_minor);
    read_value(*it, "source", s.key_source);
  }
  if (auto it = json.find("root"); it != json.end() && it->is_object()) {
    read_optional(*it, "midi", s.root_midi);
    read_optional(*it, "pitch_class", s.root_pitch_class);
    read_value(*it, "source", s.root_source);
  }
  return s;
}
}  // namespace

nlohmann::json features_to_json(const Features& f) {
  return {
      {"duration_s", finite_or(f.duration_s, 0.0)},
      {"sample_rate", f.sample_rate},
      {"channels", f.channels},
      {"kind", f.kind},
      {"tempo_bpm", tempo_json(f.tempo_bpm)},
      {"tempo_confidence", finite_or(f.tempo_confidence, 0.0)},
      {"tempo_source", f.tempo_source},
      {"tempo_bpm_audio", tempo_json(f.tempo_bpm_audio)},
      {"tempo_candidates", candidates_json(f.tempo_candidates)},
      {"key", optional_json(f.key)},
      {"mode", optional_json(f.mode)},
      {"key_confidence", finite_or(f.key_confidence, 0.0)},
      {"camelot", optional_json(f.camelot)},
      {"key_source", f.key_source},
      {"key_audio", optional_json(f.key_audio)},
      {"root_note", optional_json(f.root_note)},
      {"root_midi", optional_json(f.root_midi)},
      {"root_source", f.root_source},
      {"stated", stated_json(f.stated)},
      {"energy", finite_or(f.energy, 0.0)},
      {"loudness_lufs", finite_or(f.loudness_lufs, -70.0)},
      {"peak_dbfs", finite_or(f.peak_dbfs, -120.0)},
      {"brightness_hz", finite_or(f.brightness_hz, 0.0)},
      {"onset_rate", finite_or(f.onset_rate, 0.0)},
      {"category", optional_json(f.category)},
      {"category_source", f.category_source},
      {"timbre", timbre_json(f.timbre)},
  };
}

Features features_from_json(const nlohmann::json& json) {
  Features f;
  read_value(json, "duration_s", f.duration_s);
  read_value(json, "sample_rate", f.sample_rate);
  read_value(json, "channels", f.channels);
  read_value(json, "kind", f.kind);
  read_optional(json, "tempo_bpm", f.tempo_bpm);
  read_value(json, "tempo_confidence", f.tempo_confidence);
  read_value(json, "tempo_source", f.tempo_source);
  read_optional(json, "tempo_bpm_audio", f.tempo_bpm_audio);
  if (auto it = json.find("tempo_candidates"); it != json.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (c.is_object() && f.tempo_candidates.size() < 4) {
        f.tempo_candidates.push_back({c.value("bpm", 0.0), c.value("confidence", 0.0)});
      }
    }
  }
  read_optional(json, "key", f.key);
  read_optional(json, "mode", f.mode);
  read_value(json, "key_confidence", f.key_confidence);
  read_optional(json, "camelot", f.camelot);
  read_optional(json, "root_note", f.root_note);
  read_optional(json, "root_midi", f.root_midi);
  read_value(json, "key_source", f.key_source);
  read_optional(json, "key_audio", f.key_audio);
  read_value(json, "root_source", f.root_source);
  if (auto it = json.find("stated"); it != json.end()) f.stated = stated_from_json(*it);
  read_value(json, "energy", f.energy);
  read_value(json, "loudness_lufs", f.loudness_lufs);
  read_value(json, "peak_dbfs", f.peak_dbfs);
  read_value(json, "brightness_hz", f.brightness_hz);
  read_value(json, "onset_rate", f.onset_rate);
  read_optional(json, "category", f.category);
  read_value(json, "category_source", f.category_source);
  if (auto it = json.find("timbre"); it != json.end()) f.timbre = timbre_from_json(*it);
  return f;
}

}  // namespace samplemind
