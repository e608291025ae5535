// Decodes a file block by block with the analysing decoder and hashes every sample.
#include "metadata/decoded_audio_digest.hpp"

#include <memory>
#include <vector>

#include <xxhash.h>

#include "audio/audio_decoder.hpp"

namespace samplemind::metadata {

namespace {
constexpr std::size_t k_block_frames = 65536;

struct StateFree {
  void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};
}  // namespace

Result<DecodedAudioDigest> decoded_audio_digest(const std::filesystem::path& path) {
  auto decoder = AudioDecoder::open(path);
  if (!decoder) return Error{"its audio cannot be checked: " + decoder.error()};
  const std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
  if (!state || XXH3_64bits_reset(state.get()) == XXH_ERROR) return Error{"its audio cannot be checked: out of memory"};
  DecodedAudioDigest digest;
  digest.sample_rate = decoder->info().sample_rate;
  digest.channels = decoder->info().channels;
  std::vector<float> block;
  while (const std::size_t frames = decoder->read_interleaved(block, k_block_frames)) {
    digest.frames += frames;
    if (XXH3_64bits_update(state.get(), block.data(), block.size() * sizeof(float)) == XXH_ERROR) {
      return Error{"its audio cannot be checked: hashing failed"};
    }
  }
  digest.samples_hash = XXH3_64bits_digest(state.get());
  return digest;
}

}  // namespace samplemind::metadata
