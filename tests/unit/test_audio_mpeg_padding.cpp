// An MP3 decoded with its encoder's delay and last frame's fill (no gapless header): its
// length is whole MPEG frames and says nothing of the loop in it, even where those frames
// happen to spell whole bars at a whole BPM.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "audio/audio_decoder.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/tempo_estimator.hpp"
#include "support/audio_writer.hpp"
#include "support/loop_renderer.hpp"
#include "support/stage_probes.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;
namespace fs = std::filesystem;

constexpr int k_rate_hz = 44100;
constexpr std::size_t k_frame_samples = 1152;  // MPEG-1 Layer III
constexpr std::size_t k_lame_delay = 1152 + 1105;  // the tag frame read as silence, then LAME's and the decoder's delay

// Two bars of a rock groove at 180 BPM (8 beats, 117,600 samples) as a decoder without the
// gapless header gives them back: 2,257 samples of silence first, then silence up to the
// end of the last frame: 120,960 samples, 105 frames, which is 8 beats at 175.000 BPM.
std::vector<float> loop_at_180() {
  LoopSpec spec;
  spec.bpm = 180;
  spec.bars = 2;
  spec.drums = DrumStyle::rock;
  spec.sample_rate = k_rate_hz;
  return render_loop(spec);
}

std::vector<float> padded_to_whole_frames(const std::vector<float>& loop) {
  std::vector<float> padded(k_lame_delay, 0.0f);
  padded.insert(padded.end(), loop.begin(), loop.end());
  padded.resize((padded.size() + k_frame_samples - 1) / k_frame_samples * k_frame_samples, 0.0f);
  return padded;
}

// Writes mono samples as a constant-bitrate MP3; false when this libsndfile cannot.
bool write_mp3(const fs::path& path, const std::vector<float>& samples) {
  WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = FileFormat::mp3;
  return write_audio_file(path, samples, options).ok;
}

}  // namespace

TEST_CASE("mpeg padding: only an MP3 whose decoded length is whole frames counts as padded") {
  AudioInfo mp3{44100, 2, 0, "MPEG Layer III", true};
  CHECK(decoded_to_whole_mpeg_frames(mp3, 105 * 1152));
  CHECK_FALSE(decoded_to_whole_mpeg_frames(mp3, 105 * 1152 + 1));  // a gapless decode: the source's length
  CHECK_FALSE(decoded_to_whole_mpeg_frames(mp3, 0));
  AudioInfo low_rate = mp3;
  low_rate.sample_rate = 22050;  // MPEG-2: 576-sample frames
  CHECK(decoded_to_whole_mpeg_frames(low_rate, 105 * 576));
  CHECK_FALSE(decoded_to_whole_mpeg_frames(low_rate, 105 * 576 + 288));
  AudioInfo wav = mp3;
  wav.mpeg_layer3 = false;
  CHECK_FALSE(decoded_to_whole_mpeg_frames(wav, 105 * 1152));  // a WAV of that length is just a WAV
}

TEST_CASE("mpeg padding: whole frames that spell whole bars are not taken for the loop's length") {
  const std::vector<float> loop = loop_at_180();
  const TempoEstimate source = estimate_tempo(onset_envelopes_of(loop, k_rate_hz), static_cast<double>(loop.size()) / k_rate_hz);
  REQUIRE(source.bpm.has_value());
  CHECK(180.0 / *source.bpm == doctest::Approx(std::round(180.0 / *source.bpm)));  // 180 or an octave of it

  const std::vector<float> padded = padded_to_whole_frames(loop);
  REQUIRE(padded.size() == 105 * k_frame_samples);
  const double duration_s = static_cast<double>(padded.size()) / k_rate_hz;
  const OnsetEnvelopes envelopes = onset_envelopes_of(padded, k_rate_hz);
  const double lead_in_s = static_cast<double>(k_lame_delay) / k_rate_hz;

  // Taken at its word, the length is whole bars (8 beats at 175.000 BPM to within a sample),
  // and its reading follows the frames, not the loop.
  const TempoEstimate trusted = estimate_tempo(envelopes, duration_s, lead_in_s, 0.0);
  REQUIRE(trusted.bpm.has_value());
  CHECK(trusted.whole_bars);
  CHECK(*trusted.bpm != doctest::Approx(*source.bpm).epsilon(0.01));

  // As codec frames, the loop is read from its sound: the source's own tempo.
  const TempoEstimate padded_reading = estimate_tempo(envelopes, duration_s, lead_in_s, 0.0, 0.0, true);
  REQUIRE(padded_reading.bpm.has_value());
  CHECK_FALSE(padded_reading.whole_bars);
  CHECK(*padded_reading.bpm == doctest::Approx(*source.bpm).epsilon(0.01));
}

TEST_CASE("mpeg padding: an MP3 without its gapless header reads the tempo of the loop, with it the same") {
  testing::TempDir dir;
  const std::vector<float> loop = loop_at_180();
  const Features source = extract_features_from_signal(loop, k_rate_hz);
  REQUIRE(source.tempo_bpm.has_value());
  const fs::path path = dir.path() / "groove.mp3";
  if (!write_mp3(path, loop)) {
    MESSAGE("this libsndfile cannot write MP3; the padded reading is covered by the estimator test above");
    return;
  }
  auto gapless = AudioDecoder::open(path);
  REQUIRE(gapless);
  CHECK(gapless->info().mpeg_layer3);
  const Result<Features> with_header = extract_features_from_file(path);
  REQUIRE(with_header);
  CHECK(with_header->duration_s == doctest::Approx(source.duration_s).epsilon(1e-4));  // delay and fill cut off
  REQUIRE(with_header->tempo_bpm.has_value());
  CHECK(*with_header->tempo_bpm == doctest::Approx(*source.tempo_bpm).epsilon(0.01));

  REQUIRE(drop_mp3_gapless_tag(path));
  const Result<Features> without_header = extract_features_from_file(path);
  REQUIRE(without_header);
  const auto decoded_frames = static_cast<std::int64_t>(std::lround(without_header->duration_s * k_rate_hz));
  CHECK(decoded_frames % static_cast<std::int64_t>(k_frame_samples) == 0);  // the delay and the fill are kept
  CHECK(decoded_frames > static_cast<std::int64_t>(loop.size()));
  REQUIRE(without_header->tempo_bpm.has_value());
  CHECK(*without_header->tempo_bpm == doctest::Approx(*source.tempo_bpm).epsilon(0.01));
}
