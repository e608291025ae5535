// Features -> JSON text (the reader is features_reader.cpp), with null for absent values
// and no non-finite numbers. Written straight to text: analyze prints one per file.
#include <cmath>

#include <nlohmann/json.hpp>

#include "model/features.hpp"
#include "util/json_text_writer.hpp"

namespace samplemind {

double finite_or(double value, double fallback) { return std::isfinite(value) ? value : fallback; }

namespace {
// Tempo is printed to 2 decimals: a float from a chunk (136.89999389648438) reads 136.9.
void tempo(JsonTextWriter& out, const std::optional<double>& bpm) {
  if (bpm && std::isfinite(*bpm)) {
    out.number(std::round(*bpm * 100.0) / 100.0);
  } else {
    out.null();
  }
}

void candidates(JsonTextWriter& out, const std::vector<TempoCandidate>& list) {
  out.begin_array();
  for (const TempoCandidate& c : list) {
    if (!std::isfinite(c.bpm)) continue;
    out.begin_object();
    out.key("bpm");
    out.number(std::round(c.bpm * 100.0) / 100.0);
    out.key("confidence");
    out.number(std::round(finite_or(c.confidence, 0.0) * 1000.0) / 1000.0);
    out.end_object();
  }
  out.end_array();
}

void stated(JsonTextWriter& out, const StatedValues& s) {
  out.begin_object();
  if (s.bpm && std::isfinite(*s.bpm)) {
    out.key("bpm");
    out.begin_object();
    out.key("source");
    out.string(s.bpm_source);
    out.key("value");
    tempo(out, s.bpm);
    out.end_object();
  }
  if (s.key_tonic) {
    out.key("key");
    out.begin_object();
    out.key("minor");
    out.boolean_or_null(s.key_minor);
    out.key("source");
    out.string(s.key_source);
    out.key("tonic");
    out.integer(*s.key_tonic);
    out.end_object();
  }
  if (s.root_midi || s.root_pitch_class) {
    out.key("root");
    out.begin_object();
    out.key("midi");
    out.integer_or_null(s.root_midi);
    out.key("pitch_class");
    out.integer_or_null(s.root_pitch_class);
    out.key("source");
    out.string(s.root_source);
    out.end_object();
  }
  out.end_object();
}

// A float vector as finite numbers rounded to 1/scale: the timbre descriptor (normalised to
// about -3..3) at 1e4, the pitch-class shares (0..1) at 1e3.
void rounded_floats(JsonTextWriter& out, const std::vector<float>& values, double scale) {
  out.begin_array();
  for (float value : values) out.number(std::isfinite(value) ? std::round(double(value) * scale) / scale : 0.0);
  out.end_array();
}

}  // namespace

// Keys in nlohmann's (sorted) order, so the text equals a dump of the parsed tree.
void write_features_json(JsonTextWriter& out, const Features& f) {
  out.begin_object();
  out.key("brightness_hz");
  out.number(finite_or(f.brightness_hz, 0.0));
  out.key("camelot");
  out.string_or_null(f.camelot);
  out.key("category");
  out.string_or_null(f.category);
  out.key("category_audio");
  out.string_or_null(f.category_audio);
  out.key("category_source");
  out.string(f.category_source);
  out.key("channels");
  out.integer(f.channels);
  out.key("duration_s");
  out.number(finite_or(f.duration_s, 0.0));
  out.key("energy");
  out.number(finite_or(f.energy, 0.0));
  out.key("key");
  out.string_or_null(f.key);
  out.key("key_audio");
  out.string_or_null(f.key_audio);
  out.key("key_confidence");
  out.number(finite_or(f.key_confidence, 0.0));
  out.key("key_source");
  out.string(f.key_source);
  out.key("kind");
  out.string(f.kind);
  out.key("loudness_lufs");
  out.number(finite_or(f.loudness_lufs, -70.0));
  out.key("mode");
  out.string_or_null(f.mode);
  out.key("onset_rate");
  out.number(finite_or(f.onset_rate, 0.0));
  out.key("peak_dbfs");
  out.number(finite_or(f.peak_dbfs, -120.0));
  out.key("pitch_classes");
  rounded_floats(out, f.pitch_classes, 1e3);
  out.key("root_midi");
  out.integer_or_null(f.root_midi);
  out.key("root_note");
  out.string_or_null(f.root_note);
  out.key("root_note_audio");
  out.string_or_null(f.root_note_audio);
  out.key("root_source");
  out.string(f.root_source);
  out.key("sample_rate");
  out.integer(f.sample_rate);
  out.key("stated");
  stated(out, f.stated);
  out.key("tempo_bpm");
  tempo(out, f.tempo_bpm);
  out.key("tempo_bpm_audio");
  tempo(out, f.tempo_bpm_audio);
  out.key("tempo_candidates");
  candidates(out, f.tempo_candidates);
  out.key("tempo_confidence");
  out.number(finite_or(f.tempo_confidence, 0.0));
  out.key("tempo_source");
  out.string(f.tempo_source);
  out.key("timbre");
  rounded_floats(out, f.timbre, 1e4);
  out.end_object();
}

std::string features_json_text(const Features& features) {
  std::string text;
  text.reserve(2048);  // about 1.4 kB: one allocation instead of a chain of doublings
  JsonTextWriter out(text, -1);
  write_features_json(out, features);
  return text;
}

nlohmann::json features_to_json(const Features& features) {
  return nlohmann::json::parse(features_json_text(features));
}

}  // namespace samplemind
