#pragma once
// The feature columns shared by the CSV and table outputs.
#include <string>
#include <vector>

#include "model/features.hpp"
#include "model/statement_check.hpp"

namespace samplemind {

// Column names of feature_cells, in order.
const std::vector<std::string>& feature_column_names();

// One text cell per feature column ("" for absent values).
std::vector<std::string> feature_cells(const Features* features);

// Column names of statement_check_cells (CSV of a --check-statements run, after the rest).
const std::vector<std::string>& statement_check_column_names();

// The verdicts ("agrees", "disagrees", "unchecked", "" when nothing was stated) and the
// contradictions joined by "; "; all empty for a file that was not checked (it failed).
std::vector<std::string> statement_check_cells(const std::optional<StatementCheck>& check);

// "120 BPM", "A minor (8A)" style summaries for people.
std::string tempo_text(const Features& features);
std::string key_text(const Features& features);

}  // namespace samplemind
