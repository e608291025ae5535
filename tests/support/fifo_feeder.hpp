#pragma once
// Writes bytes into a FIFO from a thread, as `cat file > fifo` would. With hold_after, it stops
// after that many bytes and holds the pipe open until release() (or a 10 s limit), so a test
// can tell whether the reader waited for the stream's end.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace samplemind::testing {

class FifoFeeder {
 public:
  static constexpr std::size_t k_no_hold = static_cast<std::size_t>(-1);

  FifoFeeder(std::filesystem::path fifo, std::string bytes, std::size_t hold_after = k_no_hold)
      : fifo_(std::move(fifo)), bytes_(std::move(bytes)), hold_after_(hold_after), thread_([this] { run(); }) {}
  ~FifoFeeder() {
    release();
    stop_ = true;
    thread_.join();
  }
  FifoFeeder(const FifoFeeder&) = delete;
  FifoFeeder& operator=(const FifoFeeder&) = delete;

  // Why: lets a held feeder finish (write the rest and close).
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    wake_.notify_all();
  }
  // Why: true when the hold ran out before release(): the reader waited for the end.
  bool held_to_limit() const { return held_to_limit_.load(); }

 private:
  void run() {
    sigset_t pipe_signal;  // a reader that closes early makes write() fail with EPIPE, not kill the test
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    int fd = -1;
    while (!stop_ && (fd = ::open(fifo_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {  // ENXIO: no reader yet
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (fd < 0) return;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const std::size_t first = hold_after_ < bytes_.size() ? hold_after_ : bytes_.size();
    write_all(fd, 0, first);
    if (first < bytes_.size()) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!wake_.wait_for(lock, std::chrono::seconds(10), [this] { return released_; })) held_to_limit_ = true;
      lock.unlock();
      write_all(fd, first, bytes_.size());
    }
    ::close(fd);
  }
  void write_all(int fd, std::size_t from, std::size_t to) {
    while (from < to) {
      const ssize_t step = ::write(fd, bytes_.data() + from, to - from);
      if (step < 0 && errno == EINTR) continue;
      if (step <= 0) return;  // the reader is gone
      from += static_cast<std::size_t>(step);
    }
  }

  std::filesystem::path fifo_;
  std::string bytes_;
  std::size_t hold_after_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool released_ = false;
  std::atomic<bool> stop_{false};
  std::atomic<bool> held_to_limit_{false};
  std::thread thread_;  // last: started once every member above exists
};

}  // namespace samplemind::testing
