// Renders the labelled evaluation corpus: loops with known tempo and key in all 24
// keys, drum loops, drum and pitched one-shots, in several formats and rates.
// File names are random ids; the answers go to manifest.tsv beside them.
// Usage: gen_corpus OUTPUT_DIR [--small] [--seed N]
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/audio_writer.hpp"
#include "audio/key_classifier.hpp"
#include "support/loop_renderer.hpp"

using namespace samplemind::audio;

namespace {

constexpr FileFormat k_formats[] = {FileFormat::wav16, FileFormat::wav24, FileFormat::flac, FileFormat::aiff, FileFormat::ogg};
constexpr int k_rates_hz[] = {22050, 44100, 48000};
constexpr int k_bar_choices[] = {1, 2, 2, 4, 4, 4, 8, 8, 3, 6};

struct Entry {
  std::string category;  // tonal_loop, drum_loop, drum_hit, pitched_hit
  std::string bpm = "-";
  std::string key = "-";
  std::string mode = "-";
  std::string root_midi = "-";
  std::string detail = "-";  // drum style / timbre, for error analysis only
};

class CorpusWriter {
 public:
  CorpusWriter(std::filesystem::path folder, std::uint32_t seed) : folder_(std::move(folder)), rng_(seed) {
    std::filesystem::create_directories(folder_);
    manifest_.open(folder_ / "manifest.tsv");
    manifest_ << "file\tcategory\tbpm\tkey\tmode\troot_midi\tformat\trate\tchannels\tdetail\n";
  }

  // Writes one file under a random name and records its answers.
  bool write(const std::vector<float>& samples, WriteOptions options, const Entry& entry) {
    char name[32];
    std::snprintf(name, sizeof(name), "s%06u.%s", static_cast<unsigned>(rng_() % 1000000),
                  std::string(extension_of(options.format)).c_str());
    if (std::filesystem::exists(folder_ / name)) return write(samples, options, entry);
    const auto status = write_audio_file(folder_ / name, samples, options);
    if (!status) {
      std::fprintf(stderr, "gen_corpus: %s: %s\n", name, status.error.c_str());
      return false;
    }
    manifest_ << name << '\t' << entry.category << '\t' << entry.bpm << '\t' << entry.key << '\t' << entry.mode << '\t'
              << entry.root_midi << '\t' << static_cast<int>(options.format) << '\t' << options.sample_rate << '\t'
              << options.channels << '\t' << entry.detail << '\n';
    return true;
  }

  std::mt19937& rng() { return rng_; }
  template <class T, std::size_t N>
  T pick(const T (&choices)[N]) { return choices[rng_() % N]; }
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::filesystem::path folder_;
  std::mt19937 rng_;
  std::ofstream manifest_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gen_corpus OUTPUT_DIR [--small] [--seed N]\n");
    return 2;
  }
  bool small = false;
  std::uint32_t seed = 2024;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--small") == 0) small = true;
    else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = static_cast<std::uint32_t>(std::stoul(argv[++i]));
  }
  CorpusWriter corpus(argv[1], seed);
  const int loops_per_key = small ? 1 : 3;
  const int drum_loops = small ? 8 : 36;
  const int hits = small ? 6 : 24;
  constexpr Timbre chord_timbres[] = {Timbre::saw, Timbre::organ, Timbre::pad, Timbre::square};
  constexpr DrumStyle styles[] = {DrumStyle::rock, DrumStyle::four_on_floor, DrumStyle::half_time, DrumStyle::breakbeat};
  bool ok = true;

  // Tonal loops: every key, with bass, optional melody and drums.
  for (int key = 0; key < 24 && ok; ++key) {
    for (int variant = 0; variant < loops_per_key && ok; ++variant) {
      LoopSpec spec;
      spec.tonic = key % 12;
      spec.minor = key >= 12;
      spec.bpm = corpus.uniform(60, 180);
      spec.bars = corpus.pick(k_bar_choices);
      spec.melody = corpus.uniform(0, 2) > 0;
      spec.drums = corpus.uniform(0, 2) > 0 ? corpus.pick(styles) : DrumStyle::none;
      spec.progression = corpus.uniform(0, 3);
      spec.chord_timbre = corpus.pick(chord_timbres);
      spec.tuning_hz = corpus.uniform(0, 4) == 0 ? 440.0 * std::pow(2.0, corpus.uniform(-25, 25) / 1200.0) : 440.0;
      spec.sample_rate = corpus.pick(k_rates_hz);
      spec.channels = corpus.uniform(1, 2);
      spec.seed = corpus.rng()();
      WriteOptions options{.sample_rate = spec.sample_rate, .channels = spec.channels, .format = corpus.pick(k_formats)};
      ok = corpus.write(render_loop(spec), options,
                        {"tonal_loop", std::to_string(spec.bpm), std::string(pitch_class_name(spec.tonic)),
                         spec.minor ? "minor" : "major", "-", "drums" + std::to_string(static_cast<int>(spec.drums))});
    }
  }
  // Drum-only loops.
  for (int i = 0; i < drum_loops && ok; ++i) {
    LoopSpec spec{.bpm = corpus.uniform(60, 180), .bars = corpus.pick(k_bar_choices), .chords = false, .bass = false,
                  .drums = corpus.pick(styles), .sample_rate = corpus.pick(k_rates_hz), .channels = corpus.uniform(1, 2)};
    spec.seed = corpus.rng()();
    WriteOptions options{.sample_rate = spec.sample_rate, .channels = spec.channels, .format = corpus.pick(k_formats)};
    ok = corpus.write(render_loop(spec), options, {"drum_loop", std::to_string(spec.bpm), "-", "-", "-", "drums" + std::to_string(static_cast<int>(spec.drums))});
  }
  // Drum one-shots.
  constexpr DrumHit drum_hits[] = {DrumHit::kick, DrumHit::snare, DrumHit::closed_hat, DrumHit::open_hat, DrumHit::clap};
  for (int i = 0; i < hits && ok; ++i) {
    const int rate = corpus.pick(k_rates_hz);
    WriteOptions options{.sample_rate = rate, .channels = 1, .format = corpus.pick(k_formats)};
    ok = corpus.write(render_drum_hit(corpus.pick(drum_hits), rate, corpus.rng()()), options, {"drum_hit"});
  }
  // Pitched one-shots, MIDI 36..84.
  constexpr Timbre hit_timbres[] = {Timbre::pluck, Timbre::saw, Timbre::organ, Timbre::sine, Timbre::square};
  for (int i = 0; i < hits && ok; ++i) {
    const int rate = corpus.pick(k_rates_hz);
    const int midi = corpus.uniform(36, 84);
    WriteOptions options{.sample_rate = rate, .channels = 1, .format = corpus.pick(k_formats)};
    const double seconds = 0.4 + corpus.uniform(0, 16) * 0.1;
    ok = corpus.write(render_pitched_hit(midi, corpus.pick(hit_timbres), seconds, rate), options,
                      {"pitched_hit", "-", "-", "-", std::to_string(midi)});
  }
  return ok ? 0 : 1;
}
