#pragma once
// A minimal HTTP POST interface: the curl implementation talks to the network, tests
// swap in a fake that answers from memory.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace samplemind {

constexpr long k_default_connect_timeout_ms = 10'000;
constexpr long k_default_total_timeout_ms = 120'000;

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // may hold secrets: never log
  std::string body;
  long connect_timeout_ms = k_default_connect_timeout_ms;
  long total_timeout_ms = k_default_total_timeout_ms;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The value of a header (name in any case), "" when absent.
  std::string header(const std::string& name) const;
};

// The request never produced an HTTP status: DNS, connect, TLS, timeout, reset.
struct TransportError {
  std::string message;
  bool timed_out = false;
};

using HttpOutcome = std::variant<HttpResponse, TransportError>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one POST and waits for the whole answer; thread-safe.
  virtual HttpOutcome post(const HttpRequest& request) = 0;
};

// The libcurl client: TLS verification on, connect and total timeouts, keep-alive per thread.
std::shared_ptr<HttpClient> make_curl_http_client();

}  // namespace samplemind
