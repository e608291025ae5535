// File-name rules: a tempo is a number in range that is not a model, count or unit; a key
// needs a mode; a bare note letter is a root only where a pitched sample's name ends with it.
#include "metadata/filename_statements.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "audio/category_classifier.hpp"
#include "metadata/filename_category.hpp"
#include "metadata/filename_tokens.hpp"
#include "metadata/key_text.hpp"
#include "metadata/note_spellings.hpp"
#include "metadata/number_owners.hpp"
#include "metadata/word_set.hpp"

namespace samplemind::metadata {

namespace {

constexpr std::size_t k_max_stem_bytes = 255;   // a longer name is not a real file name
constexpr double k_min_bare_bpm = 50.0;         // a number without "bpm" must be a likely tempo
constexpr double k_max_bare_bpm = 250.0;

// Words after which a number is a measurement, not a tempo ("96 kHz", "16 bit", "8 bars").
constexpr std::string_view k_number_units[] = {
    "hz", "khz", "k", "bit", "bits", "ms", "s", "sec", "secs", "db", "dbfs", "st", "semi", "semitones",
    "cent", "cents", "bar", "bars", "beat", "beats", "step", "steps", "x", "times", "kbps", "pct",
    "percent", "ppq", "fps"};
// A name with one of these is a pitched sound: its last letter may be its root ("Pad A").
constexpr std::string_view k_pitched_words[] = {
    "bass", "basses", "bassline", "sub", "808", "reese", "piano", "pianos", "epiano", "rhodes", "pad",
    "pads", "synth", "synths", "lead", "leads", "keys", "guitar", "guitars", "guit", "gtr", "pluck", "plucks",
    "chord", "chords", "organ", "string", "strings", "vox", "vocal", "vocals", "voice", "choir", "bell",
    "bells", "brass", "horn", "horns", "flute", "sax", "violin", "cello", "arp", "stab", "stabs",
    "marimba", "mallet", "harp", "kalimba", "glock", "vibes", "sitar", "trumpet", "trombone",
    "clarinet", "tuba", "mandolin", "banjo", "ukulele", "harmonica", "accordion", "xylophone",
    "sine", "saw", "drone", "tone", "note", "wobble"};
// ...unless it is also a drum: "Bass Drum A", "Kick B" (letters there name variations).
constexpr std::string_view k_drum_words[] = {
    "kick", "kik", "bd", "snare", "snr", "sd", "clap", "hat", "hats", "hihat", "hh", "cymbal", "crash",
    "ride", "tom", "toms", "rim", "rimshot", "perc", "percussion", "drum", "drums", "shaker", "tamb",
    "tambourine", "conga", "bongo", "cowbell", "snap", "fx", "sfx", "riser", "impact", "noise", "foley"};
// A letter after one of these names a variation, not a note ("Take B", "Section A1").
constexpr std::string_view k_variation_words[] = {
    "take", "tk", "version", "ver", "var", "variation", "part", "pt", "side", "section", "mix", "alt",
    "type", "verse", "chorus", "intro", "outro", "bridge", "scene", "pattern", "pat", "bank", "group",
    "round", "robin", "rr", "layer", "vel", "velocity", "vol", "volume", "fill", "kit", "set", "mic",
    "option", "opt", "level", "zone", "hook", "break", "build", "chapter", "no", "number"};
// Chord qualities after a note: "Ebmaj7" states a chord root, not a key.
constexpr std::string_view k_chord_suffixes[] = {
    "maj7", "maj9", "m7", "m9", "m6", "min7", "min9", "mmaj7", "sus", "sus2", "sus4", "dim", "dim7",
    "aug", "add9", "madd9"};

// The lists above as hash sets, built once.
const WordSet number_units(k_number_units);
const WordSet pitched_words(k_pitched_words);
const WordSet drum_words(k_drum_words);
const WordSet variation_words(k_variation_words);
const WordSet chord_suffixes(k_chord_suffixes);

struct Word {
  std::string text;
  std::string lower;
  std::optional<double> number;  // all digits, at most one inner '.'
  bool leading_zero = false;     // "01": a count
};

// Digits with at most one inner '.'; not "1e2", "nan" or "inf", which from_chars would take.
std::optional<double> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 8 || text.front() == '.' || text.back() == '.') return std::nullopt;
  if (std::count(text.begin(), text.end(), '.') > 1) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
    return std::nullopt;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<Word> words_of(std::string_view stem) {
  std::vector<Word> words;
  for (std::string& token : with_spelled_accidentals(tokenise_name(stem))) {
    Word word;
    word.lower = lowercase_word(token);
    word.number = parse_number(token);
    word.leading_zero = word.number && token.size() > 1 && token[0] == '0' && token[1] != '.';
    word.text = std::move(token);
    words.push_back(std::move(word));
  }
  return words;
}

// One value when every candidate agrees; two different readings are no statement.
template <class T>
std::optional<T> agreed(const std::vector<T>& candidates) {
  if (candidates.empty()) return std::nullopt;
  for (const T& candidate : candidates) {
    if (!(candidate == candidates.front())) return std::nullopt;
  }
  return candidates.front();
}

// A name that states a drum hit and no loop ("Snare 101", "percussion-50") numbers the hits
// of a kit or a set: its number without "bpm" is no tempo (with "bpm" it still is).
bool names_a_drum_hit(std::string_view stem) {
  const std::optional<std::string> category = category_from_stem(stem);
  return category && audio::is_drum_hit_category(*category);
}

std::optional<double> stated_bpm(const std::vector<Word>& words, std::string_view stem) {
  std::vector<double> marked;  // "120bpm", "120 BPM", "BPM 120", "bpm120"
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& lower = words[i].lower;
    if (lower.size() > 3 && lower.ends_with("bpm")) {
      if (auto value = parse_number(std::string_view(lower).substr(0, lower.size() - 3))) marked.push_back(*value);
    } else if (lower.size() > 3 && lower.starts_with("bpm")) {
      if (auto value = parse_number(std::string_view(lower).substr(3))) marked.push_back(*value);
    } else if (lower == "bpm") {
      if (i > 0 && words[i - 1].number) {
        marked.push_back(*words[i - 1].number);
      } else if (i + 1 < words.size() && words[i + 1].number) {
        marked.push_back(*words[i + 1].number);
      }
    }
  }
  std::vector<double> in_range;
  for (double value : marked) {
    if (auto bpm = plausible_bpm(value)) in_range.push_back(*bpm);
  }
  if (!marked.empty()) return agreed(in_range);
  // A name of numbers only ("57", "57 (2)") is a sequence number: slices, takes and
  // exports are numbered so. A bare tempo needs a word beside it ("Vocal 100").
  if (std::all_of(words.begin(), words.end(), [](const Word& w) { return w.number.has_value(); })) return std::nullopt;
  std::vector<double> bare;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& word = words[i];
    if (!word.number || word.leading_zero || *word.number < k_min_bare_bpm || *word.number > k_max_bare_bpm) continue;
    if (i > 0 && owns_number(words[i - 1].lower, *word.number)) continue;
    if (i + 1 < words.size() && number_units.contains(words[i + 1].lower)) continue;
    if (auto bpm = plausible_bpm(*word.number)) bare.push_back(*bpm);
  }
  // Read the name's category (a second tokenisation) only for a name it could change.
  if (bare.empty() || names_a_drum_hit(stem)) return std::nullopt;
  return agreed(bare);
}

struct NoteFindings {
  std::vector<StatedKey> keys;
  std::vector<StatedRoot> roots;
};

// Index of the last word that is neither a number nor a tempo: where a closing letter sits.
std::optional<std::size_t> last_word_index(const std::vector<Word>& words) {
  for (std::size_t i = words.size(); i-- > 0;) {
    const std::string& lower = words[i].lower;
    if (words[i].number || lower == "bpm" || (lower.size() > 3 && lower.ends_with("bpm"))) continue;
    return i;
  }
  return std::nullopt;
}

// The word before word i is "key", or the two before are "key of".
bool after_key_word(const std::vector<Word>& words, std::size_t i) {
  if (i >= 1 && words[i - 1].lower == "key") return true;
  return i >= 2 && words[i - 1].lower == "of" && words[i - 2].lower == "key";
}

NoteFindings stated_notes(const std::vector<Word>& words) {
  bool pitched = false, drum = false;
  for (const Word& word : words) {
    pitched = pitched || pitched_words.contains(word.lower);
    drum = drum || drum_words.contains(word.lower);
  }
  const bool melodic = pitched && !drum;
  const auto last = last_word_index(words);
  NoteFindings found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view text = words[i].text;
    const auto note = parse_note_prefix(text);
    if (!note) continue;
    const bool after_variation_word = i > 0 && variation_words.contains(words[i - 1].lower);
    const std::string_view rest = text.substr(note->length);
    // A strong note: capital letter or '#' ("Bb", "F#"), never "bb", "eb" (words, not notes).
    const bool strong = note->upper_letter || (note->accidental && text[1] == '#');
    if (rest.empty()) {
      if (i + 1 < words.size()) {  // "A minor", "C# Major", "Bb min"
        if (auto minor = parse_mode_word(words[i + 1].text, true); minor && words[i + 1].lower != "m") {
          found.keys.push_back({note->pitch_class, *minor});
          ++i;
          continue;
        }
      }
      if (after_key_word(words, i)) {  // "key F#", "Key of A": a key whose mode the name leaves open
        found.keys.push_back({note->pitch_class, std::nullopt});
        continue;
      }
      if (after_variation_word) continue;
      const bool closing_letter = !note->accidental && melodic && last && *last == i;
      if ((note->accidental && strong) || closing_letter) found.roots.push_back({note->pitch_class, std::nullopt});
    } else if (const auto octave = octave_digit(rest)) {  // "C3", "F#2", "C4v1"
      if (after_variation_word || !(strong || note->accidental || melodic)) continue;
      if (auto root = root_from_midi((*octave + 1) * 12 + note->pitch_class)) found.roots.push_back(*root);
    } else if (auto minor = parse_mode_word(rest, true)) {  // "Am", "F#min", "Cmaj"; not "am", "FM"
      if (rest == "m" && !strong && !note->accidental) continue;
      if (rest == "m" && i > 0 && words[i - 1].lower == "i") continue;  // "I Am Free": the verb, not A minor
      if (rest == "m" && note->accidental && text[1] == 'b' && !note->upper_letter) continue;  // "abm"
      found.keys.push_back({note->pitch_class, *minor});
    } else if (chord_suffixes.contains(lowercase_word(rest)) && (strong || note->accidental || melodic)) {  // "Ebmaj7", "guit_em9"
      found.roots.push_back({note->pitch_class, std::nullopt});
    }
  }
  return found;
}

// Roots with octaves outrank bare pitch classes of the same note; disagreement is nothing.
std::optional<StatedRoot> agreed_root(const std::vector<StatedRoot>& roots) {
  std::vector<StatedRoot> with_octave;
  for (const StatedRoot& root : roots) {
    if (root.midi) with_octave.push_back(root);
  }
  const auto exact = agreed(with_octave);
  if (!with_octave.empty() && !exact) return std::nullopt;
  for (const StatedRoot& root : roots) {
    if (root.pitch_class != roots.front().pitch_class) return std::nullopt;
  }
  if (exact) return exact;
  return roots.empty() ? std::nullopt : std::optional<StatedRoot>(roots.front());
}

}  // namespace

FileStatements statements_from_stem(std::string_view stem) {
  FileStatements statements;
  if (stem.size() > k_max_stem_bytes) stem = stem.substr(0, k_max_stem_bytes);
  const std::vector<Word> words = words_of(normalise_accidentals(stem));
  if ((statements.bpm = stated_bpm(words, stem))) statements.bpm_source = StatementSource::filename;
  const NoteFindings notes = stated_notes(words);
  if ((statements.key = agreed(notes.keys))) statements.key_source = StatementSource::filename;
  if ((statements.root = agreed_root(notes.roots))) statements.root_source = StatementSource::filename;
  return statements;
}

FileStatements statements_from_filename(const std::filesystem::path& path) {
  return statements_from_stem(path.stem().native());
}

}  // namespace samplemind::metadata
