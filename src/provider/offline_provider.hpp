#pragma once
// The built-in analyser: rule-based answers from the features, no network, no cost.
#include "provider/provider.hpp"

namespace samplemind {

constexpr const char* k_offline_model = "rules-v1";

class OfflineProvider final : public Provider {
 public:
  std::string name() const override { return "offline"; }
  std::string model() const override { return k_offline_model; }
  bool is_offline() const override { return true; }
  // Answers from the features alone; stateless, so safe from any thread.
  ProviderOutcome analyze(const ProviderRequest& request) override;
};

// The offline answer for one analysis type (every required field present).
nlohmann::json offline_answer(const AnalysisType& type, const NormalizedFeatures& features);

}  // namespace samplemind
