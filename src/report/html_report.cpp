// The HTML report page: server-side rendered (readable without script), then the inline
// script adds sorting and filtering. Its counts come from the same summary as the JSON report.
#include "report/html_report.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cache/sha256.hpp"
#include "index/find_filter.hpp"
#include "report/file_json.hpp"
#include "report/html_report_assets.hpp"
#include "report/html_report_charts.hpp"
#include "report/report.hpp"
#include "util/display_text.hpp"

namespace samplemind {
namespace {

// base64 of the SHA-256 digest, as a Content-Security-Policy script hash wants it.
std::string csp_hash(std::string_view script) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string hex = sha256_hex(script);
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    std::uint32_t chunk = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left > 1) chunk |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (left > 2) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[(chunk >> 18) & 63];
    out += k_alphabet[(chunk >> 12) & 63];
    out += left > 1 ? k_alphabet[(chunk >> 6) & 63] : '=';
    out += left > 2 ? k_alphabet[chunk & 63] : '=';
  }
  return "sha256-" + out;
}

// A summary number as the JSON report prints it (null as "n/a").
std::string summary_value(const nlohmann::json& value) {
  if (value.is_null()) return "n/a";
  if (value.is_number_float()) return fmt::format("{}", finite_or(value.get<double>(), 0.0));  // shortest exact text, as JSON
  if (value.is_string()) return html_escape(value.get<std::string>());
  return html_escape(value.dump());
}

std::string summary_html(const nlohmann::json& summary) {
  static const std::vector<std::pair<const char*, const char*>> k_items = {
      {"files_total", "files"},        {"files_ok", "analysed"},       {"files_failed", "failed"},
      {"files_skipped", "skipped"},    {"cache_hits", "cache hits"},   {"cache_misses", "cache misses"},
      {"hit_rate", "hit rate"},        {"api_calls", "API calls"},     {"cost_usd", "USD spent"},
      {"saved_usd", "USD saved"},      {"provider", "provider"},       {"model", "model"}};
  std::string html = R"(<dl class="summary" id="summary">)";
  for (const auto& item : k_items) {
    html += fmt::format(R"(<div><dt>{}</dt><dd id="summary-{}" data-field="{}">{}</dd></div>)", item.second, item.first,
                        item.first, summary_value(summary.value(item.first, nlohmann::json())));
  }
  return html + "</dl>";
}

struct Column {
  const char* key;
  const char* title;
  bool numeric;
};
const std::vector<Column>& columns() {
  static const std::vector<Column> list = {
      {"path", "file", false},      {"status", "status", false},   {"cache", "cache", false},
      {"kind", "kind", false},      {"category", "category", false}, {"bpm", "BPM", true},
      {"key", "key", false},        {"camelot", "Camelot", false}, {"lufs", "LUFS", true},
      {"seconds", "seconds", true}, {"genre", "genre", false},     {"cost", "USD", true}};
  return list;
}

// One cell: shown text and the value sorting uses (empty: no value, sorted last).
std::string cell(const Column& column, const std::string& shown, const std::string& value) {
  return fmt::format(R"(<td data-key="{}" data-value="{}"{}>{}</td>)", column.key, html_escape(value),
                     column.numeric ? R"( class="num")" : std::string_view(column.key) == "path" ? R"( class="path")" : "",
                     html_escape(shown));
}

std::string number_text(double value, int decimals) { return fmt::format("{:.{}f}", finite_or(value, 0.0), decimals); }

std::string file_row(const FileResult& file) {
  const Features* f = file.features ? &*file.features : nullptr;
  const auto category = f ? find_category_of(*f) : std::nullopt;
  std::string genre;
  if (file.result && file.result->is_object() && file.result->contains("genre") && (*file.result)["genre"].is_string()) {
    genre = (*file.result)["genre"].get<std::string>();
  }
  const std::string bpm = f && f->tempo_bpm ? number_text(*f->tempo_bpm, 2) : "";
  const std::string key = f && f->key ? *f->key + " " + f->mode.value_or("") : "";
  const std::string camelot = f && f->camelot ? *f->camelot : "";
  const std::string lufs = f ? number_text(f->loudness_lufs, 1) : "";
  const std::string seconds = f ? number_text(f->duration_s, 2) : "";
  const std::string cost = number_text(round_usd(file.cost_usd), 6);
  const auto& c = columns();
  std::string row = "<tr>";
  row += cell(c[0], file.path, file.path);
  row += cell(c[1], to_string(file.status), to_string(file.status));
  row += cell(c[2], to_string(file.cache), to_string(file.cache));
  row += cell(c[3], f ? f->kind : "", f ? f->kind : "");
  row += cell(c[4], category.value_or(""), category.value_or(""));
  row += cell(c[5], bpm, bpm);
  row += cell(c[6], key, key);
  row += cell(c[7], camelot, camelot);
  row += cell(c[8], lufs, lufs);
  row += cell(c[9], seconds, seconds);
  row += cell(c[10], genre, genre);
  row += cell(c[11], cost, cost);
  return row + "</tr>";
}

}  // namespace

std::string html_escape(std::string_view text) {
  const std::string visible = escape_control_chars(text);
  std::string out;
  out.reserve(visible.size());
  for (const char c : visible) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string analyze_report_html(const RunOutcome& outcome) {
  const nlohmann::json summary = summary_json(outcome.summary);
  std::vector<double> tempos;
  std::map<std::string, int> camelots;
  std::map<std::string, int> categories;
  std::string rows;
  for (const FileResult& file : outcome.files) {
    rows += file_row(file);
    if (!file.features) continue;
    if (file.features->tempo_bpm) tempos.push_back(*file.features->tempo_bpm);
    if (file.features->camelot) ++camelots[*file.features->camelot];
    if (const auto category = find_category_of(*file.features)) ++categories[*category];
  }
  std::string headers;
  for (const Column& column : columns()) {
    headers += fmt::format(R"(<th data-key="{}" data-type="{}" scope="col">{}</th>)", column.key,
                           column.numeric ? "number" : "text", column.title);
  }
  const std::string_view script = k_html_report_script;
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '{}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>samplemind report</title><style>{}</style></head>
<body>
<h1>samplemind report</h1>
{}
<h2>Tempo</h2><div class="charts">{}</div>
<h2>Keys (Camelot)</h2><div class="charts">{}</div>
<h2>Categories</h2>{}
<h2>Files</h2>
<input id="filter" type="search" placeholder="filter rows" aria-label="filter rows">
<span><span id="visible-count">{}</span> of <span id="row-count">{}</span> files shown</span>
<table id="files" data-sorted-by="" data-sort-order="" data-visible-rows="{}"><thead><tr>{}</tr></thead><tbody>
{}
</tbody></table>
<script>{}</script>
</body></html>
)",
                     csp_hash(script), k_html_report_style, summary_html(summary), bpm_histogram_svg(tempos),
                     key_wheel_svg(camelots), category_list_html(categories), outcome.files.size(),
                     outcome.files.size(), outcome.files.size(), headers, rows, script);
}

}  // namespace samplemind
