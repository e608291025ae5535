// Compares decoder builds: prints, for every file named (arguments, or one path per line on
// stdin with "-"), what samplemind's decoder makes of it: the format it reports, rate,
// channels, frames read, an XXH3 hash of every decoded sample, the chunk statements (ACID,
// smpl) and the error when it refuses the file. Two builds' outputs diffed show every file a
// decoder change moved (docs/reliability.md, "A file is opened once").
// Usage: decode_digest FILE... | decode_digest - < list
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <xxhash.h>

#include "audio/audio_decoder.hpp"
#include "util/display_text.hpp"

namespace {

struct StateFree {
  void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};

// "bpm=120 beats=8 root=60 unity=48 oneshot=0 basc=1", or "-" when the file states nothing.
std::string describe_loop_metadata(const std::optional<samplemind::LoopMetadata>& meta) {
  if (!meta) return "-";
  std::string text;
  if (meta->bpm) text += "bpm=" + std::to_string(*meta->bpm) + " ";
  if (meta->beats) text += "beats=" + std::to_string(*meta->beats) + " ";
  if (meta->root_midi) text += "root=" + std::to_string(*meta->root_midi) + " ";
  if (meta->unity_note_midi) text += "unity=" + std::to_string(*meta->unity_note_midi) + " ";
  text += "oneshot=" + std::to_string(meta->one_shot ? 1 : 0);
  if (meta->apple_loop) text += " basc=1";
  return text;
}

// One tab-separated line per file: the path, then either "ok" and the decode, or "error".
std::string digest_line(const std::string& path) {
  const std::string shown = samplemind::escape_control_chars(path);
  auto decoder = samplemind::AudioDecoder::open(path);
  if (!decoder) return shown + "\terror\t" + samplemind::escape_control_chars(decoder.error());
  const std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
  XXH3_64bits_reset(state.get());
  std::vector<float> block;
  long long frames = 0;
  while (const std::size_t got = decoder->read_interleaved(block, 8192)) {
    frames += static_cast<long long>(got);
    XXH3_64bits_update(state.get(), block.data(), block.size() * sizeof(float));
  }
  const samplemind::AudioInfo& info = decoder->info();
  char hash[17];
  std::snprintf(hash, sizeof(hash), "%016llx", static_cast<unsigned long long>(XXH3_64bits_digest(state.get())));
  return shown + "\tok\t" + info.format + "\t" + std::to_string(info.sample_rate) + "\t" +
         std::to_string(info.channels) + "\t" + std::to_string(frames) + "\t" + hash + "\t" +
         describe_loop_metadata(decoder->loop_metadata());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: decode_digest FILE... | decode_digest - < list\n");
    return 2;
  }
  if (std::string(argv[1]) == "-") {
    std::string path;
    while (std::getline(std::cin, path)) std::cout << digest_line(path) << '\n';
    return 0;
  }
  for (int i = 1; i < argc; ++i) std::cout << digest_line(argv[i]) << '\n';
  return 0;
}
