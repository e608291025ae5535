// Fuzzes what a file name states (tempo, key, root, category) and the final values it makes:
// never crashes, every statement is in range, and the name never gives a drum a key of the
// audio's or a category outside the fixed list.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "audio/category_classifier.hpp"
#include "index/find_query.hpp"
#include "metadata/filename_category.hpp"
#include "metadata/filename_statements.hpp"
#include "metadata/stated_values.hpp"
#include "statement_checks.hpp"

namespace {
// A category from the fixed list (the one `find --category` accepts), or none.
bool known_category(const std::optional<std::string>& category) {
  if (!category) return true;
  const auto& names = samplemind::find_category_names();
  return std::find(names.begin(), names.end(), *category) != names.end();
}

// An audio reading of the first byte's choosing: a category, a kind, an audio key (none for
// a drum, as the extractor leaves it) and root.
samplemind::Features audio_reading(std::uint8_t choice) {
  constexpr std::array<const char*, 7> categories = {"", "kick", "bass", "fx", "drum loop", "music loop", "pad"};
  samplemind::Features f;
  if (const char* c = categories[choice % categories.size()]; *c != '\0') f.category.emplace(c);
  f.kind = (choice & 0x80) ? "loop" : "one-shot";
  f.duration_s = 2.0;
  f.tempo_bpm_audio = (choice & 0x80) ? std::optional<double>(120.0) : std::nullopt;
  f.key.emplace("E");
  f.mode.emplace("minor");
  f.key_audio.emplace("E minor");
  f.key_confidence = 0.5;
  f.root_midi = 40;
  f.root_note.emplace("E2");
  samplemind::audio::drop_drum_key(f);  // as the extractor leaves it
  return f;
}
}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string stem(reinterpret_cast<const char*>(data) + 1, size - 1);
  samplemind::fuzz::check_statements(samplemind::metadata::statements_from_stem(stem));
  const std::string file = stem + ".wav";
  samplemind::fuzz::check_statements(samplemind::metadata::statements_from_filename(file));
  if (!known_category(samplemind::metadata::category_from_filename(file))) std::abort();

  samplemind::Features f = audio_reading(data[0]);
  samplemind::apply_file_statements(f, file, {});
  if (!known_category(f.category) || !known_category(f.category_audio)) std::abort();
  if (f.category && samplemind::audio::is_drum_category(*f.category) && f.key_source == "audio" && f.key) std::abort();
  if (f.tempo_bpm && !std::isfinite(*f.tempo_bpm)) std::abort();
  if (f.root_midi && (*f.root_midi < 0 || *f.root_midi > 127)) std::abort();
  return 0;
}
