#pragma once
// Four floats (or ints) in one SSE register, through the GCC/Clang vector extension, with
// unaligned loads and stores: for loops the compiler would otherwise vectorise along the
// wrong axis (over filter taps instead of outputs) or not at all (float reductions).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace samplemind::audio {

using Floats4 = float __attribute__((vector_size(16)));
using Ints4 = std::int32_t __attribute__((vector_size(16)));
// Eight floats (or ints): one AVX register in an AVX2 build, two SSE ones in the default
// build, lane for lane the same arithmetic. Passed by reference, never by value: a 32-byte
// vector crossing a call changes the ABI between builds (GCC's -Wpsabi).
using Floats8 = float __attribute__((vector_size(32)));
using Ints8 = std::int32_t __attribute__((vector_size(32)));

// A function built once per listed target (e.g. "avx2", "default"), the best one chosen at
// load time. Only on x86-64, and not under ThreadSanitizer: the clones' IFUNC resolver runs
// before its runtime exists and crashes.
#if defined(__SANITIZE_THREAD__) || !defined(__x86_64__)
#define SAMPLEMIND_NO_CLONES 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SAMPLEMIND_NO_CLONES 1
#endif
#endif
#ifdef SAMPLEMIND_NO_CLONES
#define SAMPLEMIND_CLONES(...)
#else
#define SAMPLEMIND_CLONES(...) __attribute__((target_clones(__VA_ARGS__)))
#endif

// Reads four consecutive floats from any address.
inline Floats4 load4(const float* p) {
  Floats4 v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Writes four consecutive floats to any address.
inline void store4(float* p, Floats4 v) { std::memcpy(p, &v, sizeof(v)); }

// Reads eight consecutive floats from any address into v.
inline __attribute__((always_inline)) void load8(const float* p, Floats8& v) { std::memcpy(&v, p, sizeof(v)); }

// Writes eight consecutive floats to any address.
inline __attribute__((always_inline)) void store8(float* p, const Floats8& v) { std::memcpy(p, &v, sizeof(v)); }

// |v| lane by lane, by clearing the sign bit (no branch, no call).
inline __attribute__((always_inline)) void clear_sign8(Floats8& v) {
  Ints8 bits;
  std::memcpy(&bits, &v, sizeof(bits));
  bits &= 0x7FFFFFFF;
  std::memcpy(&v, &bits, sizeof(v));
}

// The lanes' sum, pairwise.
inline float sum4(Floats4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// Reinterprets the bits (no conversion).
inline Ints4 bits_of(Floats4 v) {
  Ints4 bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits;
}

// Reinterprets the bits (no conversion).
inline Floats4 floats_of(Ints4 bits) {
  Floats4 v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}

// Sum of a[i] * b[i] over n floats, in double, with four independent running sums: one
// chain of dependent additions was the bottleneck of every such loop (energies, the pulse
// autocorrelation).
inline double dot_in_double(const float* a, const float* b, std::size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  const std::size_t whole = n / 4 * 4;
  for (std::size_t i = 0; i < whole; i += 4) {
    s0 += double(a[i]) * b[i];
    s1 += double(a[i + 1]) * b[i + 1];
    s2 += double(a[i + 2]) * b[i + 2];
    s3 += double(a[i + 3]) * b[i + 3];
  }
  for (std::size_t i = whole; i < n; ++i) s0 += double(a[i]) * b[i];
  return (s0 + s1) + (s2 + s3);
}

// Per lane: where mask is all ones, a, else b.
inline Floats4 select4(Ints4 mask, Floats4 a, Floats4 b) { return floats_of((mask & bits_of(a)) | (~mask & bits_of(b))); }

// Why: a running std::max is a chain the compiler will not vectorise (NaN rules); the chroma
// frames, the whitening envelope and the leading-silence check each need a block's peak.
// The largest |x[i]| over n floats (0 for none), eight at a time; a NaN is passed over, as
// std::max(peak, NaN) passes it over.
inline float peak_magnitude(const float* x, std::size_t n) {
  if (x == nullptr || n == 0) return 0.0f;
  const Ints4 magnitude_bits = {0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff};
  Floats4 first{}, second{};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const Floats4 a = floats_of(bits_of(load4(x + i)) & magnitude_bits);
    const Floats4 b = floats_of(bits_of(load4(x + i + 4)) & magnitude_bits);
    first = select4(a > first, a, first);
    second = select4(b > second, b, second);
  }
  float peak = 0.0f;
  for (int lane = 0; lane < 4; ++lane) {
    if (first[lane] > peak) peak = first[lane];
    if (second[lane] > peak) peak = second[lane];
  }
  for (; i < n; ++i) {
    const float m = std::fabs(x[i]);
    if (m > peak) peak = m;
  }
  return peak;
}

}  // namespace samplemind::audio
