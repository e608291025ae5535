// find's output formats; numbers are finite, paths escaped for people and exact for programs.
#include "index/find_output.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/csv_writer.hpp"
#include "report/feature_columns.hpp"
#include "report/report.hpp"
#include "util/display_text.hpp"
#include "util/path_json.hpp"

namespace samplemind {
namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool has_control_char(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

nlohmann::json stale_json(const FindMatch& match) {
  nlohmann::json entry = nlohmann::json::object();
  put_path(entry, match.file.path);
  entry["reason"] = match.file.stale_reason;
  return entry;
}

}  // namespace

nlohmann::json find_match_json(const FindMatch& match) {
  nlohmann::json entry = nlohmann::json::object();
  put_path(entry, match.file.path);
  entry["features"] = features_to_json(match.file.features);
  const auto category = find_category_of(match.file.features);
  entry["category"] = category ? nlohmann::json(*category) : nlohmann::json(nullptr);
  if (match.answer) {
    entry["genre"] = match.answer->genre;
    entry["subgenres"] = match.answer->subgenres;
    entry["mood"] = match.answer->mood;
    entry["tags"] = match.answer->tags;
  } else {
    entry["genre"] = nullptr;
    entry["subgenres"] = nlohmann::json::array();
    entry["mood"] = nullptr;
    entry["tags"] = nlohmann::json::array();
  }
  return entry;
}

void write_find_json(std::ostream& out, const FindOutcome& outcome) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& match : outcome.matches) files.push_back(find_match_json(match));
  nlohmann::json stale = nlohmann::json::array();
  for (const auto& match : outcome.stale) stale.push_back(stale_json(match));
  nlohmann::json document = {
      {"summary", {{"searched", outcome.searched}, {"matched", outcome.matches.size()}, {"stale", outcome.stale.size()}}},
      {"files", std::move(files)},
      {"stale", std::move(stale)}};
  out << dump_json(document) << '\n';
}

void write_find_jsonl(std::ostream& out, const FindOutcome& outcome) {
  for (const auto& match : outcome.matches) out << dump_json(find_match_json(match), -1) << '\n';
}

void write_find_csv(std::ostream& out, const FindOutcome& outcome) {
  std::vector<std::string> header = {"path"};
  for (const auto& name : feature_column_names()) header.push_back(name);
  for (const char* name : {"category", "genre", "mood", "tags"}) header.emplace_back(name);
  write_csv_row(out, header);
  for (const auto& match : outcome.matches) {
    std::vector<std::string> row = {match.file.path};
    for (auto& cell : feature_cells(&match.file.features)) row.push_back(std::move(cell));
    row.push_back(find_category_of(match.file.features).value_or(""));
    row.push_back(match.answer ? match.answer->genre : "");
    row.push_back(match.answer ? match.answer->mood : "");
    row.push_back(match.answer ? joined(match.answer->tags, "; ") : "");
    write_csv_row(out, row);
  }
}

void write_find_table(std::ostream& out, const FindOutcome& outcome) {
  out << fmt::format("{:<10} {:<16} {:<8} {:<10} {:>7} {:>6} {:<14} {}\n", "TEMPO", "KEY", "KIND", "CATEGORY",
                     "SECONDS", "LUFS", "GENRE", "FILE");
  for (const auto& match : outcome.matches) {
    const Features& f = match.file.features;
    const std::string genre = match.answer && !match.answer->genre.empty() ? match.answer->genre : "-";
    out << fmt::format("{:<10} {:<16} {:<8} {:<10} {:>7.2f} {:>6.1f} {:<14} {}\n", tempo_text(f), key_text(f),
                       escape_control_chars(f.kind), escape_control_chars(find_category_of(f).value_or("-")),
                       finite_or(f.duration_s, 0.0), finite_or(f.loudness_lufs, -70.0), escape_control_chars(genre),
                       escape_control_chars(match.file.path));
  }
  out << fmt::format("\n{} of {} cached files match", outcome.matches.size(), outcome.searched);
  if (!outcome.stale.empty()) out << fmt::format("; {} more changed since analysed (stale, not listed)", outcome.stale.size());
  out << '\n';
}

std::vector<std::string> write_find_paths(std::ostream& out, const FindOutcome& outcome, char separator) {
  std::vector<std::string> unprintable;
  for (const auto& match : outcome.matches) {
    if (separator == '\n' && has_control_char(match.file.path)) {
      unprintable.push_back(match.file.path);
      continue;
    }
    out << match.file.path << separator;
  }
  return unprintable;
}

}  // namespace samplemind
