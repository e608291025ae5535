// Features <-> JSON, with null for absent values and no non-finite numbers.
#include <cmath>

#include <nlohmann/json.hpp>

#include "samplemind/features.hpp"

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
}  // namespace

nlohmann::json features_to_json(const Features& f) {
  return {
      {"duration_s", finite_or(f.duration_s, 0.0)},
      {"sample_rate", f.sample_rate},
      {"channels", f.channels},
      {"kind", f.kind},
      {"tempo_bpm", optional_json(f.tempo_bpm)},
      {"tempo_confidence", finite_or(f.tempo_confidence, 0.0)},
      {"tempo_source", f.tempo_source},
      {"key", optional_json(f.key)},
      {"mode", optional_json(f.mode)},
      {"key_confidence", finite_or(f.key_confidence, 0.0)},
      {"camelot", optional_json(f.camelot)},
      {"root_note", optional_json(f.root_note)},
      {"root_midi", optional_json(f.root_midi)},
      {"energy", finite_or(f.energy, 0.0)},
      {"loudness_lufs", finite_or(f.loudness_lufs, -70.0)},
      {"peak_dbfs", finite_or(f.peak_dbfs, -120.0)},
      {"brightness_hz", finite_or(f.brightness_hz, 0.0)},
      {"onset_rate", finite_or(f.onset_rate, 0.0)},
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
  read_optional(json, "key", f.key);
  read_optional(json, "mode", f.mode);
  read_value(json, "key_confidence", f.key_confidence);
  read_optional(json, "camelot", f.camelot);
  read_optional(json, "root_note", f.root_note);
  read_optional(json, "root_midi", f.root_midi);
  read_value(json, "energy", f.energy);
  read_value(json, "loudness_lufs", f.loudness_lufs);
  read_value(json, "peak_dbfs", f.peak_dbfs);
  read_value(json, "brightness_hz", f.brightness_hz);
  read_value(json, "onset_rate", f.onset_rate);
  return f;
}

}  // namespace samplemind
