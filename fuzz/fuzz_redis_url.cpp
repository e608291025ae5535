// Fuzzes cache URLs: parse_redis_url never crashes and its errors, like mask_url_secrets,
// never show a password. The input is "password\0url-template"; "PW" in the template is
// replaced by the password, which must not appear in any message.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cache/redis_url.hpp"
#include "cache/cache_config.hpp"
#include "util/result.hpp"

namespace {
constexpr std::size_t k_min_secret_chars = 6;

// The template with every "PW" replaced by the secret.
std::string with_secret(std::string_view url_template, std::string_view secret) {
  std::string url;
  for (std::size_t i = 0; i < url_template.size(); ++i) {
    if (url_template.substr(i, 2) == "PW") {
      url += secret;
      ++i;
    } else {
      url += url_template[i];
    }
  }
  return url;
}
// Everything samplemind would print about a cache URL: its masked form, then where it
// connects or why it is refused.
std::string shown(const std::string& url) {
  std::string text = samplemind::mask_url_secrets(url) + "\n";
  try {
    text += samplemind::redis_location(samplemind::parse_redis_url(url));
  } catch (const samplemind::ConfigError& error) {
    text += error.what();
  }
  return text;
}

std::size_t occurrences(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}
}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\0');
  if (split == std::string_view::npos) return 0;
  const std::string_view secret = input.substr(0, split);
  const std::string_view url_template = input.substr(split + 1);
  // A password sits between a ':' and an '@' ("...:PW@..."), once; it has no URL structure
  // of its own and occurs nowhere else (else it would be shown for other reasons).
  const auto slot = url_template.find(":PW@");
  if (slot == std::string_view::npos || url_template.find("PW") != slot + 1 ||
      url_template.find("PW", slot + 2) != std::string_view::npos) {
    return 0;
  }
  if (secret.size() < k_min_secret_chars || secret.find_first_of("@:/?#%[]*") != std::string_view::npos) return 0;
  const std::string stripped = with_secret(url_template, "");
  if (stripped.find(secret) != std::string::npos) return 0;
  const std::string url = with_secret(url_template, secret);
  std::string scheme = url.substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (scheme.starts_with("sqlite:") || scheme.starts_with("file:")) return 0;  // local paths: no userinfo
  // The secret may also spell fixed message text ("che URL" is in "cache URL"): it leaks
  // only when it shows more often than with the same slot filled by '*' (never in a secret).
  const std::string neutral = with_secret(url_template, std::string(secret.size(), '*'));
  if (occurrences(shown(url), secret) > occurrences(shown(neutral), secret)) std::abort();
  return 0;
}
