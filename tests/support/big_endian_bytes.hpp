#pragma once
// Big-endian integers appended to a byte string: the tests build AIFF and CAF chunks by hand.
#include <cstdint>
#include <string>

namespace samplemind::testing {

// Appends the low `bytes` bytes of value, most significant first.
inline void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace samplemind::testing
