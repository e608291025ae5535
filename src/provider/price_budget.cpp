// The budget is checked against spent + reserved, so N workers starting at once see
// each other's pending calls and together stay under --max-cost.
#include "provider/price_budget.hpp"

namespace samplemind {

bool PriceBudget::try_reserve(double estimate_usd) {
  std::lock_guard lock(mutex_);
  if (exhausted_) return false;
  if (max_usd_ && spent_usd_ + reserved_usd_ + estimate_usd > *max_usd_) {
    exhausted_ = true;  // stop making calls, even cheaper ones: the report stays predictable
    return false;
  }
  reserved_usd_ += estimate_usd;
  return true;
}

void PriceBudget::settle(double estimate_usd, double actual_usd) {
  std::lock_guard lock(mutex_);
  reserved_usd_ -= estimate_usd;
  if (reserved_usd_ < 0.0) reserved_usd_ = 0.0;
  spent_usd_ += actual_usd;
}

void PriceBudget::add_estimate(const std::string& key, double estimate_usd) {
  std::lock_guard lock(mutex_);
  if (estimated_keys_.insert(key).second) estimated_usd_ += estimate_usd;
}

bool PriceBudget::exhausted() const {
  std::lock_guard lock(mutex_);
  return exhausted_;
}

double PriceBudget::estimated_usd() const {
  std::lock_guard lock(mutex_);
  return estimated_usd_;
}

std::size_t PriceBudget::estimated_calls() const {
  std::lock_guard lock(mutex_);
  return estimated_keys_.size();
}

}  // namespace samplemind
