// Local maxima by four-lane comparisons and a bit mask per four bins.
#include "audio/local_maxima.hpp"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace samplemind::audio {

namespace {
bool passes(const float* m, std::size_t k, float level, PeakRule rule) {
  if (rule == PeakRule::above_level_plateau_left) return m[k] > level && m[k] >= m[k - 1] && m[k] >= m[k + 1];
  return !(m[k] < level || m[k] <= m[k - 1] || m[k] < m[k + 1]);
}
}  // namespace

void find_local_maxima(const float* magnitude, std::size_t first, std::size_t last, float level, PeakRule rule,
                       std::vector<std::uint32_t>& out) {
  std::size_t k = first;
#if defined(__SSE2__)
  const __m128 floor = _mm_set1_ps(level);
  const bool plateau = rule == PeakRule::above_level_plateau_left;
  for (; k + 4 <= last + 1; k += 4) {
    const __m128 m = _mm_loadu_ps(magnitude + k), left = _mm_loadu_ps(magnitude + k - 1),
                 right = _mm_loadu_ps(magnitude + k + 1);
    // The negated forms (not less than, not less or equal) are true for a NaN, as the
    // scalar !(a < b || ...) is.
    const __m128 pass = plateau ? _mm_and_ps(_mm_and_ps(_mm_cmpgt_ps(m, floor), _mm_cmpge_ps(m, left)), _mm_cmpge_ps(m, right))
                                : _mm_and_ps(_mm_and_ps(_mm_cmpnlt_ps(m, floor), _mm_cmpnle_ps(m, left)), _mm_cmpnlt_ps(m, right));
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_ps(pass)); mask != 0; mask &= mask - 1) {
      out.push_back(static_cast<std::uint32_t>(k + static_cast<std::size_t>(__builtin_ctz(mask))));
    }
  }
#endif
  for (; k <= last; ++k) {
    if (passes(magnitude, k, level, rule)) out.push_back(static_cast<std::uint32_t>(k));
  }
}

}  // namespace samplemind::audio
