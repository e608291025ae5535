#pragma once
// The category a file name states ("Kick_01.wav", "Dark Pad C.wav", "funk_drum_loop_96.wav"):
// the second opinion beside the audio's category.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "model/features.hpp"

namespace samplemind::metadata {

// Why: sample packs name what a sound is; the first word that names a category decides.
// A loop word with a drum word (break, groove, beat, drum, kick ...) states a drum loop, with
// a tonal word (bass, pad, guitar ...) a music loop; "loop" alone states no category.
std::optional<std::string> category_from_filename(const std::filesystem::path& path);

// Why: the same for a name's stem alone ("Snare 101"), which may hold dots ("Bass 137.5 BPM").
std::optional<std::string> category_from_stem(std::string_view stem);

// Why: the name fills a category the audio left null, and picks among the categories of
// the audio's own family (which drum, which tonal one-shot, which loop), where it is more
// reliable than the audio; across families (a "kick" that sounds like a pad) the audio wins.
// A file the name makes a drum loses its audio key (never a stated one).
void apply_filename_category(Features& features, const std::filesystem::path& path);

}  // namespace samplemind::metadata
