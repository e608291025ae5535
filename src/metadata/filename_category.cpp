// Words to categories, then the family rule that decides between name and audio.
#include "metadata/filename_category.hpp"

#include <array>
#include <string_view>

#include "audio/category_classifier.hpp"
#include "metadata/filename_tokens.hpp"
#include "metadata/word_set.hpp"

namespace samplemind::metadata {

namespace {
struct Word {
  std::string_view word;
  std::string_view category;
};

// clang-format off
constexpr std::array k_words = {
  Word{"kick", "kick"}, Word{"kik", "kick"}, Word{"bd", "kick"}, Word{"bassdrum", "kick"}, Word{"kicks", "kick"},
  Word{"snare", "snare"}, Word{"snr", "snare"}, Word{"sd", "snare"}, Word{"rim", "snare"}, Word{"rimshot", "snare"}, Word{"snares", "snare"},
  Word{"clap", "clap"}, Word{"claps", "clap"}, Word{"handclap", "clap"}, Word{"clp", "clap"}, Word{"snap", "clap"},
  Word{"hat", "hat"}, Word{"hats", "hat"}, Word{"hh", "hat"}, Word{"hihat", "hat"}, Word{"ohh", "hat"}, Word{"chh", "hat"}, Word{"openhat", "hat"},
  Word{"cymbal", "cymbal"}, Word{"cym", "cymbal"}, Word{"crash", "cymbal"}, Word{"ride", "cymbal"}, Word{"china", "cymbal"}, Word{"splash", "cymbal"},
  Word{"tom", "tom"}, Word{"toms", "tom"}, Word{"floortom", "tom"},
  Word{"perc", "percussion"}, Word{"percussion", "percussion"}, Word{"conga", "percussion"}, Word{"bongo", "percussion"},
  Word{"shaker", "percussion"}, Word{"tambourine", "percussion"}, Word{"tamb", "percussion"}, Word{"cowbell", "percussion"},
  Word{"djembe", "percussion"}, Word{"clave", "percussion"}, Word{"woodblock", "percussion"}, Word{"triangle", "percussion"},
  Word{"tabla", "percussion"}, Word{"cajon", "percussion"}, Word{"timbale", "percussion"}, Word{"timbales", "percussion"},
  Word{"guiro", "percussion"}, Word{"maracas", "percussion"}, Word{"agogo", "percussion"}, Word{"cabasa", "percussion"},
  Word{"bass", "bass"}, Word{"sub", "bass"}, Word{"reese", "bass"}, Word{"bassline", "bass"},
  Word{"lead", "lead"}, Word{"pluck", "lead"}, Word{"arp", "lead"}, Word{"melody", "lead"}, Word{"guitar", "lead"}, Word{"flute", "lead"},
  Word{"pad", "pad"}, Word{"pads", "pad"}, Word{"drone", "pad"}, Word{"atmos", "pad"}, Word{"atmosphere", "pad"}, Word{"ambient", "pad"},
  Word{"chord", "chord"}, Word{"chords", "chord"}, Word{"keys", "chord"}, Word{"piano", "chord"}, Word{"rhodes", "chord"},
  Word{"organ", "chord"}, Word{"stab", "chord"},
  Word{"vocal", "vocal"}, Word{"vocals", "vocal"}, Word{"vox", "vocal"}, Word{"voice", "vocal"}, Word{"acapella", "vocal"}, Word{"choir", "vocal"},
  Word{"fx", "fx"}, Word{"sfx", "fx"}, Word{"riser", "fx"}, Word{"uplifter", "fx"}, Word{"downlifter", "fx"}, Word{"impact", "fx"},
  Word{"whoosh", "fx"}, Word{"sweep", "fx"}, Word{"noise", "fx"}, Word{"transition", "fx"}, Word{"foley", "fx"},
};
// clang-format on

constexpr std::array<std::string_view, 7> k_loop_words = {"loop", "loops", "break", "breakbeat", "groove", "beat", "beats"};
// Words that make a loop a drum loop ("break", "groove" and "beat" are drum words too).
constexpr std::array<std::string_view, 9> k_drum_loop_words = {"drum",      "drums",  "top",  "tops", "break",
                                                               "breakbeat", "groove", "beat", "beats"};

// The lists above as hash tables, built once.
const WordMap category_words(k_words);
const WordSet loop_words(k_loop_words);
const WordSet drum_loop_words(k_drum_loop_words);

std::string lowercase(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// drums, tonal one-shots, effects, loops: the name decides within one.
int family(std::string_view category) {
  if (category == "kick" || category == "snare" || category == "clap" || category == "hat" || category == "cymbal" ||
      category == "tom" || category == "percussion") {
    return 0;
  }
  if (category == "drum loop" || category == "music loop") return 3;
  if (category == "fx") return 2;
  return 1;
}
}  // namespace

std::optional<std::string> category_from_filename(const std::filesystem::path& path) {
  std::vector<std::string> words = tokenise_name(path.stem().string());
  for (std::string& word : words) word = lowercase(word);
  bool loop = false, drums = false;
  std::optional<std::string> named;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (loop_words.contains(word)) loop = true;
    if (drum_loop_words.contains(word)) drums = true;
    // "bass drum" is a kick, "hi hat" a hat
    if (word == "bass" && i + 1 < words.size() && words[i + 1] == "drum") {
      if (!named) named = "kick";
      continue;
    }
    if (word == "hi" && i + 1 < words.size() && words[i + 1] == "hat") {
      if (!named) named = "hat";
      continue;
    }
    if (!named) {
      if (const std::string_view category = category_words.find(word); !category.empty()) named = std::string(category);
    }
  }
  if (!loop) return named;
  // "loop" alone says nothing of what plays in it: the audio decides drum loop or music loop.
  if (drums || (named && family(*named) == 0)) return "drum loop";
  if (named && family(*named) == 1) return "music loop";
  return std::nullopt;
}

namespace {
// The kind of loop a one-shot word names, when the audio heard a loop: "rave_kick01" that
// repeats is a drum loop, "Bass 03" that repeats a music loop.
std::optional<std::string> as_loop(std::optional<std::string> named, const Features& features) {
  if (!named || !features.category || family(*features.category) != 3) return named;
  if (family(*named) == 0) return "drum loop";
  if (family(*named) == 1) return "music loop";
  return named;
}
}  // namespace

void apply_filename_category(Features& features, const std::filesystem::path& path) {
  const std::optional<std::string> named = as_loop(category_from_filename(path), features);
  if (!named) return;
  if (!features.category || (family(*features.category) == family(*named) && *features.category != *named)) {
    features.category = named;
    features.category_source = "filename";
    // A drum by its name has no key, as a drum by its audio has none; a stated key stays.
    if (features.key_source == "audio") audio::drop_drum_key(features);
  }
}

}  // namespace samplemind::metadata
