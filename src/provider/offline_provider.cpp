// Shapes the offline rules into one JSON answer per analysis type, with every field
// the type requires, so offline runs look like hosted ones to the rest of the tool.
#include "provider/offline_provider.hpp"

#include <functional>
#include <map>

#include <fmt/format.h>

#include "provider/offline_rules.hpp"
#include "model/musical_key.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;
using Builder = std::function<json(const OfflineFacts&)>;

constexpr double k_club_target_lufs = -8.0;
constexpr double k_streaming_target_lufs = -14.0;
constexpr double k_hot_peak_dbfs = -0.3;

std::string role_of(const OfflineFacts& f) {
  if (f.category == "drum loop") return "rhythmic loop";
  if (f.category == "music loop") return f.key.empty() ? "texture loop" : "melodic loop";
  if (f.category == "kick" || f.category == "snare" || f.category == "clap" || f.category == "hat" ||
      f.category == "cymbal" || f.category == "tom" || f.category == "percussion") {
    return "drum hit";
  }
  if (f.category == "fx") return "effect";
  if (!f.category.empty()) return "pitched one-shot";
  return f.kind == "loop" ? "loop" : "one-shot";
}

json genre_json(const GenreGuess& guess) { return guess.genre ? json(*guess.genre) : json(nullptr); }

std::string summary_of(const OfflineFacts& f) {
  const GenreGuess genre = guess_genre(f);
  const std::string tempo = f.tempo_bpm ? fmt::format(" at {:.0f} BPM", *f.tempo_bpm) : "";
  const std::string key = f.key.empty() ? "" : fmt::format(" in {} {}", f.key, f.mode);
  const std::string genre_text = genre.genre ? fmt::format(", typical of {}", *genre.genre) : "";
  return fmt::format("A {} {}{}{} ({:.1f} s){}. Heuristic reading of the measured features.", guess_mood(f),
                     category_phrase(f), tempo, key, f.duration_s, genre_text);
}

std::vector<std::string> instruments_of(const OfflineFacts& f) {
  if (f.category == "drum loop") return {"drums"};
  if (f.category == "music loop") return {"mixed instruments"};
  if (f.category.empty()) return {};
  return {category_phrase(f)};
}

std::string eq_advice(const OfflineFacts& f) {
  if (f.brightness_hz >= 3000.0) return "Tame harshness with a gentle cut around 3-5 kHz; high-pass below 100 Hz.";
  if (f.brightness_hz > 0.0 && f.brightness_hz < 1500.0) return "Clean up mud around 200-400 Hz; add air with a shelf above 8 kHz.";
  return "High-pass below 40 Hz and make small cuts rather than boosts.";
}

std::string compression_advice(const OfflineFacts& f) {
  if (f.energy >= 0.6) return "Already dense: ratio 2:1, slow attack (30 ms), auto release, 1-2 dB of gain reduction.";
  return "Ratio 3:1, attack 10 ms, release 100 ms, aim for 3-4 dB of gain reduction to add punch.";
}

const std::map<std::string, Builder>& builders() {
  static const std::map<std::string, Builder> table = {
      {"quick_analysis", [](const OfflineFacts& f) {
         return json{{"summary", summary_of(f)}, {"genre", genre_json(guess_genre(f))}, {"mood", guess_mood(f)},
                     {"tags", search_tags(f)}};
       }},
      {"comprehensive_analysis", [](const OfflineFacts& f) {
         const std::string loud = f.loudness_lufs > -10.0 ? "loud and dense" : f.loudness_lufs < -20.0 ? "quiet with headroom" : "moderately loud";
         return json{{"summary", summary_of(f)}, {"genre", genre_json(guess_genre(f))}, {"mood", guess_mood(f)},
                     {"instruments", instruments_of(f)},
                     {"production_notes", fmt::format("{} ({:.0f} LUFS, peak {:.0f} dBFS), {}; {}", loud,
                                                       f.loudness_lufs, f.peak_dbfs, f.channels, eq_advice(f))},
                     {"tags", search_tags(f)}};
       }},
      {"production_coaching", [](const OfflineFacts& f) {
         std::vector<std::string> strengths = {fmt::format("Clear {} character", guess_mood(f))};
         if (f.tempo_bpm) strengths.push_back("Steady tempo, easy to sync");
         if (!f.key.empty()) strengths.push_back(fmt::format("Defined tonal centre ({} {})", f.key, f.mode));
         std::vector<std::string> improvements;
         if (f.peak_dbfs > k_hot_peak_dbfs) improvements.push_back("Peaks touch 0 dBFS: leave headroom");
         if (f.loudness_lufs < -20.0) improvements.push_back("Quiet: gain-stage it up before processing");
         improvements.push_back(eq_advice(f));
         return json{{"strengths", strengths}, {"improvements", improvements},
                     {"next_steps", {"Audition it against a reference track in the same genre",
                                     compression_advice(f)}}};
       }},
      {"creative_suggestions", [](const OfflineFacts& f) {
         const GenreGuess guess = guess_genre(f);
         const std::string genre = guess.genre ? *guess.genre + " " : "";
         return json{{"ideas", {fmt::format("Chop it into a new {}groove", genre), "Reverse it as a riser into a drop",
                                "Resample it pitched down an octave for a darker variation"}},
                     {"layering", f.key.empty() ? std::vector<std::string>{"a tonal pad in the track's key", "a sub bass"}
                                                : std::vector<std::string>{"a percussion loop", fmt::format("a pad in {}", f.camelot)}},
                     {"processing", {"Saturation for warmth", "Filter automation over 8 bars", "Short stereo delay"}}};
       }},
      {"fl_studio_optimization", [](const OfflineFacts& f) {
         return json{{"plugins", {"Fruity Parametric EQ 2", "Fruity Limiter", "Fruity Reeverb 2", "Gross Beat"}},
                     {"mixer_chain", {"Fruity Parametric EQ 2 (clean-up)", "Fruity Limiter (compressor mode)",
                                      "Fruity Reeverb 2 on a send"}},
                     {"tips", {f.tempo_bpm ? fmt::format("Set the project tempo to {:.0f} BPM and use Stretch mode 'Resample'", *f.tempo_bpm)
                                           : std::string("Load it in a Sampler channel and map it to a pad"),
                               f.kind == "loop" ? "Slice it with Slicex for re-sequencing" : "Use the channel's pitch envelope for variations"}}};
       }},
      {"mixing_mastering", [](const OfflineFacts& f) {
         const double target = f.energy >= 0.6 ? k_club_target_lufs : k_streaming_target_lufs;
         return json{{"eq", eq_advice(f)}, {"compression", compression_advice(f)}, {"loudness_target_lufs", target},
                     {"notes", fmt::format("Measured {:.0f} LUFS with peaks at {:.0f} dBFS; keep true peaks below -1 dBTP.",
                                           f.loudness_lufs, f.peak_dbfs)}};
       }},
      {"genre_classification", [](const OfflineFacts& f) {
         const GenreGuess guess = guess_genre(f);
         return json{{"genre", genre_json(guess)}, {"subgenres", guess.subgenres}, {"confidence", guess.confidence},
                     {"mood", guess_mood(f)}, {"tags", search_tags(f)}};
       }},
      {"harmonic_analysis", [](const OfflineFacts& f) {
         return json{{"key", f.key.empty() ? json(nullptr) : json(f.key)},
                     {"mode", f.mode.empty() ? json(nullptr) : json(f.mode)},
                     {"camelot", f.camelot.empty() ? json(nullptr) : json(f.camelot)},
                     {"compatible_keys", compatible_camelot_codes(f.camelot)},
                     {"notes", f.key.empty() ? "No stable tonal centre: usable in any key."
                                             : fmt::format("Mixes harmonically with {} and its neighbours on the Camelot wheel.", f.camelot)}};
       }},
      {"rhythm_analysis", [](const OfflineFacts& f) {
         const std::string groove = f.onset_rate >= 6.0 ? "busy" : f.onset_rate >= 2.0 ? "steady" : "sparse";
         return json{{"tempo_bpm", f.tempo_bpm ? json(*f.tempo_bpm) : json(nullptr)}, {"tempo_band", tempo_band(f)},
                     {"groove", groove},
                     {"notes", fmt::format("{:.1f} onsets per second over {:.1f} s.", f.onset_rate, f.duration_s)}};
       }},
      {"arrangement_advice", [](const OfflineFacts& f) {
         const bool hot = f.energy >= 0.6;
         return json{{"role", role_of(f)},
                     {"sections", hot ? std::vector<std::string>{"drop", "chorus"}
                                      : std::vector<std::string>{"intro", "breakdown", "outro"}},
                     {"notes", hot ? "High energy: save it for the peak sections." : "Low energy: use it to build or release tension."}};
       }},
  };
  return table;
}
}  // namespace

json offline_answer(const AnalysisType& type, const NormalizedFeatures& features) {
  const OfflineFacts facts = read_facts(features);
  json answer = json::object();
  if (auto it = builders().find(type.name); it != builders().end()) answer = it->second(facts);
  // An unknown or extended type still gets every field it requires.
  for (const auto& field : type.required_fields) {
    if (!answer.contains(field)) answer[field] = summary_of(facts);
  }
  answer["heuristic"] = true;  // rules over measured features, not a listening judgement (docs/offline.md)
  return answer;
}

ProviderOutcome OfflineProvider::analyze(const ProviderRequest& request) {
  ProviderAnswer answer;
  answer.result = offline_answer(request.type, request.features);
  return answer;
}

}  // namespace samplemind
