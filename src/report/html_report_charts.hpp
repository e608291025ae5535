#pragma once
// The report page's charts as inline SVG, drawn from counts (no script needed to see them).
#include <map>
#include <string>
#include <vector>

namespace samplemind {

// Why: counts per 10-BPM bin from 60 to 200 (outside values in the end bins) as bars.
std::string bpm_histogram_svg(const std::vector<double>& tempos);

// Why: the Camelot wheel, 12 numbers x A (minor, inner) / B (major, outer), shaded by count.
std::string key_wheel_svg(const std::map<std::string, int>& camelot_counts);

// Why: one line per category with its count and a bar, most common first.
std::string category_list_html(const std::map<std::string, int>& category_counts);

}  // namespace samplemind
