#pragma once
// The 'basc' chunk of an Apple Loops AIFF file: how many beats the file holds, its key note,
// its scale and its meter, as Apple's loop tools write them. The layout is not published;
// docs/metadata.md ("Apple Loops") gives the fields as read here. Every value is hostile.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>

namespace samplemind::audio {

enum class AppleLoopScale { minor, major, neither, both, unknown };

struct AppleLoopChunk {
  std::uint32_t beats = 0;          // over the whole file, in the meter's unit
  std::optional<int> key_midi;      // the key note as written (48..59 = C..B); absent: 0, "no key"
  AppleLoopScale scale = AppleLoopScale::unknown;
  int meter_numerator = 0;
  int meter_denominator = 0;
  bool one_shot = false;            // the loop-type field: played once, never stretched
  std::optional<double> bpm;        // beats over the file's length, for a meter in quarter notes
};

// Why: the fields from the chunk's body (big endian), so a test or a fuzzer needs no file.
// nullopt when the body is shorter than the 16 bytes that hold the beats, key, scale and meter.
std::optional<AppleLoopChunk> parse_apple_loop_chunk(std::span<const unsigned char> body);

// Why: libsndfile reads this chunk too, but reports its "no key" (0) as the note C-1 and
// drops the scale. Walks the FORM chunk list of the AIFF file at path (bounded reads, at most
// 64 chunks) and parses the first 'basc'; the tempo is its beats over duration_s, and only
// for a meter counted in quarter notes (x/4), where beats and the tempo's beat are the same.
std::optional<AppleLoopChunk> read_apple_loop_chunk(const std::filesystem::path& path, double duration_s);
// Why: the decoder reads the chunk from the file it opened, not from whatever the name now
// points to. fd is only read (pread), never closed.
std::optional<AppleLoopChunk> read_apple_loop_chunk(int fd, double duration_s);

}  // namespace samplemind::audio
