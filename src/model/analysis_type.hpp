#pragma once
// The ten analysis types SampleMind users know; each has its own prompt template.
#include <string>
#include <string_view>
#include <vector>

namespace samplemind {

struct AnalysisType {
  std::string name;                          // "genre_classification"
  std::string instructions;                  // what the model is asked to do
  std::vector<std::string> required_fields;  // fields a valid answer must have
};

// All analysis types in a fixed order.
const std::vector<AnalysisType>& all_analysis_types();

// The type with this name, or nullptr.
const AnalysisType* find_analysis_type(std::string_view name);

// Comma-separated names, for --help and error messages.
std::string analysis_type_names();

constexpr std::string_view k_default_analysis_type = "genre_classification";

}  // namespace samplemind
