#pragma once
// Keeping keys out of text: exact configured secrets and anything shaped like a vendor
// key become "***". A linear scanner, not std::regex: libstdc++'s regex recurses once per
// character, so a 40,000-character key-shaped message overflowed the stack (exit 139).
#include <string>
#include <string_view>
#include <vector>

namespace samplemind {

// Secrets shorter than this are not masked: "a" or "1234" would mangle ordinary text.
constexpr std::size_t k_min_secret_chars = 4;

// Which key shapes count. Messages use loose shapes (an error may echo a cut key, e.g.
// "sk-abc***wxyz"); answers use strict ones, so "risk-taking" in a review stays readable.
enum class KeyShapes {
  loose,   // sk- + 6 or more of [A-Za-z0-9_-*], AIza + 10 or more of [A-Za-z0-9_-]
  strict,  // the same at a word start, with 20+ (sk-) or 30+ (AIza) characters
};

// Replaces every occurrence of each secret, then every key-shaped run, with "***".
std::string mask_key_text(std::string_view text, const std::vector<std::string>& secrets, KeyShapes shapes);

}  // namespace samplemind
