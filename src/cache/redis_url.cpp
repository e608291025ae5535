// Parsing redis:// URLs.
#include "cache/redis_url.hpp"

#include <charconv>

#include <fmt/format.h>

#include "cache/cache_config.hpp"
#include "util/result.hpp"

namespace samplemind {
namespace {

bool parse_int(const std::string& text, int& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// Passwords with '@' or ':' arrive percent-encoded (RFC 3986 userinfo).
std::string percent_decode(const std::string& text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int byte = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, byte, 16).ptr == text.data() + i + 3) {
      decoded += static_cast<char>(byte);
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

}  // namespace

RedisUrl parse_redis_url(const std::string& url) {
  const std::string masked = mask_url_secrets(url);
  if (url.starts_with("rediss://")) {
    throw ConfigError("cache URL '" + masked +
                      "': rediss:// (TLS) is not supported: Debian 12's hiredis 0.14 has no TLS; use redis:// on a "
                      "trusted network or a TLS tunnel (stunnel) to the server");
  }
  if (!url.starts_with("redis://")) throw ConfigError("cache URL '" + masked + "' is not a redis:// URL");
  RedisUrl parsed;
  std::string rest = url.substr(8);
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    if (!db.empty() && (!parse_int(db, parsed.db) || parsed.db < 0)) {
      throw ConfigError("cache URL '" + masked + "': the database after '/' must be a number");
    }
  }
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    const std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    if (colon == std::string::npos) {
      parsed.password = percent_decode(userinfo);  // redis://secret@host, as redis-cli reads it
    } else {
      parsed.user = percent_decode(userinfo.substr(0, colon));
      parsed.password = percent_decode(userinfo.substr(colon + 1));
    }
  }
  std::string port_text;
  if (authority.starts_with("[")) {  // [::1]:6379
    const auto close = authority.find(']');
    if (close == std::string::npos) throw ConfigError("cache URL '" + masked + "': unclosed '[' in host");
    parsed.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
  } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    parsed.host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  } else if (!authority.empty()) {
    parsed.host = authority;
  }
  if (parsed.host.empty()) parsed.host = "127.0.0.1";
  if (!port_text.empty() && (!parse_int(port_text, parsed.port) || parsed.port <= 0 || parsed.port > 65535)) {
    throw ConfigError("cache URL '" + masked + "': invalid port");
  }
  return parsed;
}

std::string redis_location(const RedisUrl& url) {
  std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  std::string auth = url.password.empty() ? url.user + (url.user.empty() ? "" : "@") : url.user + ":***@";
  return fmt::format("redis://{}{}:{}/{}", auth, host, url.port, url.db);
}

}  // namespace samplemind
