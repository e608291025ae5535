// `similar`: the timbre distance's promises, and exact search over generated sounds:
// a kick's nearest neighbours are kicks, not pads.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "audio/feature_extractor.hpp"
#include "index/similar_search.hpp"
#include "index/timbre_distance.hpp"
#include "support/loop_renderer.hpp"
#include "support/synth.hpp"

namespace samplemind {
namespace {
constexpr int k_rate = 44100;

// A kick with its own body: the synth kick plus a decaying sine at body_hz.
std::vector<float> kick_variant(double body_hz, double decay_per_s, double click) {
  std::vector<float> out;
  audio::add_kick(out, k_rate, 0.0, 0.8);
  audio::add_click(out, k_rate, 0.0, click);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = double(i) / k_rate;
    out[i] += static_cast<float>(0.4 * std::sin(2.0 * M_PI * body_hz * t) * std::exp(-decay_per_s * t));
  }
  audio::normalize_peak(out, 0.9);
  return out;
}

// A pad: notes of the synth's pad or saw timbre, swelling in, held for seconds.
std::vector<float> pad_variant(double midi, audio::Timbre timbre, double seconds) {
  std::vector<float> out;
  audio::add_note(out, k_rate, 0.0, seconds, audio::midi_to_hz(midi), 0.3, timbre);
  audio::add_note(out, k_rate, 0.0, seconds, audio::midi_to_hz(midi + 7), 0.2, timbre);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] *= static_cast<float>(std::min(1.0, double(i) / (0.6 * k_rate)));
  audio::normalize_peak(out, 0.7);
  return out;
}

IndexedFile indexed(const std::string& name, const std::vector<float>& mono) {
  IndexedFile file;
  file.path = "/library/" + name;
  file.features = extract_features_from_signal(mono, k_rate, 1);
  return file;
}

std::vector<IndexedFile> library() {
  std::vector<IndexedFile> files;
  files.push_back(indexed("kick_a.wav", kick_variant(50.0, 8.0, 0.3)));
  files.push_back(indexed("kick_b.wav", kick_variant(60.0, 12.0, 0.1)));
  files.push_back(indexed("kick_c.wav", kick_variant(45.0, 6.0, 0.5)));
  files.push_back(indexed("pad_a.wav", pad_variant(57, audio::Timbre::pad, 4.0)));
  files.push_back(indexed("pad_b.wav", pad_variant(48, audio::Timbre::saw, 3.5)));
  files.push_back(indexed("pad_c.wav", pad_variant(64, audio::Timbre::organ, 4.5)));
  files.push_back(indexed("hat_a.wav", audio::render_drum_hit(audio::DrumHit::closed_hat, k_rate, 3)));
  files.push_back(indexed("snare_a.wav", audio::render_drum_hit(audio::DrumHit::snare, k_rate, 4)));
  return files;
}
}  // namespace

TEST_CASE("timbre distance: zero for itself, symmetric, nothing for missing descriptors") {
  const Features kick = extract_features_from_signal(kick_variant(50.0, 8.0, 0.3), k_rate, 1);
  const Features pad = extract_features_from_signal(pad_variant(57, audio::Timbre::pad, 3.0), k_rate, 1);
  CHECK(timbre_distance(kick.timbre, kick.timbre) == 0.0);
  const auto there = timbre_distance(kick.timbre, pad.timbre), back = timbre_distance(pad.timbre, kick.timbre);
  REQUIRE(there);
  CHECK(*there == doctest::Approx(*back));
  CHECK(*there > 0.5);
  CHECK_FALSE(timbre_distance(kick.timbre, {}));
  CHECK_FALSE(timbre_distance(std::vector<float>{1.0f, 2.0f}, std::vector<float>{1.0f, 2.0f}));  // another version's size
}

TEST_CASE("similar: a kick's nearest neighbours are kicks, not pads") {
  auto files = library();
  SimilarQuery query;
  query.timbre = extract_features_from_signal(kick_variant(55.0, 10.0, 0.2), k_rate, 1).timbre;
  query.count = 3;
  const auto matches = find_similar(files, query);
  REQUIRE(matches.size() == 3);
  for (const SimilarMatch& match : matches) {
    CAPTURE(files[match.index].path);
    CHECK(files[match.index].path.find("kick_") != std::string::npos);
  }
  CHECK(matches[0].distance <= matches[1].distance);
  CHECK(matches[1].distance <= matches[2].distance);
}

TEST_CASE("similar: a pad's nearest neighbours are pads") {
  auto files = library();
  SimilarQuery query;
  query.timbre = extract_features_from_signal(pad_variant(52, audio::Timbre::pad, 4.0), k_rate, 1).timbre;
  query.count = 3;
  for (const SimilarMatch& match : find_similar(files, query)) {
    CAPTURE(files[match.index].path);
    CHECK(files[match.index].path.find("pad_") != std::string::npos);
  }
}

TEST_CASE("similar: the query itself and stale files are left out unless asked") {
  auto files = library();
  files[1].stale = true;
  files[1].stale_reason = "vanished";
  SimilarQuery query;
  query.timbre = files[0].features.timbre;
  query.exclude_path = files[0].path;
  query.count = 100;
  auto matches = find_similar(files, query);
  CHECK(matches.size() == files.size() - 2);
  for (const SimilarMatch& match : matches) CHECK(match.index != 0);
  for (const SimilarMatch& match : matches) CHECK(match.index != 1);
  query.include_stale = true;
  CHECK(find_similar(files, query).size() == files.size() - 1);
}

}  // namespace samplemind
