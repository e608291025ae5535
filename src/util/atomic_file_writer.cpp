// Exclusive temp file + rename; see atomic_file_writer.hpp.
#include "util/atomic_file_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <random>
#include <utility>

#include <fmt/format.h>

namespace samplemind {
namespace {

constexpr std::size_t k_write_buffer_bytes = 64 * 1024;
constexpr int k_create_attempts = 16;  // O_EXCL collisions with random names are near impossible

// errno as text, with the two "no room" cases spelled out.
std::string errno_reason(int error_number) {
  if (error_number == EFBIG) return "file size limit reached (ulimit -f)";
  if (error_number == ENOSPC) return "no space left on device";
  if (error_number == EDQUOT) return "disk quota exceeded";
  return std::strerror(error_number);
}

// A name nobody can predict, so a symlink cannot be planted at it in advance.
std::string random_suffix() {
  static std::atomic<std::uint64_t> counter{0};
  thread_local std::mt19937_64 engine{std::random_device{}() ^ (static_cast<std::uint64_t>(::getpid()) << 32)};
  return fmt::format("{}{}.{}.{:016x}", k_temp_file_marker, ::getpid(), ++counter, engine());
}

}  // namespace

Result<AtomicFileWriter> AtomicFileWriter::create(const std::filesystem::path& target, AtomicWriteOptions options) {
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
    std::filesystem::path temp = folder / (target.filename().native() + random_suffix());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, options.mode);
    if (fd >= 0) return AtomicFileWriter(target, std::move(temp), fd, options);
    if (errno != EEXIST) {
      return Error{fmt::format("cannot create a file in {}: {}", folder.native(), errno_reason(errno))};
    }
  }
  return Error{fmt::format("cannot create a file in {}: temp names keep colliding", folder.native())};
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target, std::filesystem::path temp, int fd,
                                   AtomicWriteOptions options)
    : target_(std::move(target)), temp_(std::move(temp)), fd_(fd), options_(options) {}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      fd_(std::exchange(other.fd_, -1)),
      options_(other.options_),
      buffer_(std::move(other.buffer_)),
      failed_(std::move(other.failed_)) {
  other.temp_.clear();
}

AtomicFileWriter::~AtomicFileWriter() { discard(); }

void AtomicFileWriter::discard() {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

Status AtomicFileWriter::fail(const std::string& what) {
  const int error_number = errno;
  failed_ = Status::failure(fmt::format("{} {}: {}", what, target_.native(), errno_reason(error_number)));
  discard();
  return failed_;
}

Status AtomicFileWriter::flush() {
  std::size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return fail("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  return Status::success();
}

Status AtomicFileWriter::write(std::string_view bytes) {
  if (!failed_) return failed_;
  if (fd_ < 0) return Status::failure("write after commit: " + target_.native());
  buffer_.append(bytes);
  return buffer_.size() >= k_write_buffer_bytes ? flush() : Status::success();
}

Status AtomicFileWriter::commit() {
  if (!failed_) return failed_;
  if (fd_ < 0) return Status::failure("commit twice: " + target_.native());
  if (Status flushed = flush(); !flushed) return flushed;
  if (options_.sync && ::fsync(fd_) != 0) return fail("cannot sync");
  if (::close(std::exchange(fd_, -1)) != 0) return fail("cannot write");
  if (::rename(temp_.c_str(), target_.c_str()) != 0) return fail("cannot replace");
  temp_.clear();
  return Status::success();
}

Status write_file_atomically(const std::filesystem::path& target, std::string_view content,
                             AtomicWriteOptions options) {
  auto writer = AtomicFileWriter::create(target, options);
  if (!writer) return Status::failure(writer.error());
  if (Status written = writer->write(content); !written) return written;
  return writer->commit();
}

Status check_writable_target(const std::filesystem::path& target) {
  struct stat info {};
  if (::stat(target.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return Status::failure(target.native() + " is a folder");
  }
  auto writer = AtomicFileWriter::create(target);
  if (!writer) return Status::failure(writer.error());
  writer->discard();
  return Status::success();
}

void ignore_file_size_limit_signal() { std::signal(SIGXFSZ, SIG_IGN); }

}  // namespace samplemind
