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
// it is; a device: handed over as a descriptor, read once; the decoder copies a FIFO into a
// file first, audio/stream_spool). A file named .sd2 goes through audio/sd2_open, which
// hands libsndfile its resource fork, checked, in a private folder. A file libsndfile does not recognise, named .au, .snd, .vox, .vox6 or .gsm, is read
// as the headerless telephone audio libsndfile reads by name for those extensions.
SndfileOpening open_with_libsndfile(const std::filesystem::path& path, int fd, bool regular);

// Why: the headerless formats libsndfile assumes from a name (8 kHz mono u-law for .au and
// .snd, Dialogic ADPCM for .vox, GSM 6.10 for .gsm); nullopt for any other name.
std::optional<SF_INFO> raw_format_for_extension(const std::filesystem::path& path);

// Why: libsndfile on an open descriptor, by the name /proc/self/fd/N where /proc is mounted
// (the very file, in a folder where no resource-fork name can exist); otherwise, and for a
// FIFO or device (read once, from where it is: reopening a FIFO could wait for a writer that
// is gone), the bare descriptor, for which libsndfile may look for `._` in the working folder.
SNDFILE* open_descriptor_with_libsndfile(int fd, bool regular, SF_INFO& info);

// Why: whether /proc/self/fd names open descriptors here; asked once per process.
bool proc_self_fd_available();

}  // namespace samplemind::audio
