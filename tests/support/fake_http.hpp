#pragma once
// An HttpClient that answers from a script and records what was sent, so provider
// tests run without a network.
#include <deque>
#include <functional>
#include <mutex>

#include "provider/http_client.hpp"

namespace samplemind {

class FakeHttpClient final : public HttpClient {
 public:
  // Queues an HTTP answer; the last one repeats when the queue runs dry.
  void reply(long status, std::string body, std::map<std::string, std::string> headers = {}) {
    std::lock_guard lock(mutex_);
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    script_.emplace_back(std::move(response));
  }
  void fail_transport(std::string message, bool timed_out) {
    std::lock_guard lock(mutex_);
    script_.emplace_back(TransportError{std::move(message), timed_out});
  }

  // A transport failure retrying cannot fix (body over the cap).
  void fail_transport_permanent(std::string message) {
    std::lock_guard lock(mutex_);
    script_.emplace_back(TransportError{std::move(message), false, true});
  }

  HttpOutcome post(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    if (on_post) on_post();
    if (script_.size() > 1) {
      HttpOutcome next = script_.front();
      script_.pop_front();
      return next;
    }
    return script_.empty() ? HttpOutcome{TransportError{"no scripted answer", false}} : script_.front();
  }

  std::vector<HttpRequest> requests;
  std::function<void()> on_post;  // runs during each call (e.g. a signal arriving)

 private:
  std::mutex mutex_;
  std::deque<HttpOutcome> script_;
};

}  // namespace samplemind
