// Ollama's client rule (envconfig.Host) without its one surprise for users: a bare host or
// "http://host" gets Ollama's port 11434, not 80, because nothing else listens for Ollama on 80.
#include "provider/provider_endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace samplemind {

namespace {
constexpr std::string_view k_scheme_separator = "://";
constexpr std::string_view k_gemini_model_prefix = "models/";

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// A listen address means "every interface": a client connects to loopback instead.
std::string connectable(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "[::]" || host == "::") return "[::1]";
  return host;
}

// Splits "host:port", "[v6]:port", "host", "[v6]" or a bare IPv6 address; port "" when absent.
std::pair<std::string, std::string> split_host_port(const std::string& hostport) {
  if (!hostport.empty() && hostport.front() == '[') {
    const auto close = hostport.find(']');
    if (close == std::string::npos) return {hostport, ""};
    const std::string host = hostport.substr(0, close + 1);
    const std::string rest = hostport.substr(close + 1);
    return {host, rest.size() > 1 && rest.front() == ':' ? rest.substr(1) : ""};
  }
  const auto colon = hostport.rfind(':');
  if (colon == std::string::npos) return {hostport, ""};
  if (hostport.find(':') != colon) return {"[" + hostport + "]", ""};  // bare IPv6 without a port
  return {hostport.substr(0, colon), hostport.substr(colon + 1)};
}
}  // namespace

std::string ollama_base_url(const std::string& host) {
  std::string text = trim(host);
  std::string scheme = "http";
  int default_port = k_ollama_default_port;
  if (const auto separator = text.find(k_scheme_separator); separator != std::string::npos) {
    scheme = text.substr(0, separator);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (scheme == "https") default_port = k_https_default_port;
    text = text.substr(separator + k_scheme_separator.size());
  }
  std::string path;
  if (const auto slash = text.find('/'); slash != std::string::npos) {
    path = text.substr(slash);
    text.resize(slash);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  auto [name, port] = split_host_port(text);
  if (!all_digits(port) || port.size() > 5 || std::stoi(port) > 65535) port = std::to_string(default_port);
  return scheme + "://" + connectable(name) + ":" + port + path;
}

std::string normalize_model_id(const std::string& provider, const std::string& model) {
  std::string id = trim(model);
  if (provider == "gemini" && id.rfind(k_gemini_model_prefix, 0) == 0) id = id.substr(k_gemini_model_prefix.size());
  return id;
}

}  // namespace samplemind
