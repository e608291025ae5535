#pragma once
// std::lround's rounding (halves away from zero) inline, for loops that round once per step:
// GCC calls libm for std::lround, which cost 1% of the features pass in the grid scans.

namespace samplemind::audio {

// Why: the same whole number as std::lround for every finite x within long's range, without
// a libm call. Truncation toward zero leaves an exact fractional part, which picks the step.
inline long round_half_away(double x) {
  auto whole = static_cast<long>(x);
  const double fraction = x - static_cast<double>(whole);
  if (fraction >= 0.5) {
    ++whole;
  } else if (fraction <= -0.5) {
    --whole;
  }
  return whole;
}

}  // namespace samplemind::audio
