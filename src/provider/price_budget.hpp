#pragma once
// --max-cost and --dry-run bookkeeping: reserves the estimated cost of a call before it
// is made (so parallel workers cannot overshoot together), settles it with the real
// cost after, and sums the estimates of calls a dry run would make.
#include <cstddef>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace samplemind {

class PriceBudget {
 public:
  // max_usd empty: no budget (every reservation succeeds).
  explicit PriceBudget(std::optional<double> max_usd = std::nullopt) : max_usd_(max_usd) {}

  // Reserves room for a call; false (for this and every later call) once it would not fit.
  bool try_reserve(double estimate_usd);
  // Replaces a reservation with what the call really cost.
  void settle(double estimate_usd, double actual_usd);
  // A call a dry run would make, counted once per cache key.
  void add_estimate(const std::string& key, double estimate_usd);

  // Whether the budget refused a call (the run then exits 4).
  bool exhausted() const;
  // The estimated cost of the calls a dry run would make (each key once).
  double estimated_usd() const;
  // How many distinct calls a dry run would make.
  std::size_t estimated_calls() const;

 private:
  std::optional<double> max_usd_;
  mutable std::mutex mutex_;
  double spent_usd_ = 0.0;
  double reserved_usd_ = 0.0;
  bool exhausted_ = false;
  double estimated_usd_ = 0.0;
  std::set<std::string> estimated_keys_;
};

}  // namespace samplemind
