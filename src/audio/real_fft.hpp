#pragma once
// Magnitude spectrum of one real frame. FFTW's real-to-complex transform called
// directly: aubio's FFT wraps FFTW's slower real-to-real (halfcomplex) transform and
// copies twice, and measured 2-2.5x the time for the onset (512) and chroma (4096) sizes.
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace samplemind::audio {

// FFTW's planner is not thread-safe: every plan made or destroyed in this process holds this lock.
std::mutex& fft_planner_mutex();

// A periodic Hann window of `size` points, the taper both FFT stages apply to each frame.
std::vector<float> hann_window(int size);

class RealFft {
 public:
  // Takes the process-wide plan for this size (made on first use: planning is slow).
  explicit RealFft(int size);
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  // The frame to transform: size() floats, filled by the caller.
  float* input() { return input_.get(); }
  // Frame length, so callers need not repeat the constant.
  int size() const { return size_; }
  // Transforms input() and writes the size() / 2 + 1 magnitudes |X_k| (unnormalised) to out.
  void magnitudes(float* out);

 private:
  struct FreeDeleter {
    void operator()(float* p) const { std::free(p); }
  };
  using AlignedFloats = std::unique_ptr<float, FreeDeleter>;

  int size_;
  void* plan_ = nullptr;     // the shared FFTW plan for this size (fftwf_plan)
  AlignedFloats input_;      // 64-byte aligned, like every buffer a shared plan runs on
  AlignedFloats spectrum_;   // size / 2 + 1 interleaved complex values
};

}  // namespace samplemind::audio
