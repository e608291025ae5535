// CSV quoting and formula neutralisation kept in one place for every CSV output.
#include "report/csv_writer.hpp"

namespace samplemind {

namespace {
// -70.5 or +3e2: a number a spreadsheet reads as a number, not a formula.
bool is_plain_number(const std::string& field) {
  std::size_t i = 0;
  if (i < field.size() && (field[i] == '-' || field[i] == '+')) ++i;
  std::size_t digits = 0;
  for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i) ++digits;
  if (i < field.size() && field[i] == '.') {
    for (++i; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i) ++digits;
  }
  if (digits == 0) return false;
  if (i < field.size() && (field[i] == 'e' || field[i] == 'E')) {
    ++i;
    if (i < field.size() && (field[i] == '-' || field[i] == '+')) ++i;
    std::size_t exponent_digits = 0;
    for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i) ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == field.size();
}
}  // namespace

std::string neutralise_csv_formula(const std::string& field) {
  if (field.empty() || is_plain_number(field)) return field;
  switch (field.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return "'" + field;
    default:
      return field;
  }
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    const std::string field = neutralise_csv_formula(fields[i]);
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out << field;
      continue;
    }
    out << '"';
    for (char c : field) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  }
  out << '\n';
}

}  // namespace samplemind
