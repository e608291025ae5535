#pragma once
// A minimal HTTP POST interface: the curl implementation talks to the network, tests
// swap in a fake that answers from memory.
#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace samplemind {

constexpr long k_default_connect_timeout_ms = 10'000;
constexpr long k_default_total_timeout_ms = 120'000;
// The most either timeout may be (SAMPLEMIND_TIMEOUT_S, SAMPLEMIND_CONNECT_TIMEOUT_S):
// larger values are capped, so no setting can make a call wait forever.
constexpr long k_max_timeout_ms = 600'000;
// A response body larger than this fails the call (a real answer is a few KB), so a
// hostile server cannot make the process hold gigabytes.
constexpr std::size_t k_max_response_body_bytes = 4 * 1024 * 1024;

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // may hold secrets: never log
  std::string body;
  long connect_timeout_ms = k_default_connect_timeout_ms;
  long total_timeout_ms = k_default_total_timeout_ms;
  std::size_t max_body_bytes = k_max_response_body_bytes;
  // Set (SIGINT/SIGTERM): abort the transfer in flight within about a second.
  const std::atomic<bool>* abort = nullptr;
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
  bool permanent = false;  // retrying cannot help (body over the cap, aborted): fail the file now
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
