// cache stats output: a JSON document for scripts and a table for people.
#include <ctime>

#include <fmt/format.h>

#include "util/display_text.hpp"
#include "report/report.hpp"

namespace samplemind {
namespace {

double hit_rate(std::int64_t hits, std::int64_t misses) {
  return hits + misses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(hits + misses);
}

// ISO 8601 in UTC, the form every JSON consumer parses.
std::string iso_time(std::int64_t unix_seconds) {
  std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json optional_time(const std::optional<std::int64_t>& unix_seconds) {
  return unix_seconds ? nlohmann::json(iso_time(*unix_seconds)) : nlohmann::json(nullptr);
}

std::string human_bytes(std::int64_t bytes) {
  constexpr const char* k_units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000.0 && unit < 4) {
    value /= 1000.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, k_units[unit]);
}

struct Totals {
  std::int64_t hits = 0;
  std::int64_t misses = 0;
  double saved_usd = 0.0;
};

Totals usage_totals(const CacheStats& stats) {
  Totals totals;
  for (const UsageCounters& row : stats.usage) {
    totals.hits += row.hits;
    totals.misses += row.misses;
    totals.saved_usd += row.saved_usd;
  }
  return totals;
}

}  // namespace

nlohmann::json cache_stats_json(const CacheStats& stats) {
  const Totals totals = usage_totals(stats);
  nlohmann::json breakdown = nlohmann::json::array();
  for (const UsageCounters& row : stats.usage) {
    breakdown.push_back({{"provider", row.provider},
                         {"model", row.model},
                         {"analysis_type", row.analysis_type},
                         {"hits", row.hits},
                         {"misses", row.misses},
                         {"hit_rate", hit_rate(row.hits, row.misses)},
                         {"saved_usd", row.saved_usd}});
  }
  return {{"backend", stats.backend},
          {"location", stats.location},
          {"entries", stats.entries},
          {"feature_entries", stats.feature_entries},
          {"bytes", stats.bytes},
          {"oldest", optional_time(stats.oldest)},
          {"newest", optional_time(stats.newest)},
          {"hits", totals.hits},
          {"misses", totals.misses},
          {"hit_rate", hit_rate(totals.hits, totals.misses)},
          {"saved_usd", totals.saved_usd},
          {"expired_entries", stats.expired ? nlohmann::json(stats.expired->entries) : nlohmann::json(nullptr)},
          {"expired_usd", stats.expired ? nlohmann::json(stats.expired->cost_usd) : nlohmann::json(nullptr)},
          {"by_provider", breakdown}};
}

void write_cache_stats_table(std::ostream& out, const CacheStats& stats) {
  const Totals totals = usage_totals(stats);
  out << fmt::format("{:<16}{}\n", "Backend", stats.backend);
  out << fmt::format("{:<16}{}\n", "Location", escape_control_chars(stats.location));
  out << fmt::format("{:<16}{}\n", "AI entries", stats.entries);
  out << fmt::format("{:<16}{}\n", "Expired",
                     stats.expired ? fmt::format("{} entries, ${:.4f} of fills (under the TTL in force)",
                                                 stats.expired->entries, stats.expired->cost_usd)
                                   : std::string("- (no TTL)"));
  out << fmt::format("{:<16}{}\n", "Feature entries", stats.feature_entries);
  out << fmt::format("{:<16}{}\n", "Size", human_bytes(stats.bytes));
  out << fmt::format("{:<16}{}\n", "Oldest", stats.oldest ? iso_time(*stats.oldest) : "-");
  out << fmt::format("{:<16}{}\n", "Newest", stats.newest ? iso_time(*stats.newest) : "-");
  out << fmt::format("{:<16}{}\n", "Hits", totals.hits);
  out << fmt::format("{:<16}{}\n", "Misses", totals.misses);
  out << fmt::format("{:<16}{:.1f}%\n", "Hit rate", 100.0 * hit_rate(totals.hits, totals.misses));
  out << fmt::format("{:<16}${:.4f}\n", "Saved", totals.saved_usd);
  if (stats.usage.empty()) return;
  out << fmt::format("\n{:<12} {:<24} {:<24} {:>8} {:>8} {:>9} {:>10}\n", "Provider", "Model", "Analysis", "Hits",
                     "Misses", "Hit rate", "Saved USD");
  for (const UsageCounters& row : stats.usage) {
    out << fmt::format("{:<12} {:<24} {:<24} {:>8} {:>8} {:>8.1f}% {:>10.4f}\n", escape_control_chars(row.provider),
                       escape_control_chars(row.model), escape_control_chars(row.analysis_type), row.hits, row.misses, 100.0 * hit_rate(row.hits, row.misses), row.saved_usd);
  }
}

}  // namespace samplemind
