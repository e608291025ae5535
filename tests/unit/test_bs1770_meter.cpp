// Our BS.1770 meter against libebur128 (the oracle, EBUR128_MODE_I) on generated
// signals, plus the known answers of BS.1770 itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <random>
#include <span>
#include <vector>

#include <ebur128.h>

#include "audio/bs1770_meter.hpp"
#include "audio/loudness_stage.hpp"

using samplemind::audio::Bs1770Meter;
using samplemind::audio::LaneKernel;

namespace {

constexpr double k_tolerance_lu = 1e-6;  // measured: 7e-9 LU (the goal was 0.02)

enum class Signal { tone_100, tone_1k, tone_10k, noise, loud_then_quiet };

// One channel of a test signal; each channel gets its own level so channel weights matter.
std::vector<float> render(Signal signal, int rate, double seconds, int channel, std::mt19937& rng) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate));
  const double level = 0.5 * std::pow(10.0, -3.0 * channel / 20.0);
  const double hz = signal == Signal::tone_100 ? 100.0 : signal == Signal::tone_10k ? 10000.0 : 1000.0;
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    double v = signal == Signal::noise ? uniform(rng) : std::sin(2.0 * std::numbers::pi * (hz + 7.0 * channel) * t);
    // Loud first 40%, then 15 dB down (below the relative gate), then 6 dB down (kept).
    if (signal == Signal::loud_then_quiet) v *= t < 0.4 * seconds ? 1.0 : t < 0.8 * seconds ? 0.178 : 0.5;
    out[i] = static_cast<float>(level * v);
  }
  return out;
}

std::vector<float> interleave(Signal signal, int rate, double seconds, int channels) {
  std::mt19937 rng(1770);
  std::vector<std::vector<float>> planes;
  for (int c = 0; c < channels; ++c) planes.push_back(render(signal, rate, seconds, c, rng));
  std::vector<float> out(planes[0].size() * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < planes[0].size(); ++i) {
    for (int c = 0; c < channels; ++c) out[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] = planes[static_cast<std::size_t>(c)][i];
  }
  return out;
}

double oracle_lufs(std::span<const float> interleaved, int rate, int channels) {
  ebur128_state* raw = ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(rate), EBUR128_MODE_I);
  REQUIRE(raw != nullptr);
  std::unique_ptr<ebur128_state, void (*)(ebur128_state*)> state(raw, [](ebur128_state* s) { ebur128_destroy(&s); });
  ebur128_add_frames_float(raw, interleaved.data(), interleaved.size() / static_cast<std::size_t>(channels));
  double lufs = 0.0;
  ebur128_loudness_global(raw, &lufs);
  return lufs;
}

// Fed in uneven blocks, so sub-blocks straddle the pushes.
double meter_lufs(std::span<const float> interleaved, int rate, int channels,
                  samplemind::audio::LaneKernel kernel = samplemind::audio::best_lane_kernel()) {
  Bs1770Meter meter(rate, channels, kernel);
  const auto stride = static_cast<std::size_t>(channels);
  std::size_t frame = 0, block = 1000;
  while (frame * stride < interleaved.size()) {
    const std::size_t take = std::min(block, interleaved.size() / stride - frame);
    meter.push(interleaved.subspan(frame * stride, take * stride));
    frame += take;
    block = block == 1000 ? 4096 : 1000;
  }
  return meter.integrated_lufs();
}

}  // namespace

TEST_CASE("bs1770 meter: agrees with libebur128 on tones, noise and gated signals") {
  double max_difference = 0.0;
  for (const int rate : {22050, 44100, 48000, 96000}) {
    for (const double seconds : {0.3, 1.0, 10.0}) {
      for (const int channels : {1, 2, 6}) {
        for (const Signal signal : {Signal::tone_100, Signal::tone_1k, Signal::tone_10k, Signal::noise, Signal::loud_then_quiet}) {
          if (seconds > 5.0 && signal != Signal::loud_then_quiet && signal != Signal::noise && rate != 48000) continue;
          CAPTURE(rate);
          CAPTURE(seconds);
          CAPTURE(channels);
          CAPTURE(static_cast<int>(signal));
          const std::vector<float> audio = interleave(signal, rate, seconds, channels);
          const double expected = oracle_lufs(audio, rate, channels);
          const double ours = meter_lufs(audio, rate, channels);
          if (!std::isfinite(expected)) {
            CHECK(!std::isfinite(ours));  // shorter than one 400 ms block
            continue;
          }
          REQUIRE(std::isfinite(ours));
          CHECK(std::abs(ours - expected) < k_tolerance_lu);
          max_difference = std::max(max_difference, std::abs(ours - expected));
        }
      }
    }
  }
  MESSAGE("max |ours - libebur128| = " << max_difference << " LU");
  CHECK(max_difference < k_tolerance_lu);
}

TEST_CASE("bs1770 meter: channel weights follow libebur128's default map") {
  // One loud channel at a time in a 6-channel file: the LFE (4th) is not measured, surrounds weigh 1.41.
  for (int loud = 0; loud < 6; ++loud) {
    CAPTURE(loud);
    std::vector<float> audio(48000 * 2 * 6, 0.0f);
    for (std::size_t i = 0; i < audio.size() / 6; ++i) {
      audio[i * 6 + static_cast<std::size_t>(loud)] = static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * 1000.0 * static_cast<double>(i) / 48000));
    }
    const double expected = oracle_lufs(audio, 48000, 6);
    const double ours = meter_lufs(audio, 48000, 6);
    CHECK(std::isfinite(expected) == std::isfinite(ours));
    if (std::isfinite(expected)) CHECK(std::abs(ours - expected) < k_tolerance_lu);
  }
}

TEST_CASE("bs1770 meter: known answers of BS.1770 for a 997 Hz sine in one channel") {
  // BS.1770-4: a 0 dBFS-peak 997 Hz sine in the left channel reads -3.01 LKFS; 20 dB down reads -23.01.
  for (const double peak_dbfs : {0.0, -20.0}) {
    CAPTURE(peak_dbfs);
    const int rate = 48000;
    std::vector<float> stereo(static_cast<std::size_t>(rate) * 5 * 2, 0.0f);
    const double amplitude = std::pow(10.0, peak_dbfs / 20.0);
    for (std::size_t i = 0; i < stereo.size() / 2; ++i) {
      stereo[2 * i] = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * 997.0 * static_cast<double>(i) / rate));
    }
    CHECK(std::abs(meter_lufs(stereo, rate, 2) - (peak_dbfs - 3.01)) < 0.01);
  }
}

TEST_CASE("bs1770 meter: short files, silence and the loudness stage's floor and fallback") {
  Bs1770Meter empty(44100, 2);
  CHECK(!std::isfinite(empty.integrated_lufs()));
  const std::vector<float> silent(44100 * 2, 0.0f);
  Bs1770Meter quiet(44100, 1);
  quiet.push(silent);
  CHECK(!std::isfinite(quiet.integrated_lufs()));

  samplemind::audio::LoudnessStage silent_stage(44100, 1);
  silent_stage.push(silent);
  CHECK(silent_stage.finish().loudness_lufs == -70.0);
  // 0.3 s of a 0.5-amplitude tone: no 400 ms block, so the ungated power sum answers (about -9 LUFS).
  const std::vector<float> tone = interleave(Signal::tone_1k, 44100, 0.3, 1);
  samplemind::audio::LoudnessStage short_stage(44100, 1);
  short_stage.push(tone);
  const double lufs = short_stage.finish().loudness_lufs;
  CHECK(std::isfinite(lufs));
  CHECK(lufs == doctest::Approx(-0.691 + 10.0 * std::log10(0.125)).epsilon(0.001));
}

TEST_CASE("bs1770 meter: absurdly low sample rates terminate (fuzz_decoder found a hang at 1 Hz)") {
  for (int rate : {1, 4, 9}) {
    Bs1770Meter meter(rate, 2);
    const std::vector<float> samples(2 * 64, 0.5f);
    meter.push(samples);  // would never return with a zero-frame sub-block
    const double lufs = meter.integrated_lufs();
    CHECK((std::isfinite(lufs) || lufs < 0.0));  // a number or -inf, never NaN
  }
}

namespace {
// The eight-lane builds this CPU can run, and the in-order recursion.
std::vector<LaneKernel> runnable_kernels() {
  std::vector<LaneKernel> kernels{LaneKernel::none};
  if (samplemind::audio::best_lane_kernel() != LaneKernel::none) kernels.push_back(LaneKernel::avx2);
  if (samplemind::audio::best_lane_kernel() == LaneKernel::avx512) kernels.push_back(LaneKernel::avx512);
  return kernels;
}

// A loud 30 Hz tone (the RLB high-pass rings longest there) cut off at every second stretch
// boundary, each stretch followed by quiet noise: a stretch that had not settled from rest
// would count the ringing wrongly or miss it.
std::vector<float> bursts_at_stretch_ends(int rate, int channels, double seconds) {
  std::mt19937 rng(30);
  std::uniform_real_distribution<float> uniform(-0.05f, 0.05f);
  const auto frames = static_cast<std::size_t>(seconds * rate);
  std::vector<float> out(frames * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / rate;
    const bool loud = std::fmod(t, 3.2) < 1.6;  // 1.6 s stretches
    for (int c = 0; c < channels; ++c) {
      const double tone = 0.9 * std::sin(2.0 * std::numbers::pi * (30.0 + c) * t);
      out[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] = loud ? static_cast<float>(tone) : uniform(rng);
    }
  }
  return out;
}
}  // namespace

TEST_CASE("bs1770 meter: every filter build agrees with libebur128 over many windows") {
  // 30 s is several windows of stretches (12.8 s mono, 6.4 s stereo at 16 sub-blocks each).
  for (const LaneKernel kernel : runnable_kernels()) {
    for (const int rate : {8000, 44100, 96000}) {
      for (const int channels : {1, 2, 5}) {
        CAPTURE(static_cast<int>(kernel));
        CAPTURE(rate);
        CAPTURE(channels);
        const std::vector<float> noise = interleave(Signal::loud_then_quiet, rate, 30.0, channels);
        CHECK(std::abs(meter_lufs(noise, rate, channels, kernel) - oracle_lufs(noise, rate, channels)) < k_tolerance_lu);
        const std::vector<float> bursts = bursts_at_stretch_ends(rate, channels, 30.0);
        CHECK(std::abs(meter_lufs(bursts, rate, channels, kernel) - oracle_lufs(bursts, rate, channels)) < k_tolerance_lu);
      }
    }
  }
}

TEST_CASE("bs1770 meter: stretches settled from rest match the in-order recursion to rounding") {
  // Far tighter than libebur128's float-history agreement: a settling time a tenth as long
  // leaves the 30 Hz ringing in the energy at 1e-3 of it, and this fails.
  for (const LaneKernel kernel : runnable_kernels()) {
    for (const int channels : {1, 2}) {
      for (const double seconds : {0.7, 2.5, 13.0, 30.0}) {
        CAPTURE(static_cast<int>(kernel));
        CAPTURE(channels);
        CAPTURE(seconds);
        const std::vector<float> audio = bursts_at_stretch_ends(44100, channels, seconds);
        const double in_order = meter_lufs(audio, 44100, channels, LaneKernel::none);
        REQUIRE(std::isfinite(in_order));
        CHECK(std::abs(meter_lufs(audio, 44100, channels, kernel) - in_order) < 1e-9);
      }
    }
  }
}

TEST_CASE("bs1770 meter: a rate whose window would not fit filters in order and still agrees") {
  // 2.8224 MHz mono (libebur128's highest rate): 0.2 s of settling and eight 100 ms sub-blocks
  // are past the 8 MB window.
  const int rate = 2822400;
  REQUIRE((static_cast<std::size_t>(0.2 * rate) + 8 * static_cast<std::size_t>(rate / 10)) > Bs1770Meter::k_max_window_floats);
  const std::vector<float> audio = interleave(Signal::tone_1k, rate, 1.0, 1);
  const double in_order = meter_lufs(audio, rate, 1, LaneKernel::none);
  CHECK(meter_lufs(audio, rate, 1) == in_order);  // bit for bit: no lanes were used
  // libebur128 keeps float history; this far up its answer drifts by 1.6e-5 LU.
  CHECK(std::abs(in_order - oracle_lufs(audio, rate, 1)) < 1e-4);
}

TEST_CASE("loudness stage: the peak is the largest magnitude wherever it sits, the RMS the mean square") {
  // 1, 2 and 4 channels take the eight-lane pass, 3 the one-sample loop; the loudest sample
  // goes to each position of an eight-sample group and to the unaligned tail.
  for (const int channels : {1, 2, 3, 4}) {
    for (const std::size_t loud_at : {std::size_t{0}, std::size_t{5}, std::size_t{13}, std::size_t{4001}}) {
      CAPTURE(channels);
      CAPTURE(loud_at);
      std::mt19937 rng(static_cast<unsigned>(channels * 7919 + static_cast<int>(loud_at)));
      std::uniform_real_distribution<float> value(-0.25f, 0.25f);
      std::vector<float> samples(4003);  // not a multiple of 8 or of any channel count here
      samples.resize(samples.size() / static_cast<std::size_t>(channels) * static_cast<std::size_t>(channels));
      for (float& v : samples) v = value(rng);
      samples[std::min(loud_at, samples.size() - 1)] = -0.75f;
      double sum = 0.0;
      for (const float v : samples) sum += static_cast<double>(v) * v;
      samplemind::audio::LoudnessStage stage(44100, channels);
      stage.push(std::span<const float>(samples).first(1000 / static_cast<std::size_t>(channels) * static_cast<std::size_t>(channels)));
      stage.push(std::span<const float>(samples).subspan(1000 / static_cast<std::size_t>(channels) * static_cast<std::size_t>(channels)));
      const samplemind::audio::LoudnessResult result = stage.finish();
      CHECK(result.peak_dbfs == doctest::Approx(20.0 * std::log10(0.75)).epsilon(1e-12));
      const double rms = std::sqrt(sum / static_cast<double>(samples.size()));
      CHECK(result.rms_dbfs == doctest::Approx(20.0 * std::log10(rms)).epsilon(1e-6));
    }
  }
}
