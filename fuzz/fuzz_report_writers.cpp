// Fuzzes the table and CSV writers with hostile names, errors and answers: the table never
// holds a raw control character (one line per file, whatever the names), and the CSV reads
// back as one record per file whose text fields are the originals, formula-neutralised.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"

namespace {
using samplemind::FileResult;
using samplemind::FileStatus;

// Splits the input at NUL bytes into at most `limit` strings.
std::vector<std::string> split_fields(std::string_view input, std::size_t limit) {
  std::vector<std::string> fields;
  while (fields.size() + 1 < limit) {
    const auto nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    fields.emplace_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  fields.emplace_back(input);
  return fields;
}

// RFC 4180 reader: records of fields (quoted fields may hold commas, quotes, line breaks).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
    } else {
      field += c;
    }
  }
  records.pop_back();  // after the last newline
  return records;
}

bool has_raw_control(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f) return true;
  }
  return false;
}

std::size_t count_lines(const std::string& text) {
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

// A one-file outcome with every text cell replaced; used to count the lines a table must have.
samplemind::RunOutcome outcome_from(const std::vector<std::string>& fields, bool plain) {
  samplemind::RunOutcome outcome;
  for (std::size_t i = 0; i + 1 < fields.size() || i == 0; i += 2) {
    FileResult file;
    file.path = plain ? "x" : fields[i];
    file.status = i % 4 == 0 ? FileStatus::error : FileStatus::ok;
    file.error = i + 1 < fields.size() ? (plain ? "x" : fields[i + 1]) : "";
    file.model = plain ? "x" : fields.back();
    if (file.status == FileStatus::ok) file.result = nlohmann::json{{"genre", plain ? "x" : fields.back()}};
    outcome.files.push_back(std::move(file));
  }
  outcome.summary.model = plain ? "x" : fields.back();
  outcome.summary.fatal_error = plain && !fields.front().empty() ? "x" : fields.front();
  return outcome;
}
}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t k_max_fields = 7;
  const auto fields = split_fields(std::string_view(reinterpret_cast<const char*>(data), size), k_max_fields);
  const samplemind::RunOutcome outcome = outcome_from(fields, false);
  const samplemind::RunOutcome plain = outcome_from(fields, true);

  for (auto* write : {&samplemind::write_analyze_table, &samplemind::write_features_table}) {
    std::ostringstream table;
    std::ostringstream plain_table;
    write(table, outcome, true);
    write(plain_table, plain, true);
    if (has_raw_control(table.str()) || count_lines(table.str()) != count_lines(plain_table.str())) std::abort();
  }

  std::ostringstream csv;
  samplemind::write_analyze_csv(csv, outcome);
  const auto records = read_csv(csv.str());
  if (records.size() != outcome.files.size() + 1) std::abort();
  for (std::size_t i = 0; i < outcome.files.size(); ++i) {
    const std::string& path = outcome.files[i].path;
    const std::string& cell = records[i + 1].at(0);
    if (cell != path && cell != "'" + path) std::abort();
    if (cell.empty()) continue;
    const char first = cell.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      if (cell.find_first_not_of("+-0123456789.eE") != std::string::npos) std::abort();  // only numbers stay raw
    }
  }
  return 0;
}
