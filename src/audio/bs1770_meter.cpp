// BS.1770-4 integrated loudness without libebur128 in the hot path. libebur128 runs its
// 4th-order K-filter per sample through state arrays in memory and strides over the
// interleaved channels, and cost 1.5x a whole decode on the benchmark corpus; here the
// filter (k_filter.hpp) keeps its history in registers and runs eight stretches of the
// signal in step. tests/unit/test_bs1770_meter.cpp holds it to libebur128's answers.
#include "audio/bs1770_meter.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr double k_offset_db = -0.691;                // BS.1770 loudness offset
constexpr double k_absolute_gate_lufs = -70.0;
constexpr double k_relative_gate_factor = 0.1;        // -10 LU as an energy ratio
constexpr double k_surround_weight = 1.41;            // BS.1770 G for the surround channels
constexpr std::size_t k_chunk_subblocks = 16;         // 1.6 s per stretch: 0.2 s of settling is an eighth of it

double energy_to_lufs(double energy) { return k_offset_db + 10.0 * std::log10(energy); }

// One window buffer per thread, handed from meter to meter: a fresh buffer for every file
// paid its page faults again each time, which cost more than the lanes saved.
std::vector<float>& spare_window() {
  thread_local std::vector<float> spare;
  return spare;
}
}  // namespace

// libebur128's default channel map: L, R, C, (LFE unused), Ls, Rs; 4 channels are
// L, R, Ls, Rs and 5 are L, R, C, Ls, Rs; a 7th channel and beyond are not measured.
double Bs1770Meter::channel_weight(int channel, int channels) {
  if (channels == 4) return channel >= 2 ? k_surround_weight : 1.0;
  if (channels == 5) return channel >= 3 ? k_surround_weight : 1.0;
  if (channel <= 2) return 1.0;
  if (channel == 4 || channel == 5) return k_surround_weight;
  return 0.0;
}

Bs1770Meter::Bs1770Meter(int sample_rate, int channels, LaneKernel kernel)
    : channels_(std::max(1, channels)),
      k_(make_k_filter(std::max(1, sample_rate))),
      state_(static_cast<std::size_t>(channels_)),
      subblock_energy_(static_cast<std::size_t>(channels_), 0.0) {
  for (int c = 0; c < channels_; ++c) {
    weights_.push_back(channel_weight(c, channels_));
    if (weights_.back() > 0.0) active_.push_back(c);
  }
  const int rate = std::max(1, sample_rate);
  // At least one frame: a 100 ms sub-block of nothing would never fill (a hang below 5 Hz).
  subblock_frames_ = std::max<std::size_t>(1, static_cast<std::size_t>((rate + 5) / 10));
  if (kernel == LaneKernel::none) return;
  settle_ = static_cast<std::size_t>(std::ceil(k_filter_settle_s * rate));
  chunks_ = std::max<std::size_t>(1, k_lane_count / active_.size());
  const auto stride = static_cast<std::size_t>(channels_);
  for (chunk_subblocks_ = k_chunk_subblocks; chunk_subblocks_ > 0; --chunk_subblocks_) {
    if (settle_ + chunks_ * chunk_subblocks_ * subblock_frames_ <= k_max_window_floats / stride) break;
  }
  if (chunk_subblocks_ == 0) return;
  kernel_ = kernel;
  window_.swap(spare_window());
  window_.reserve((settle_ + chunks_ * chunk_subblocks_ * subblock_frames_) * stride);
  window_.assign(settle_ * stride, 0.0f);  // the silence before the first frame: the filter starts at rest
}

Bs1770Meter::~Bs1770Meter() {
  if (window_.capacity() > spare_window().capacity()) spare_window().swap(window_);
}

void Bs1770Meter::push(std::span<const float> interleaved) {
  const auto stride = static_cast<std::size_t>(channels_);
  const std::size_t frames = interleaved.size() / stride;
  if (finished_ || frames == 0) return;
  if (kernel_ == LaneKernel::none) {
    filter_in_order(interleaved.data(), frames);
    return;
  }
  // Filled up to one window at a time, so a long push never makes window_ longer than that.
  const std::size_t window_subblocks = chunks_ * chunk_subblocks_;
  const std::size_t capacity = settle_ + window_subblocks * subblock_frames_;
  for (std::size_t done = 0; done < frames;) {
    const std::size_t take = std::min(frames - done, capacity - window_.size() / stride);
    const float* from = interleaved.data() + done * stride;
    window_.insert(window_.end(), from, from + take * stride);
    done += take;
    if (window_.size() / stride == capacity) filter_window(chunk_subblocks_, window_subblocks);
  }
}

// One recursion per channel over count frames, closing each sub-block as it fills.
void Bs1770Meter::filter_in_order(const float* frames, std::size_t count) {
  const auto stride = static_cast<std::size_t>(channels_);
  while (count > 0) {
    const std::size_t take = std::min(count, subblock_frames_ - subblock_filled_);
    filter_segment(frames, take);
    subblock_filled_ += take;
    frames += take * stride;
    count -= take;
    if (subblock_filled_ == subblock_frames_) {
      close_subblock(subblock_energy_.data(), false);
      std::fill(subblock_energy_.begin(), subblock_energy_.end(), 0.0);
      subblock_filled_ = 0;
    }
  }
}

void Bs1770Meter::filter_segment(const float* frames, std::size_t count) {
  // Two channels per pass: their filter recurrences are independent, so the CPU overlaps them.
  const auto stride = static_cast<std::size_t>(channels_);
  std::size_t i = 0;
  for (; i + 2 <= active_.size(); i += 2) {
    const auto a = static_cast<std::size_t>(active_[i]), b = static_cast<std::size_t>(active_[i + 1]);
    KFilterHistory history[2] = {state_[a], state_[b]};
    double energy[2] = {0.0, 0.0};
    k_filter_two(frames, count, stride, {a, b}, k_, history, energy);
    state_[a] = history[0], state_[b] = history[1];
    subblock_energy_[a] += energy[0];
    subblock_energy_[b] += energy[1];
  }
  if (i < active_.size()) {
    const auto a = static_cast<std::size_t>(active_[i]);
    k_filter_one(frames, count, stride, a, k_, state_[a], subblock_energy_[a]);
  }
}

// Filters the first chunks_ * chunk_subblocks sub-blocks after the settling frames of
// window_ (lane l: channel active_[l % active], stretch l / active), closes the first
// subblocks_available of them in time order and drops what no later stretch settles on.
void Bs1770Meter::filter_window(std::size_t chunk_subblocks, std::size_t subblocks_available) {
  const auto stride = static_cast<std::size_t>(channels_);
  const std::size_t active = active_.size();
  const std::size_t chunk_frames = chunk_subblocks * subblock_frames_;
  std::size_t start[k_lane_count];
  for (std::size_t l = 0; l < k_lane_count; ++l) {
    const std::size_t lane = l < chunks_ * active ? l : 0;  // a spare lane repeats the first
    start[l] = (lane / active) * chunk_frames * stride + static_cast<std::size_t>(active_[lane % active]);
  }
  lane_energy_.resize(chunk_subblocks * k_lane_count);
  k_filter_lanes(kernel_, window_.data(), stride, start, k_, settle_, subblock_frames_, chunk_subblocks,
                 lane_energy_.data());
  ++windows_done_;
  const std::size_t closed = std::min(subblocks_available, chunks_ * chunk_subblocks);
  for (std::size_t j = 0; j < closed; ++j) {
    const std::size_t chunk = j / chunk_subblocks, s = j % chunk_subblocks;
    close_subblock(lane_energy_.data() + s * k_lane_count + chunk * active, true);
  }
  window_.erase(window_.begin(), window_.begin() + static_cast<std::ptrdiff_t>(closed * subblock_frames_ * stride));
}

// Sums one closed sub-block's channel energies with their weights. channel_energy holds one
// value per channel, or with per_active_channel one per active channel in order.
void Bs1770Meter::close_subblock(const double* channel_energy, bool per_active_channel) {
  double sum = 0.0;
  for (std::size_t a = 0; a < active_.size(); ++a) {
    const auto channel = static_cast<std::size_t>(active_[a]);
    sum += weights_[channel] * channel_energy[per_active_channel ? a : channel];
  }
  last_subblocks_[subblocks_done_ % last_subblocks_.size()] = sum;
  ++subblocks_done_;
  if (subblocks_done_ < last_subblocks_.size()) return;
  // A 400 ms block every 100 ms (75% overlap), kept when above the absolute gate.
  const double block = (last_subblocks_[0] + last_subblocks_[1] + last_subblocks_[2] + last_subblocks_[3]) /
                       static_cast<double>(last_subblocks_.size() * subblock_frames_);
  static const double absolute_gate = std::pow(10.0, (k_absolute_gate_lufs - k_offset_db) / 10.0);
  if (block >= absolute_gate) gated_blocks_.push_back(block);
}

// What is left after the last whole window: its whole sub-blocks go through the lanes or
// through one recursion per channel, whichever costs less. The recursion starts from rest
// at the file's start, or settle_ frames early after a window (the lanes keep no history).
void Bs1770Meter::filter_tail() {
  const auto stride = static_cast<std::size_t>(channels_);
  const std::size_t full = (window_.size() / stride - settle_) / subblock_frames_;
  if (full == 0) return;
  const std::size_t chunk_subblocks = (full + chunks_ - 1) / chunks_;
  const double lanes_cost = lane_step_cost(kernel_) * static_cast<double>(settle_ + chunk_subblocks * subblock_frames_);
  const std::size_t lead = windows_done_ > 0 ? settle_ : 0;
  const double in_order_cost = in_order_frame_cost(active_.size()) * static_cast<double>(lead + full * subblock_frames_);
  if (lanes_cost < in_order_cost) {
    // The last stretches may reach past the audio: they read silence, and their sub-blocks are not closed.
    window_.resize(std::max(window_.size(), (settle_ + chunks_ * chunk_subblocks * subblock_frames_) * stride), 0.0f);
    filter_window(chunk_subblocks, full);
    return;
  }
  const float* first = window_.data() + (settle_ - lead) * stride;
  filter_segment(first, lead);  // settles the history from rest; its energy is not counted
  std::fill(subblock_energy_.begin(), subblock_energy_.end(), 0.0);
  filter_in_order(first + lead * stride, full * subblock_frames_);
}

double Bs1770Meter::integrated_lufs() {
  if (kernel_ != LaneKernel::none && !finished_) {
    filter_tail();
  }
  finished_ = true;
  if (gated_blocks_.empty()) return -HUGE_VAL;
  double sum = 0.0;
  for (const double block : gated_blocks_) sum += block;
  const double relative_gate = sum / static_cast<double>(gated_blocks_.size()) * k_relative_gate_factor;
  double kept_sum = 0.0;
  std::size_t kept = 0;
  for (const double block : gated_blocks_) {
    if (block < relative_gate) continue;
    kept_sum += block;
    ++kept;
  }
  if (kept == 0) return -HUGE_VAL;
  return energy_to_lufs(kept_sum / static_cast<double>(kept));
}

}  // namespace samplemind::audio
