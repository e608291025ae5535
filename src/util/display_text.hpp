#pragma once
// Text from outside (file names, error messages, AI answers) shown on a terminal: control
// characters become visible escapes so a name cannot forge a row or drive the terminal.
#include <string>
#include <string_view>

namespace samplemind {

// Escapes as `ls -b` does: \n \r \t \\ and \xHH for other C0 controls, DEL and the C1
// controls (UTF-8 C2 80..C2 9F). Other bytes, valid UTF-8 or not, pass unchanged.
std::string escape_control_chars(std::string_view text);

}  // namespace samplemind
