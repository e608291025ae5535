// SVG charts for the HTML report; every number written is finite, every label escaped.
#include "report/html_report_charts.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "report/html_report.hpp"

namespace samplemind {
namespace {

constexpr int k_first_bin_bpm = 60;
constexpr int k_bin_width_bpm = 10;
constexpr int k_bins = 14;  // 60..200
constexpr double k_pi = 3.14159265358979323846;

// An annular sector of the wheel for slot 0..11 (12 at the top) between two radii.
std::string sector_path(int slot, double inner, double outer) {
  const double start = (slot - 0.5) * 2.0 * k_pi / 12.0 - k_pi / 2.0;
  const double end = start + 2.0 * k_pi / 12.0;
  const double c = 110.0;
  auto x = [c](double r, double a) { return c + r * std::cos(a); };
  auto y = [c](double r, double a) { return c + r * std::sin(a); };
  return fmt::format("M{:.2f},{:.2f} A{:.0f},{:.0f} 0 0 1 {:.2f},{:.2f} L{:.2f},{:.2f} A{:.0f},{:.0f} 0 0 0 {:.2f},{:.2f} Z",
                     x(outer, start), y(outer, start), outer, outer, x(outer, end), y(outer, end), x(inner, end),
                     y(inner, end), inner, inner, x(inner, start), y(inner, start));
}

}  // namespace

std::string bpm_histogram_svg(const std::vector<double>& tempos) {
  std::array<int, k_bins> counts{};
  for (double bpm : tempos) {
    if (!std::isfinite(bpm)) continue;
    const int bin = std::clamp(static_cast<int>(std::floor((bpm - k_first_bin_bpm) / k_bin_width_bpm)), 0, k_bins - 1);
    ++counts[static_cast<std::size_t>(bin)];
  }
  const int highest = std::max(1, *std::max_element(counts.begin(), counts.end()));
  std::string svg = fmt::format(R"(<svg id="bpm-histogram" width="{}" height="150" role="img" aria-label="BPM histogram">)",
                                k_bins * 30 + 10);
  for (int i = 0; i < k_bins; ++i) {
    const int count = counts[static_cast<std::size_t>(i)];
    const double height = 110.0 * count / highest;
    const int low = k_first_bin_bpm + i * k_bin_width_bpm;
    const std::string label = i == 0 ? fmt::format("<{}", low + k_bin_width_bpm)
                              : i == k_bins - 1 ? fmt::format("{}+", low) : fmt::format("{}", low);
    svg += fmt::format(R"(<g class="bin" data-low="{}" data-count="{}"><title>{} BPM: {}</title>)", low, count,
                       html_escape(label), count);
    svg += fmt::format(R"(<rect class="bar" x="{}" y="{:.1f}" width="26" height="{:.1f}"/>)", 5 + i * 30,
                       120.0 - height, height);
    if (count > 0) svg += fmt::format(R"(<text x="{}" y="{:.1f}">{}</text>)", 8 + i * 30, 117.0 - height, count);
    svg += fmt::format(R"(<text x="{}" y="135">{}</text></g>)", 6 + i * 30, html_escape(label));
  }
  return svg + "</svg>";
}

std::string key_wheel_svg(const std::map<std::string, int>& camelot_counts) {
  int highest = 1;
  for (const auto& entry : camelot_counts) highest = std::max(highest, entry.second);
  std::string svg = R"(<svg id="key-wheel" width="220" height="220" role="img" aria-label="Camelot key wheel">)";
  for (int number = 1; number <= 12; ++number) {
    for (const char letter : {'A', 'B'}) {
      const std::string code = std::to_string(number) + letter;
      const auto found = camelot_counts.find(code);
      const int count = found == camelot_counts.end() ? 0 : found->second;
      const double shade = 0.08 + 0.92 * count / highest;
      const bool outer = letter == 'B';
      const int slot = number % 12;
      svg += fmt::format(R"(<g class="key" data-camelot="{}" data-count="{}"><title>{}: {}</title>)", code, count, code, count);
      svg += fmt::format(R"(<path class="wheel-cell" d="{}" fill="#4a7bd0" fill-opacity="{:.2f}"/>)",
                         sector_path(slot, outer ? 72 : 40, outer ? 105 : 72), shade);
      const double angle = slot * 2.0 * k_pi / 12.0 - k_pi / 2.0;
      const double radius = outer ? 88.0 : 56.0;
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text></g>)",
                         110.0 + radius * std::cos(angle), 113.0 + radius * std::sin(angle), code);
    }
  }
  return svg + "</svg>";
}

std::string category_list_html(const std::map<std::string, int>& category_counts) {
  std::vector<std::pair<std::string, int>> sorted(category_counts.begin(), category_counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  int highest = 1;
  for (const auto& entry : sorted) highest = std::max(highest, entry.second);
  std::string html = R"(<ul class="categories" id="categories">)";
  for (const auto& entry : sorted) {
    html += fmt::format(R"(<li data-category="{}" data-count="{}"><span class="meter" style="width:{}px"></span> {} <b>{}</b></li>)",
                        html_escape(entry.first), entry.second, 4 + 200 * entry.second / highest, html_escape(entry.first),
                        entry.second);
  }
  if (sorted.empty()) html += "<li>no categories in this run</li>";
  return html + "</ul>";
}

}  // namespace samplemind
