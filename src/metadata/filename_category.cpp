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
  Word{"cymbals", "cymbal"}, Word{"crashes", "cymbal"}, Word{"rides", "cymbal"},
  Word{"cymbal", "cymbal"}, Word{"cym", "cymbal"}, Word{"crash", "cymbal"}, Word{"ride", "cymbal"}, Word{"china", "cymbal"}, Word{"splash", "cymbal"},
  Word{"tom", "tom"}, Word{"toms", "tom"}, Word{"floortom", "tom"},
  Word{"percs", "percussion"}, Word{"shakers", "percussion"}, Word{"congas", "percussion"}, Word{"bongos", "percussion"},
  Word{"perc", "percussion"}, Word{"percussion", "percussion"}, Word{"conga", "percussion"}, Word{"bongo", "percussion"},
  Word{"shaker", "percussion"}, Word{"tambourine", "percussion"}, Word{"tamb", "percussion"}, Word{"cowbell", "percussion"},
  Word{"djembe", "percussion"}, Word{"clave", "percussion"}, Word{"woodblock", "percussion"}, Word{"triangle", "percussion"},
  Word{"tabla", "percussion"}, Word{"cajon", "percussion"}, Word{"timbale", "percussion"}, Word{"timbales", "percussion"},
  Word{"guiro", "percussion"}, Word{"maracas", "percussion"}, Word{"agogo", "percussion"}, Word{"cabasa", "percussion"},
  Word{"basses", "bass"}, Word{"leads", "lead"}, Word{"plucks", "lead"}, Word{"arps", "lead"}, Word{"melodies", "lead"},
  Word{"guitars", "lead"}, Word{"drones", "pad"}, Word{"stabs", "chord"}, Word{"organs", "chord"},
  Word{"bass", "bass"}, Word{"sub", "bass"}, Word{"reese", "bass"}, Word{"bassline", "bass"},
  Word{"lead", "lead"}, Word{"pluck", "lead"}, Word{"arp", "lead"}, Word{"melody", "lead"}, Word{"guitar", "lead"}, Word{"guit", "lead"}, Word{"flute", "lead"},
  Word{"pad", "pad"}, Word{"pads", "pad"}, Word{"strings", "pad"}, Word{"drone", "pad"}, Word{"atmos", "pad"}, Word{"atmosphere", "pad"}, Word{"ambient", "pad"},
  Word{"chord", "chord"}, Word{"chords", "chord"}, Word{"keys", "chord"}, Word{"piano", "chord"}, Word{"rhodes", "chord"},
  Word{"organ", "chord"}, Word{"stab", "chord"},
  Word{"adlib", "vocal"}, Word{"adlibs", "vocal"}, Word{"chant", "vocal"},
  Word{"vocal", "vocal"}, Word{"vocals", "vocal"}, Word{"vox", "vocal"}, Word{"voice", "vocal"}, Word{"acapella", "vocal"}, Word{"choir", "vocal"},
  Word{"risers", "fx"}, Word{"impacts", "fx"}, Word{"sweeps", "fx"}, Word{"vinyl", "fx"}, Word{"scratch", "fx"},
  Word{"crackle", "fx"}, Word{"hiss", "fx"},
  Word{"fx", "fx"}, Word{"sfx", "fx"}, Word{"riser", "fx"}, Word{"uplifter", "fx"}, Word{"downlifter", "fx"}, Word{"impact", "fx"},
  Word{"whoosh", "fx"}, Word{"woosh", "fx"}, Word{"swoosh", "fx"}, Word{"sweep", "fx"}, Word{"noise", "fx"}, Word{"transition", "fx"}, Word{"foley", "fx"},
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

// 0 drums, 1 tonal one-shots, 2 effects, 3 loops: the families the name rules weigh.
int family(std::string_view category) {
  if (audio::is_drum_hit_category(category)) return 0;
  if (category == "drum loop" || category == "music loop") return 3;
  if (category == "fx") return 2;
  return 1;
}

// What one name says: its first category word, the first word of each one-shot family
// (drums, tonal, effects), and whether it holds a loop word and a drum word.
struct NameReading {
  std::optional<std::string> first;
  std::array<std::optional<std::string>, 3> first_of_family;
  bool loop = false;
  bool drums = false;

  void name(std::string_view category) {
    if (!first) first = std::string(category);
    auto& slot = first_of_family[static_cast<std::size_t>(family(category))];
    if (!slot) slot = std::string(category);
  }
  // The one family its category words name, or -1 for none or several ("noise tom").
  int only_family() const {
    int found = -1;
    for (int f = 0; f < 3; ++f) {
      if (!first_of_family[static_cast<std::size_t>(f)]) continue;
      if (found >= 0) return -1;
      found = f;
    }
    return found;
  }
  // What the name states on its own: the kind of loop with a loop word, else its first category.
  std::optional<std::string> stated() const { return loop ? loop_kind() : first; }
  // The kind of loop the words name: a drum word, else a tonal word; "loop" alone, none.
  std::optional<std::string> loop_kind() const {
    if (drums || first_of_family[0]) return "drum loop";
    if (first_of_family[1]) return "music loop";
    return std::nullopt;
  }
};

NameReading read_name(std::string_view stem) {
  std::vector<std::string> words = tokenise_name(stem);
  for (std::string& word : words) word = lowercase_word(word);
  NameReading reading;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const std::string_view next = i + 1 < words.size() ? std::string_view(words[i + 1]) : std::string_view();
    if (loop_words.contains(word)) reading.loop = true;
    if (drum_loop_words.contains(word)) reading.drums = true;
    // "bass drum" and "drum bass" are kicks, "hi hat" a hat, "sub drop" an effect: the pair is one word
    if ((word == "bass" && next == "drum") || (word == "drum" && next == "bass")) {
      reading.name("kick");
      ++i;
      continue;
    }
    if (word == "hi" && next == "hat") {
      reading.name("hat");
      ++i;
      continue;
    }
    if (word == "sub" && next == "drop") {  // an EDM effect: a falling sub boom, not a bass note
      reading.name("fx");
      ++i;
      continue;
    }
    if (const std::string_view category = category_words.find(word); !category.empty()) reading.name(category);
  }
  return reading;
}

// What the name makes of the audio's category (null: the audio's stands).
std::optional<std::string> named_over(const NameReading& name, const Features& features) {
  const std::optional<std::string>& audio = features.category;
  if (!audio) return name.stated();
  const int audio_family = family(*audio);
  // A loop by its audio: the name tells which kind ("rave_kick01" that repeats is a drum loop).
  if (audio_family == 3) return name.loop_kind();
  // Within the audio's family the name's word of that family decides ("noise tom": a tom).
  if (const auto& same = name.first_of_family[static_cast<std::size_t>(audio_family)]) return same;
  // A loop the audio named like a one-shot (a held bass line: "bass"): the name's kind of loop.
  if (features.kind == "loop") return name.loop_kind();
  // Across families only a name with one meaning does ("Crash18" heard as a bass note).
  if (const int only = name.only_family(); only >= 0) return name.first_of_family[static_cast<std::size_t>(only)];
  return std::nullopt;
}
}  // namespace

std::optional<std::string> category_from_filename(const std::filesystem::path& path) {
  return category_from_stem(path.stem().string());
}

std::optional<std::string> category_from_stem(std::string_view stem) { return read_name(stem).stated(); }

void apply_filename_category(Features& features, const std::filesystem::path& path) {
  const std::optional<std::string> named = named_over(read_name(path.stem().string()), features);
  if (!named || named == features.category) return;
  features.category = named;
  features.category_source = "filename";
  // A drum by its name carries what a drum by its audio does: no audio key, and no audio
  // root for a hat, cymbal, snare or clap.
  audio::drop_drum_key(features);
  audio::drop_unpitched_drum_root(features);
}

}  // namespace samplemind::metadata
