#pragma once
// What a file sounds like to samplemind, as one comparable value: the format the decoder
// reports and an XXH3 hash of every decoded sample. `samplemind tag` takes it before and after
// saving tags into its copy, so a save that touched the audio (for any reason, in any format)
// is caught by the decoder that analyses the file, not by TagLib's own view of it.
#include <cstdint>
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace samplemind::metadata {

struct DecodedAudioDigest {
  int sample_rate = 0;
  int channels = 0;
  std::uint64_t frames = 0;
  std::uint64_t samples_hash = 0;  // XXH3-64 of the decoded float samples, interleaved
  bool operator==(const DecodedAudioDigest&) const = default;
};

// Why: the tag writer's proof that only tag bytes changed. An error when the file does not
// decode (its audio cannot be checked, so its tags are not written).
Result<DecodedAudioDigest> decoded_audio_digest(const std::filesystem::path& path);

}  // namespace samplemind::metadata
