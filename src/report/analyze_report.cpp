// The analyze command's outputs: the JSON contract, a table for people, CSV rows.
#include <stdexcept>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "report/csv_writer.hpp"
#include "report/feature_columns.hpp"
#include "report/file_json.hpp"
#include "report/text_cut.hpp"
#include "util/display_text.hpp"
#include "util/json_text_writer.hpp"
#include "report/report.hpp"

namespace samplemind {

namespace {
constexpr std::size_t k_answer_columns = 40;

// The most telling field of an answer, for one table cell (cut later, with an ellipsis).
std::string answer_preview(const FileResult& file) {
  if (!file.result || !file.result->is_object() || file.result->empty()) return "";
  for (const char* field : {"genre", "summary", "key", "tempo_band", "role"}) {
    if (auto it = file.result->find(field); it != file.result->end() && it->is_string()) {
      return fmt::format(FMT_COMPILE("{}: {}"), field, it->get<std::string>());
    }
  }
  // Else the first text field; the offline analyser's "heuristic" marker says nothing alone.
  for (auto it = file.result->begin(); it != file.result->end(); ++it) {
    if (it.key() != "heuristic" && it->is_string()) return it.key() + ": " + it->get<std::string>();
  }
  for (auto it = file.result->begin(); it != file.result->end(); ++it) {
    if (it.key() != "heuristic") return it.key() + ": " + dump_json(*it, -1);
  }
  return "";
}

std::string usd(double amount) { return fmt::format("${:.6f}", finite_or(amount, 0.0)); }

// A call made at an unknown price has an unknown cost: null, never a guessed 0.
bool cost_unknown(const RunOutcome& outcome, const FileResult& file) {
  return !outcome.summary.cost_known && file.api_call;
}

// A call made at an unknown price has an unknown cost: null, never a guessed 0.
FileJsonFields analysis_fields(bool cost_known) {
  return cost_known ? FileJsonFields::analysis : FileJsonFields::analysis_cost_unknown;
}

// A dry run's misses are not failures worth a line each: the summary has the estimate.
}  // namespace

nlohmann::json analyze_file_json(const FileResult& file, bool cost_known) {
  return nlohmann::json::parse(analyze_file_json_line(file, cost_known));
}

std::string analyze_file_json_line(const FileResult& file, bool cost_known) {
  return file_json_text(file, analysis_fields(cost_known));
}

nlohmann::json analyze_summary_json(const RunOutcome& outcome, const nlohmann::json& extra) {
  nlohmann::json summary = summary_json(outcome.summary);
  summary["shard"] = outcome.shard ? nlohmann::json(to_string(*outcome.shard)) : nlohmann::json(nullptr);
  summary["files_outside_shard"] = outcome.files_outside_shard;
  summary["tempo_range"] = outcome.tempo_range ? nlohmann::json(to_string(*outcome.tempo_range)) : nlohmann::json(nullptr);
  if (extra.is_object()) summary.update(extra);
  return summary;
}

nlohmann::json analyze_report_json(const RunOutcome& outcome) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : outcome.files) files.push_back(analyze_file_json(file, outcome.summary.cost_known));
  return {{"summary", analyze_summary_json(outcome)}, {"files", std::move(files)}};
}

namespace {
// Indents every line after the first by spaces (nlohmann's own nesting, as if dumped in place).
std::string indent_after_first_line(const std::string& text, std::size_t spaces) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out.push_back(c);
    if (c == '\n') out.append(spaces, ' ');  // raw newlines are structural: dump escapes those in strings
  }
  return out;
}
}  // namespace

std::string analyze_json_entry(const FileResult& file, bool cost_known) {
  std::string entry;
  JsonTextWriter writer(entry, 2, 2);  // each entry sits two levels deep: {"files": [ here ]}
  write_file_json(writer, file, analysis_fields(cost_known));
  return entry;
}

// Streams the same bytes as dump_json(analyze_report_json(...)) file by file, so a large
// library's report never exists in memory as one JSON tree plus its text.
void write_analyze_json(std::ostream& out, const RunOutcome& outcome, const nlohmann::json& summary_extra,
                        EntrySpool* spool) {
  if (spool != nullptr && !spool->error().empty()) throw std::runtime_error(spool->error());
  out << "{\n  \"files\": [";
  bool any = false;
  if (spool != nullptr) {
    any = !spool->empty();
    if (!spool->write_entries(out)) throw std::runtime_error(spool->error());
  } else {
    const char* separator = "\n    ";
    for (const auto& file : outcome.files) {
      out << separator << analyze_json_entry(file, outcome.summary.cost_known);
      separator = ",\n    ";
      any = true;
    }
  }
  out << (any ? "\n  ]" : "]") << ",\n  \"summary\": ";
  out << indent_after_first_line(dump_json(analyze_summary_json(outcome, summary_extra)), 2) << "\n}";
}

void write_analyze_table(std::ostream& out, const RunOutcome& outcome, bool with_rows) {
  if (with_rows) write_analyze_table_rows(out, outcome);
  write_analyze_table_summary(out, outcome);
}

std::string analyze_table_header() {
  return fmt::format("{:<8} {:<5} {:>7} {:<10} {:<16} {:<8} {:>6} {:>6} {} {}\n", "STATUS", "CACHE", "SECONDS", "TEMPO",
                     "KEY", "KIND", "LUFS", "PEAK", fit_column("ANSWER", k_answer_columns), "FILE");
}

std::string analyze_table_row(const FileResult& file) {
  const Features* f = file.features ? &*file.features : nullptr;
  // One buffer, numbers formatted in place (a table row per file, 100,000 of them).
  // Every cell from outside is escaped (a name with a newline cannot forge a row), then cut.
  fmt::memory_buffer row;
  auto out = std::back_inserter(row);
  fmt::format_to(out, FMT_COMPILE("{:<8} {:<5} "), to_string(file.status), to_string(file.cache));
  if (f != nullptr) {
    fmt::format_to(out, FMT_COMPILE("{:>7.2f} {:<10} {:<16} {:<8} {:>6.1f} {:>6.1f} "), finite_or(f->duration_s, 0.0), tempo_text(*f),
                   key_text(*f), escape_control_chars(f->kind), finite_or(f->loudness_lufs, -70.0),
                   finite_or(f->peak_dbfs, -120.0));
  } else {
    fmt::format_to(out, FMT_COMPILE("{:>7} {:<10} {:<16} {:<8} {:>6} {:>6} "), "-", "-", "-", "-", "-", "-");
  }
  const std::string answer =
      fit_column(file.status == FileStatus::ok ? escape_control_chars(answer_preview(file)) : "-", k_answer_columns);
  fmt::format_to(out, FMT_COMPILE("{} {}"), answer, escape_control_chars(file.path));
  if (file.status != FileStatus::ok) fmt::format_to(out, "  ({})", escape_control_chars(file.error));
  row.push_back('\n');
  return fmt::to_string(row);
}

bool is_dry_run_row(bool dry_run, const FileResult& file) {
  return dry_run && file.status == FileStatus::skipped && file.error.rfind("dry run", 0) == 0;
}

void write_analyze_table_rows(std::ostream& out, const RunOutcome& outcome) {
  out << analyze_table_header();
  for (const auto& file : outcome.files) {
    if (!is_dry_run_row(outcome.dry_run, file)) out << analyze_table_row(file);
  }
  out << '\n';
}

void write_analyze_table_spooled(std::ostream& out, const RunOutcome& outcome, EntrySpool& rows) {
  out << analyze_table_header();
  if (!rows.write_entries(out, "", "")) throw std::runtime_error(rows.error());
  out << '\n';
  write_analyze_table_summary(out, outcome);
}

void write_analyze_table_summary(std::ostream& out, const RunOutcome& outcome) {
  const RunSummary& s = outcome.summary;
  out << "samplemind cost-savings report\n";
  out << fmt::format("  files      {} total, {} ok, {} failed, {} skipped\n", s.files_total, s.files_ok,
                     s.files_failed, s.files_skipped);
  if (outcome.shard) {
    out << fmt::format("  shard      {} ({} files left to the other shards)\n", to_string(*outcome.shard),
                       outcome.files_outside_shard);
  }
  if (outcome.tempo_range) out << fmt::format("  tempo      audio tempos moved into {} BPM\n", to_string(*outcome.tempo_range));
  if (s.statements_checked) {
    out << fmt::format("  statements {} files state a tempo, key or root; {} contradicted by their audio{}\n",
                       s.files_stating, s.files_disagreeing, s.files_disagreeing > 0 ? " (named on stderr)" : "");
  }
  out << fmt::format("  cache      {}: {} hits, {} misses, hit rate {:.1f}%{}\n", s.cache_backend, s.cache_hits,
                     s.cache_misses, s.hit_rate() * 100.0,
                     s.cache_errors > 0 ? fmt::format(" ({} backend errors)", s.cache_errors) : "");
  out << fmt::format("  features   {} decoded, {} from the feature cache{}\n", s.files_decoded, s.feature_cache_hits,
                     s.cache_corrupt > 0 ? fmt::format("; {} corrupt AI entries replaced", s.cache_corrupt) : "");
  out << fmt::format("  provider   {} / {}{}\n", escape_control_chars(s.provider), escape_control_chars(s.model),
                     s.offline ? " (offline analyser: no API calls, no cost)" : "");
  out << fmt::format("  API calls  {}\n", s.api_calls);
  out << fmt::format("  tokens     {} in, {} out\n", s.input_tokens, s.output_tokens);
  out << fmt::format("  cost       {}\n", s.cost_known ? usd(s.cost_usd)
                                                    : "unknown (no price for this model: --price IN/OUT)");
  if (outcome.dry_run) {
    out << fmt::format("  estimate   {} call(s) would be made, {} (dry run: no provider was called)\n",
                       outcome.estimated_calls, s.cost_known ? usd(outcome.estimated_cost_usd) : "cost unknown");
  }
  out << fmt::format("  saved      {} by cache hits\n", usd(s.saved_usd));
  out << fmt::format("  elapsed    {:.2f} s\n", finite_or(s.elapsed_s, 0.0));
  if (s.interrupted) out << "  interrupted: partial report\n";
  if (!s.fatal_error.empty()) out << "  stopped    " << escape_control_chars(s.fatal_error) << '\n';
}

void write_analyze_csv(std::ostream& out, const RunOutcome& outcome) {
  std::vector<std::string> header = {"path", "status", "error", "cache", "provider", "model", "analysis_type",
                                     "input_tokens", "output_tokens", "cost_usd", "saved_usd"};
  for (const auto& name : feature_column_names()) header.push_back(name);
  header.push_back("result");
  const bool checked = outcome.summary.statements_checked;  // --check-statements: its columns last
  if (checked) header.insert(header.end(), statement_check_column_names().begin(), statement_check_column_names().end());
  write_csv_row(out, header);
  for (const auto& file : outcome.files) {
    std::vector<std::string> row = {file.path, to_string(file.status), file.error, to_string(file.cache),
                                    file.provider, file.model, file.analysis_type,
                                    std::to_string(file.input_tokens), std::to_string(file.output_tokens),
                                    cost_unknown(outcome, file) ? "" : fmt::format("{:.8f}", round_usd(file.cost_usd)),
                                    fmt::format("{:.8f}", round_usd(file.saved_usd))};
    for (auto& cell : feature_cells(file.features ? &*file.features : nullptr)) row.push_back(std::move(cell));
    row.push_back(file.result ? dump_json(*file.result, -1) : "");
    if (checked) {
      for (auto& cell : statement_check_cells(file.statement_check)) row.push_back(std::move(cell));
    }
    write_csv_row(out, row);
  }
}

}  // namespace samplemind
