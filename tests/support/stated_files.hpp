#pragma once
// Small audio files for the metadata tests: a 0.5 s sine written in a given format, and what
// the product reads from a file (the decoder's chunks, then every statement).
#include <filesystem>
#include <optional>
#include <vector>

#include <doctest/doctest.h>
#include <sndfile.h>

#include "audio/audio_decoder.hpp"
#include "audio/feature_extractor.hpp"
#include "metadata/file_statements.hpp"
#include "metadata/stated_values.hpp"
#include "support/audio_writer.hpp"
#include "support/synth.hpp"

namespace samplemind::testing {

inline constexpr int k_rate_hz = 44100;

inline std::vector<float> sine(double seconds = 0.5) {
  std::vector<float> out = audio::silence(seconds, k_rate_hz);
  audio::add_note(out, k_rate_hz, 0.0, seconds, 220.0, 0.5, audio::Timbre::sine);
  return out;
}

inline void write(const std::filesystem::path& path, audio::FileFormat format) {
  audio::WriteOptions options;
  options.sample_rate = k_rate_hz;
  options.format = format;
  REQUIRE(audio::write_audio_file(path, sine(), options).ok);
}

// A 16-bit mono WAV of samples (a sine by default) whose smpl chunk, written by libsndfile,
// has this MIDI unity note.
inline void write_wav_with_unity_note(const std::filesystem::path& path, int unity_midi,
                                      const std::vector<float>& samples = sine()) {
  SF_INFO info{};
  info.samplerate = k_rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  REQUIRE(file != nullptr);
  SF_INSTRUMENT instrument{};
  instrument.basenote = static_cast<char>(unity_midi);
  instrument.velocity_hi = 127;
  instrument.key_hi = 127;
  CHECK(sf_command(file, SFC_SET_INSTRUMENT, &instrument, sizeof(instrument)) == SF_TRUE);
  CHECK(sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size())) ==
        static_cast<sf_count_t>(samples.size()));
  sf_close(file);
}

// What the product does: the decoder's chunk reading, then the statements.
inline metadata::FileStatements statements_of(const std::filesystem::path& path) {
  auto decoder = AudioDecoder::open(path);
  return metadata::read_file_statements(path, decoder.ok() ? decoder->loop_metadata() : std::nullopt);
}

// The final features of a file, as analyze shows them (statements on).
inline Features final_features(const std::filesystem::path& path) {
  auto extracted = extract_features_from_file(path);
  REQUIRE(extracted.ok());
  Features f = *extracted;
  apply_file_statements(f, path, StatementOptions{false, std::nullopt});
  return f;
}

}  // namespace samplemind::testing
