#pragma once
// RFC 4180 CSV fields: quoted when they hold a comma, quote or line break.
#include <ostream>
#include <string>
#include <vector>

namespace samplemind {

// Writes one CSV record followed by a newline.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace samplemind
