#pragma once
// Fixed, fast FFTW plans for the frame sizes the stages use (see fft_wisdom.cpp).
#include <array>
#include <string_view>

namespace samplemind::audio {

// The transform sizes the embedded wisdom covers: onsets 512, timbre 1024, chroma and root note 4096.
inline constexpr std::array<int, 3> k_wisdom_fft_sizes = {512, 1024, 4096};

// Loads the embedded wisdom into FFTW once, so later plans take its algorithms; call it
// with fft_planner_mutex() held (FFTW's planner is not thread-safe). Returns whether FFTW
// accepted the text (false: another FFTW version; plans are then estimated as before).
bool load_fft_wisdom();

// The embedded wisdom text, for the test that checks FFTW still accepts it.
std::string_view embedded_fft_wisdom();

}  // namespace samplemind::audio
