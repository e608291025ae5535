#pragma once
// Builds the prompt from normalised features only, so the AI key covers every input.
#include <string>

#include "model/analysis_type.hpp"
#include "model/normalized_features.hpp"

namespace samplemind {

// Bump when the wording of any template changes.
constexpr int k_prompt_template_version = 1;

struct Prompt {
  std::string system;
  std::string user;
};

// The system and user messages for one analysis of one file.
Prompt build_prompt(const AnalysisType& type, const NormalizedFeatures& features);

// Hash of the template (version, system text, instructions, required fields) for the key.
std::string prompt_template_hash(const AnalysisType& type);

}  // namespace samplemind
