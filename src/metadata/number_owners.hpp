#pragma once
// Which word before a number makes it a count, an index or a model number, not a tempo
// ("Take 2", "Vol 3", "Juno 106", "SH 101"): the file-name rules ask before reading a bare
// number as a tempo.
#include <string_view>

namespace samplemind::metadata {

// Why: a number right after a count, index or model word names a take, a volume or a
// machine; word is lower-case. A short model prefix (TX, CS, SH, ...), which packs also use
// as their own prefix, owns only the model numbers it is known by ("SO_TX_90" states 90).
bool owns_number(std::string_view word, double number);

}  // namespace samplemind::metadata
