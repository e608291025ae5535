#pragma once
// Continuous speech: a sentence spoken without pauses. Its syllables come as fast as a
// groove's hits, so the phrase rules (voice_phrase.hpp), which ask for pauses and few
// sounds, let it by; its pitch tells it apart: there most of the time, always moving, and
// in syllable-long stretches (a singer holds her notes). Version 27 adds a word or two
// without a pause, and a sentence whose voice lies near the grid, for the tempo.
#include <optional>
#include <span>

#include "audio/level_shape.hpp"
#include "audio/pitch_contour.hpp"
#include "audio/timbre_stage.hpp"

namespace samplemind::audio {

// Why: the pitch track costs a pass over the head, worth it only for a sound that could
// be speech at all: off the semitone grid (tuning_concentration, chroma_stage.hpp) and in
// the voice band (voice_phrase.hpp).
bool could_be_continuous_speech(double tuning_concentration, const TimbreSummary& timbre);

// Why: the tempo stage reads a spoken sentence's syllables as a loop (28% of a set of
// spoken descriptions never tuned on); a voiced glide over most of the sound is a voice.
bool sounds_like_continuous_speech(const VoicedGlide& glide);

// The two above on a head at the analysis rate: pitch_contour is run only when the first holds.
bool head_sounds_like_continuous_speech(std::span<const float> head, double tuning_concentration,
                                        const TimbreSummary& timbre);

// Why: a sentence's voice can land near the semitone grid by chance (a quarter of the
// sentences that kept a tempo in version 26 sat between the grid line and 0.2); a loop sits
// on it (their median: 0.44). The tempo takes this wider line, the key, root and category
// keep the grid line: a played tune that glides (two ABC tunes) keeps its key.
bool could_be_sentence_near_grid(double tuning_concentration, const TimbreSummary& timbre);

// Why: a word or two spoken without a pause (a recording trimmed tight) leaves the phrase
// rules no silence, yet has fewer sounds than a bar of beats; off the grid and in the voice
// band it may be a voice or a noisy synth phrase (a few onsets in a wash of noise).
bool could_be_few_words(const LevelShape& levels, double tuning_concentration, const TimbreSummary& timbre);

// Why: ... and what tells the voice: a sixth of its audible hops voiced at the least (the
// noisy synth phrases are under a tenth), a pitch that glides as the sentence rule asks (a
// ringing snare is voiced, but its pitch holds), in syllables, not held notes (a sung note or
// phrase with a deep vibrato glides as much): the sentence rule with a lower voiced line.
bool voiced_like_words(const VoicedGlide& glide);

// Why: most sounds off the grid and in the band are drum loops cut at whole bars, whose
// features the answer cannot change; the extractor asks only when it can, and the pitch is
// tracked at most once per file.
class ContinuousSpeechCheck {
 public:
  // head, tuning_concentration and timbre as head_sounds_like_continuous_speech takes them;
  // head and timbre must outlive the check.
  ContinuousSpeechCheck(std::span<const float> head, double tuning_concentration, const TimbreSummary& timbre)
      : head_(head), tuning_concentration_(tuning_concentration), timbre_(timbre) {}
  // head_sounds_like_continuous_speech: the line for the key, root and category.
  bool operator()();
  // The tempo's line: a sentence near the grid (could_be_sentence_near_grid), or a few voiced
  // words without pauses (few_words).
  bool drops_pulse(const LevelShape& levels);
  // The key's and root's line: the sentence (operator()), or a few voiced words.
  bool drops_pitch(const LevelShape& levels);

 private:
  // could_be_few_words and voiced_like_words: the contour is tracked only when the first holds.
  bool few_words(const LevelShape& levels);
  const VoicedGlide& glide();

  std::span<const float> head_;
  double tuning_concentration_;
  const TimbreSummary& timbre_;
  std::optional<VoicedGlide> glide_;
};

}  // namespace samplemind::audio
