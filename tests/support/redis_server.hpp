#pragma once
// Starts a throwaway redis-server on a free loopback port for the duration of a test.
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace samplemind::testing {

class RedisServer {
 public:
  // Starts redis-server (extra arguments e.g. {"--requirepass", "pw"}); running() is false
  // when redis-server is not installed or did not come up.
  explicit RedisServer(std::vector<std::string> extra_args = {}) {
    port_ = free_port();
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<std::string> args = {"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                       "--save", "", "--appendonly", "no", "--dir", dir_.path().string(),
                                       "--loglevel", "warning", "--logfile", (dir_.path() / "redis.log").string()};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execvp("redis-server", argv.data());
      ::_exit(127);
    }
    for (int attempt = 0; attempt < 100 && pid_ > 0; ++attempt) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      redisContext* probe = redisConnect("127.0.0.1", port_);
      bool up = probe && !probe->err;
      if (probe) redisFree(probe);
      if (up) {
        running_ = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~RedisServer() { stop(); }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  bool running() const { return running_; }
  int port() const { return port_; }
  std::string url(const std::string& auth = "", int db = 0) const {
    return "redis://" + auth + "127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(db);
  }
  // Kills the server (Redis going away mid-run).
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGCONT);
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    running_ = false;
  }
  // Freezes the server: connections are accepted by the kernel but never answered.
  void freeze() {
    if (pid_ > 0) ::kill(pid_, SIGSTOP);
  }
  // Runs one command on the test's own connection (FLUSHDB, TTL, SET of foreign keys).
  std::string command(const std::vector<std::string>& args) const {
    redisContext* context = redisConnect("127.0.0.1", port_);
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
    std::string text;
    if (reply && (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS ||
                  reply->type == REDIS_REPLY_ERROR)) {
      text.assign(reply->str, reply->len);
    } else if (reply && reply->type == REDIS_REPLY_INTEGER) {
      text = std::to_string(reply->integer);
    }
    if (reply) freeReplyObject(reply);
    redisFree(context);
    return text;
  }

 private:
  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
  }

  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool running_ = false;
};

}  // namespace samplemind::testing
