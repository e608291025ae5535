#pragma once
// A FIFO named on the command line (`analyze <(curl -s URL)`, `/dev/stdin` from a pipe) is
// copied into an unlinked temporary file before it is decoded. Every reader then has a regular
// file: libsndfile's FLAC reader, which seeks, no longer "loses sync" on a pipe; mpg123 reads
// an MP3 to its gapless length; and libsndfile is given the file as /proc/self/fd/N, never a
// bare descriptor, so it no longer looks for a Mac resource fork (`._`) in the working folder.
#include <cstddef>
#include <cstdint>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace samplemind::audio {

// A stream longer than this is refused: the copy lives in $TMPDIR until the file is decoded.
constexpr std::uint64_t k_max_stream_bytes = std::uint64_t{1} << 30;
// What is read before the copy is asked whether it looks like audio at all.
constexpr std::size_t k_stream_head_bytes = 64 * 1024;

// Why: the decoder's way to turn a stream into a file. Reads stream_fd to its end into an
// unlinked file in $TMPDIR (O_TMPFILE, or a name removed at once where that is missing) and
// returns that file, read from its start. After the first 64 KB, a stream whose head
// libsndfile does not recognise, and that does not claim to be MPEG audio, is refused at once
// with libsndfile's words, so an endless stream of noise is not copied. named_mpeg: the
// stream's name ends in .mp3 (or another MPEG audio extension). A stream longer than
// max_bytes is refused.
Result<UniqueFd> spool_stream(int stream_fd, bool named_mpeg, std::uint64_t max_bytes = k_max_stream_bytes);

}  // namespace samplemind::audio
