// features_from_element: field by field, with the defaults of Features for absent or null
// values, like features_to_json writes them.
#include "model/features_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace samplemind {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Nesting and size the feature cache ever writes, with room to spare; more is hostile.
constexpr std::size_t k_max_timbre_values = 1024;
constexpr std::size_t k_max_candidates = 4;
constexpr std::size_t k_max_features_bytes = 1 << 20;  // written: about 1 kB

// Thrown inside this file only, turned into an Error by features_from_element.
struct WrongType {
  const char* field;
};

// The field's value, or nothing when it is absent or null.
std::optional<element> field(const object& json, const char* name) {
  element value;
  if (json[name].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

double number_of(element value, const char* name) {
  double number = 0;
  if (value.get_double().get(number) != simdjson::SUCCESS || !std::isfinite(number)) throw WrongType{name};
  return number;
}

int integer_of(element value, const char* name) {
  std::int64_t number = 0;
  if (value.get_int64().get(number) != simdjson::SUCCESS || number < std::numeric_limits<int>::min() ||
      number > std::numeric_limits<int>::max()) {
    throw WrongType{name};
  }
  return static_cast<int>(number);
}

std::string text_of(element value, const char* name) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) throw WrongType{name};
  return std::string(text);
}

bool boolean_of(element value, const char* name) {
  bool flag = false;
  if (value.get_bool().get(flag) != simdjson::SUCCESS) throw WrongType{name};
  return flag;
}

void read(const object& json, const char* name, double& out) {
  if (auto value = field(json, name)) out = number_of(*value, name);
}
void read(const object& json, const char* name, int& out) {
  if (auto value = field(json, name)) out = integer_of(*value, name);
}
void read(const object& json, const char* name, std::string& out) {
  if (auto value = field(json, name)) out = text_of(*value, name);
}
void read(const object& json, const char* name, std::optional<double>& out) {
  if (auto value = field(json, name)) out = number_of(*value, name);
}
void read(const object& json, const char* name, std::optional<int>& out) {
  if (auto value = field(json, name)) out = integer_of(*value, name);
}
void read(const object& json, const char* name, std::optional<std::string>& out) {
  if (auto value = field(json, name)) out = text_of(*value, name);
}
void read(const object& json, const char* name, std::optional<bool>& out) {
  if (auto value = field(json, name)) out = boolean_of(*value, name);
}

std::optional<object> object_field(const object& json, const char* name) {
  object inner;
  if (auto value = field(json, name); value && value->get_object().get(inner) == simdjson::SUCCESS) return inner;
  return std::nullopt;
}

// Numbers only, finite as floats; anything else (or an oversized array) reads as none.
std::vector<float> finite_floats_of(element value) {
  std::vector<float> out;
  simdjson::dom::array values;
  if (value.get_array().get(values) != simdjson::SUCCESS || values.size() > k_max_timbre_values) return out;
  out.reserve(values.size());
  for (element item : values) {
    double number = 0;
    if (item.get_double().get(number) != simdjson::SUCCESS) return {};
    const auto narrowed = static_cast<float>(number);
    if (!std::isfinite(narrowed)) return {};  // beyond float range: no descriptor, never an inf distance
    out.push_back(narrowed);
  }
  return out;
}

// Exactly twelve shares of 0..1; anything else (a hostile or damaged entry) reads as none.
std::vector<float> pitch_classes_of(element value) {
  std::vector<float> out = finite_floats_of(value);
  const bool shares = std::all_of(out.begin(), out.end(), [](float v) { return v >= 0.0F && v <= 1.0F; });
  if (out.size() != 12 || !shares) out.clear();
  return out;
}

StatedValues stated_of(const object& json) {
  StatedValues s;
  if (auto bpm = object_field(json, "bpm")) {
    read(*bpm, "value", s.bpm);
    read(*bpm, "source", s.bpm_source);
  }
  if (auto key = object_field(json, "key")) {
    read(*key, "tonic", s.key_tonic);
    read(*key, "minor", s.key_minor);
    read(*key, "source", s.key_source);
  }
  if (auto root = object_field(json, "root")) {
    read(*root, "midi", s.root_midi);
    read(*root, "pitch_class", s.root_pitch_class);
    read(*root, "source", s.root_source);
  }
  return s;
}

void read_candidates(const object& json, Features& f) {
  simdjson::dom::array list;
  auto value = field(json, "tempo_candidates");
  if (!value || value->get_array().get(list) != simdjson::SUCCESS) return;
  for (element item : list) {
    object candidate;
    if (item.get_object().get(candidate) != simdjson::SUCCESS || f.tempo_candidates.size() >= k_max_candidates) continue;
    TempoCandidate c;
    read(candidate, "bpm", c.bpm);
    read(candidate, "confidence", c.confidence);
    f.tempo_candidates.push_back(c);
  }
}

Features read_features(const object& json) {
  Features f;
  read(json, "duration_s", f.duration_s);
  read(json, "sample_rate", f.sample_rate);
  read(json, "channels", f.channels);
  read(json, "kind", f.kind);
  read(json, "tempo_bpm", f.tempo_bpm);
  read(json, "tempo_confidence", f.tempo_confidence);
  read(json, "tempo_source", f.tempo_source);
  read(json, "tempo_bpm_audio", f.tempo_bpm_audio);
  read_candidates(json, f);
  read(json, "key", f.key);
  read(json, "mode", f.mode);
  read(json, "key_confidence", f.key_confidence);
  read(json, "camelot", f.camelot);
  read(json, "root_note", f.root_note);
  read(json, "root_midi", f.root_midi);
  read(json, "key_source", f.key_source);
  read(json, "key_audio", f.key_audio);
  read(json, "root_source", f.root_source);
  read(json, "root_note_audio", f.root_note_audio);
  // An entry written before root_note_audio existed: its root is the audio's when its source is
  // (the feature cache stores the audio's values; statements are applied after it).
  element absent;
  if (json["root_note_audio"].get(absent) != simdjson::SUCCESS && f.root_source == "audio") {
    f.root_note_audio = f.root_note;
  }
  if (auto stated = object_field(json, "stated")) f.stated = stated_of(*stated);
  read(json, "energy", f.energy);
  read(json, "loudness_lufs", f.loudness_lufs);
  read(json, "peak_dbfs", f.peak_dbfs);
  read(json, "brightness_hz", f.brightness_hz);
  read(json, "onset_rate", f.onset_rate);
  read(json, "category", f.category);
  read(json, "category_source", f.category_source);
  read(json, "category_audio", f.category_audio);
  if (auto timbre = field(json, "timbre")) f.timbre = finite_floats_of(*timbre);
  if (auto classes = field(json, "pitch_classes")) f.pitch_classes = pitch_classes_of(*classes);
  return f;
}

}  // namespace

Result<Features> features_from_element(simdjson::dom::element element) {
  object json;
  if (element.get_object().get(json) != simdjson::SUCCESS) return Error{"features are not a JSON object"};
  try {
    return read_features(json);
  } catch (const WrongType& wrong) {
    return Error{std::string("features field '") + wrong.field + "' has the wrong type"};
  }
}

simdjson::dom::parser& thread_json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

Result<Features> features_from_json_text(std::string_view text) {
  if (text.size() > k_max_features_bytes) return Error{"features record too large"};
  simdjson::dom::element root;
  if (thread_json_parser().parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) {
    return Error{"features are not valid JSON"};
  }
  return features_from_element(root);
}

}  // namespace samplemind
