#pragma once
// Owners for aubio's C handles: a handle gets an owner the moment it exists.
#include <memory>
#include <mutex>

#include <aubio/aubio.h>

namespace samplemind::audio {

// FFTW's planner is not thread-safe: every plan made or destroyed in this process, by
// RealFft or inside aubio objects that own an FFT, holds this lock (defined in real_fft.cpp).
std::mutex& fft_planner_mutex();

struct FvecDeleter { void operator()(fvec_t* v) const { del_fvec(v); } };
struct CvecDeleter { void operator()(cvec_t* v) const { del_cvec(v); } };
struct PvocDeleter {
  void operator()(aubio_pvoc_t* p) const { const std::lock_guard lock(fft_planner_mutex()); del_aubio_pvoc(p); }
};
struct FftDeleter {
  void operator()(aubio_fft_t* f) const { const std::lock_guard lock(fft_planner_mutex()); del_aubio_fft(f); }
};
struct PitchDeleter {
  void operator()(aubio_pitch_t* p) const { const std::lock_guard lock(fft_planner_mutex()); del_aubio_pitch(p); }
};
struct TempoDeleter {
  void operator()(aubio_tempo_t* t) const { const std::lock_guard lock(fft_planner_mutex()); del_aubio_tempo(t); }
};

using FvecPtr = std::unique_ptr<fvec_t, FvecDeleter>;
using CvecPtr = std::unique_ptr<cvec_t, CvecDeleter>;
using PvocPtr = std::unique_ptr<aubio_pvoc_t, PvocDeleter>;
using FftPtr = std::unique_ptr<aubio_fft_t, FftDeleter>;
using PitchPtr = std::unique_ptr<aubio_pitch_t, PitchDeleter>;
using TempoPtr = std::unique_ptr<aubio_tempo_t, TempoDeleter>;

}  // namespace samplemind::audio
