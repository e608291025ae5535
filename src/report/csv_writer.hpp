#pragma once
// RFC 4180 CSV fields: quoted when they hold a comma, quote or line break. A text field that
// a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading '
// (OWASP "CSV injection"); plain numbers such as -70.5 are left as they are.
#include <ostream>
#include <string>
#include <vector>

namespace samplemind {

// The field with a leading ' when a spreadsheet would read it as a formula.
std::string neutralise_csv_formula(const std::string& field);

// Writes one CSV record followed by a newline (each field neutralised, then quoted).
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace samplemind
