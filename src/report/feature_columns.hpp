#pragma once
// The feature columns shared by the CSV and table outputs.
#include <string>
#include <vector>

#include "model/features.hpp"

namespace samplemind {

// Column names of feature_cells, in order.
const std::vector<std::string>& feature_column_names();

// One text cell per feature column ("" for absent values).
std::vector<std::string> feature_cells(const Features* features);

// "120 BPM", "A minor (8A)" style summaries for people.
std::string tempo_text(const Features& features);
std::string key_text(const Features& features);

}  // namespace samplemind
