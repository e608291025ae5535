#pragma once
// Sound Designer II files: the audio is headerless, and its rate, channels and sample size sit
// in a Mac resource fork that libsndfile finds only by the file's name (`._NAME`, then
// `.AppleDouble/NAME`) and reads whole. Handing libsndfile the name would let it open whatever
// stands there when it looks (a FIFO hangs it, a fork swapped in after a check is read
// unchecked). So samplemind reads the fork itself, checked, and gives libsndfile a private
// folder holding a link to the open file and a copy of that fork, nothing else.
#include <filesystem>
#include <optional>
#include <string>

#include <sndfile.h>

namespace samplemind::audio {

struct SndfileOpening;

// Why: the decoder's way into an SD2 file. fd is path, already open and regular. The fork
// must be a regular file of at most 1 MB (or absent: libsndfile then reads the file as any
// other, e.g. a WAV named .sd2); otherwise the failure names it.
SndfileOpening open_sd2(const std::filesystem::path& path, int fd);

// Why: what is wrong with the resource fork libsndfile would read for path (not a regular
// file, larger than 1 MB), or nullopt when there is none or it is fine.
std::optional<std::string> resource_fork_problem(const std::filesystem::path& path);

}  // namespace samplemind::audio
