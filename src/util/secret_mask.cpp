// One pass per secret (std::string_view::find) and one pass for the shapes; each position
// is looked at a bounded number of times, so the cost is linear in the text.
#include "util/secret_mask.hpp"

#include <algorithm>

namespace samplemind {

namespace {
constexpr std::string_view k_mask = "***";
constexpr std::string_view k_openai_prefix = "sk-";
constexpr std::string_view k_google_prefix = "AIza";
constexpr std::size_t k_loose_sk_chars = 6;
constexpr std::size_t k_loose_aiza_chars = 10;
constexpr std::size_t k_strict_sk_chars = 20;
constexpr std::size_t k_strict_aiza_chars = 30;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_sk_char(char c, KeyShapes shapes) { return is_alnum(c) || c == '_' || c == '-' || (shapes == KeyShapes::loose && c == '*'); }
bool is_aiza_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

// Length of the key-shaped run starting at `at` (prefix included), or 0.
std::size_t key_run(std::string_view text, std::size_t at, KeyShapes shapes) {
  const bool strict = shapes == KeyShapes::strict;
  if (strict && at > 0 && (is_alnum(text[at - 1]) || text[at - 1] == '_' || text[at - 1] == '-')) return 0;
  auto run = [&](std::string_view prefix, std::size_t min_chars, auto allowed) -> std::size_t {
    if (text.substr(at, prefix.size()) != prefix) return 0;
    std::size_t end = at + prefix.size();
    while (end < text.size() && allowed(text[end])) ++end;
    return end - at - prefix.size() >= min_chars ? end - at : 0;
  };
  if (auto n = run(k_openai_prefix, strict ? k_strict_sk_chars : k_loose_sk_chars,
                   [&](char c) { return is_sk_char(c, shapes); })) {
    return n;
  }
  return run(k_google_prefix, strict ? k_strict_aiza_chars : k_loose_aiza_chars, is_aiza_char);
}

std::string replace_all(std::string_view text, std::string_view secret) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (auto at = text.find(secret); at != std::string_view::npos; at = text.find(secret, from)) {
    out.append(text.substr(from, at - from));
    out.append(k_mask);
    from = at + secret.size();
  }
  out.append(text.substr(from));
  return out;
}
}  // namespace

std::string mask_key_text(std::string_view text, const std::vector<std::string>& secrets, KeyShapes shapes) {
  std::string current(text);
  // Longest first, so a key that contains another configured key is masked whole.
  std::vector<std::string_view> ordered(secrets.begin(), secrets.end());
  std::sort(ordered.begin(), ordered.end(), [](auto a, auto b) { return a.size() > b.size(); });
  for (std::string_view secret : ordered) {
    if (secret.size() >= k_min_secret_chars && current.find(secret) != std::string::npos) {
      current = replace_all(current, secret);
    }
  }
  std::string out;
  out.reserve(current.size());
  for (std::size_t i = 0; i < current.size();) {
    if (const std::size_t n = key_run(current, i, shapes)) {
      out.append(k_mask);
      i += n;
    } else {
      out.push_back(current[i++]);
    }
  }
  return out;
}

}  // namespace samplemind
