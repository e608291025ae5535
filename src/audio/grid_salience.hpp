#pragma once
// How strongly onsets fall on the points of a beat grid: for each point, the strongest onset
// within 25 ms of it, the file wrapping round (a loop's end meets its start), over the file's
// own baseline. The tempo score's salience terms read these (pulse_evidence.cpp).
#include <vector>

namespace samplemind::audio {

class GridSalience {
 public:
  // strength: an onset strength envelope at frame_rate_hz; it must outlive this object.
  GridSalience(const std::vector<float>& strength, double frame_rate_hz);
  GridSalience(std::vector<float>&&, double) = delete;  // it keeps a reference: no temporaries

  // Why: the score weighs a reading by its onsets on the beat, half beat and quarter points.
  // Mean salience at offset + k * period (frames) for every whole period before `end`
  // (end <= 0: the whole file), over the baseline. The file's first frame is left out:
  // every sound starts with an onset, a loop has more.
  double at_grid(double period, double offset, double end = -1.0) const;

 private:
  double near(double pos) const;

  const std::vector<float>& x_;
  long slack_;
  double baseline_ = 0.0;
};

}  // namespace samplemind::audio
