#pragma once
// How libsndfile is handed a file the decoder has already opened. By name, libsndfile does
// more than read it: for a file whose bytes it does not recognise it opens a sibling, the
// Mac resource fork `._NAME` (a FIFO there hung the scan; any bytes there changed the error),
// and it guesses raw formats from the name's extension. By bare descriptor it looks for
// `._` in the working directory instead. So it is given /proc/self/fd/N: the very file
// already open (a rename since cannot redirect it), in a folder with no siblings to find.
#include <filesystem>
#include <optional>
#include <string>

#include <sndfile.h>

namespace samplemind::audio {

struct SndfileOpening {
  SNDFILE* file = nullptr;  // the caller closes it; nullptr when libsndfile refused the file
  SF_INFO info{};
  std::string failure;      // libsndfile's or our reason, when file is nullptr
};

// Why: the one way the decoder opens libsndfile. fd: path, already open (regular: read where
// it is; a FIFO or device: handed over as a descriptor, read once). A file named .sd2 is
// opened by name, as its format needs its resource fork, after that fork is checked (a
// regular file of at most 1 MB, or none). A file libsndfile does not recognise, named .au,
// .snd, .vox, .vox6 or .gsm, is read as the headerless telephone audio libsndfile reads by
// name for those extensions.
SndfileOpening open_with_libsndfile(const std::filesystem::path& path, int fd, bool regular);

// Why: the headerless formats libsndfile assumes from a name (8 kHz mono u-law for .au and
// .snd, Dialogic ADPCM for .vox, GSM 6.10 for .gsm); nullopt for any other name.
std::optional<SF_INFO> raw_format_for_extension(const std::filesystem::path& path);

// Why: SD2 audio keeps its rate and channels in a resource fork, which libsndfile finds by
// name (`._NAME` or `.AppleDouble/NAME`) and reads whole. What is wrong with one it would
// open (not a regular file, larger than 1 MB), or nullopt when none is or each is fine.
std::optional<std::string> resource_fork_problem(const std::filesystem::path& path);

}  // namespace samplemind::audio
