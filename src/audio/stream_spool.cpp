// A stream copied into an unlinked temporary file; see stream_spool.hpp.
#include "audio/stream_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <sndfile.h>

#include "audio/mpeg_header.hpp"
#include "audio/sndfile_open.hpp"
#include "util/private_temp_file.hpp"

namespace samplemind::audio {
namespace {

constexpr std::size_t k_copy_block_bytes = 256 * 1024;
constexpr std::string_view k_unrecognised = "Format not recognised.";

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Reads into buffer until it holds `want` bytes or the stream ends; the count read, or -1.
ssize_t read_up_to(int fd, char* buffer, std::size_t want) {
  std::size_t have = 0;
  while (have < want) {
    const ssize_t got = ::read(fd, buffer + have, want - have);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  return static_cast<ssize_t>(have);
}

// libsndfile's verdict on the head alone: "Format not recognised." is final, anything else
// (a header that opens, or one cut short) lets the rest of the stream be read.
std::optional<std::string> unrecognised_head(int copy_fd, bool named_mpeg) {
  if (starts_with_mpeg_audio(copy_fd) || claims_mpeg_audio(copy_fd, named_mpeg)) return std::nullopt;
  SF_INFO info{};
  SNDFILE* file = open_descriptor_with_libsndfile(copy_fd, true, info);
  if (file != nullptr) {
    sf_close(file);
    return std::nullopt;
  }
  const std::string reason = sf_strerror(nullptr);
  if (reason == k_unrecognised) return reason;
  return std::nullopt;
}

}  // namespace

Result<UniqueFd> spool_stream(int stream_fd, bool named_mpeg, std::uint64_t max_bytes) {
  UniqueFd copy = private_temp_file("stream");
  if (copy.get() < 0) {
    const int why = errno;
    return Error{"cannot make a temporary file in " + temp_folder() + " for the stream: " + std::strerror(why)};
  }
  std::vector<char> block(k_copy_block_bytes);
  std::uint64_t total = 0;
  bool head_checked = false;
  while (true) {
    const std::size_t want = head_checked ? block.size() : k_stream_head_bytes;
    const ssize_t got = read_up_to(stream_fd, block.data(), want);
    if (got < 0) return Error{errno_text("cannot read the stream")};
    if (got > 0 && !write_all(copy.get(), std::string_view(block.data(), static_cast<std::size_t>(got)))) {
      return Error{errno_text("cannot copy the stream to a temporary file")};
    }
    total += static_cast<std::uint64_t>(got);
    if (total > max_bytes) {
      const bool megabytes = max_bytes >= (std::uint64_t{1} << 20);
      return Error{fmt::format("the stream is longer than {} {}: not analysed", megabytes ? max_bytes >> 20 : max_bytes >> 10, megabytes ? "MB" : "KB")};
    }
    if (!head_checked) {
      head_checked = true;
      if (auto refusal = unrecognised_head(copy.get(), named_mpeg)) return Error{*refusal};
      // Without /proc libsndfile read the copy through this very descriptor, from its start.
      if (::lseek(copy.get(), 0, SEEK_END) < 0) return Error{errno_text("cannot seek in the stream's copy")};
    }
    if (static_cast<std::size_t>(got) < want) break;  // the stream ended
  }
  if (::lseek(copy.get(), 0, SEEK_SET) != 0) return Error{errno_text("cannot rewind the stream's copy")};
  return copy;
}

}  // namespace samplemind::audio
