// libcurl behind HttpClient. Each thread keeps its own easy handle, so calls from the
// AI workers never share a handle but still reuse their TLS connections.
#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "provider/curl_library.hpp"
#include "provider/http_client.hpp"

namespace samplemind {

namespace {
using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlHeaders = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

constexpr long k_max_redirects = 0;  // APIs do not redirect POSTs; never follow with a key

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Where the body goes: appended up to the cap; over it, the transfer is abandoned.
struct BodySink {
  std::string* body;
  std::size_t max_bytes;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, bytes);
  return bytes;
}

// Called about once a second even while nothing arrives: a set flag aborts the call.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort != nullptr && abort->load() ? 1 : 0;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) response->headers.clear();  // a new response (e.g. after 100-continue)
  if (const auto colon = line.find(':'); colon != std::string::npos) {
    response->headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return size * count;
}

CURL* thread_handle(const CurlLibrary& curl) {
  thread_local CurlHandle handle(curl.easy_init(), curl.easy_cleanup);
  return handle.get();
}

class CurlHttpClient final : public HttpClient {
 public:
  HttpOutcome post(const HttpRequest& request) override {
    auto library = curl_library();
    if (!library) return TransportError{library.error(), false};
    const CurlLibrary& lib = **library;
    CURL* curl = thread_handle(lib);
    if (curl == nullptr) return TransportError{"could not create a libcurl handle", false};
    lib.easy_reset(curl);
    CurlHeaders headers(nullptr, lib.slist_free_all);
    for (const auto& [name, value] : request.headers) {
      curl_slist* grown = lib.slist_append(headers.get(), fmt::format("{}: {}", name, value).c_str());
      if (grown == nullptr) return TransportError{"out of memory building headers", false};
      headers.release();
      headers.reset(grown);
    }
    curl_slist* grown = lib.slist_append(headers.get(), "Expect:");  // no 100-continue round trip
    if (grown != nullptr) {
      headers.release();
      headers.reset(grown);
    }
    HttpResponse response;
    lib.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    lib.easy_setopt(curl, CURLOPT_POST, 1L);
    lib.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM in threads
    lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
    lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.total_timeout_ms);
    lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, k_max_redirects);
    lib.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
    lib.easy_setopt(curl, CURLOPT_USERAGENT, "samplemind/" SAMPLEMIND_VERSION);
    BodySink sink{&response.body, request.max_body_bytes};
    lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
    lib.easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    lib.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    lib.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
    lib.easy_setopt(curl, CURLOPT_XFERINFODATA, static_cast<void*>(const_cast<std::atomic<bool>*>(request.abort)));
    lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
    lib.easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    const CURLcode code = lib.easy_perform(curl);
    // Options point at this call's buffers: detach them before the handle is reused.
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    if (sink.too_large) {
      return TransportError{fmt::format("the response body is larger than {} bytes", request.max_body_bytes), false,
                            true};
    }
    if (code == CURLE_ABORTED_BY_CALLBACK) return TransportError{"interrupted", false, true};
    if (code != CURLE_OK) {
      // curl_easy_strerror never includes the URL or headers, so no secret can leak here.
      return TransportError{lib.easy_strerror(code), code == CURLE_OPERATION_TIMEDOUT};
    }
    lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
  }
};
}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  if (auto it = headers.find(lower(name)); it != headers.end()) return it->second;
  return "";
}

std::shared_ptr<HttpClient> make_curl_http_client() { return std::make_shared<CurlHttpClient>(); }

}  // namespace samplemind
