#pragma once
// Continuous speech: a sentence spoken without pauses. Its syllables come as fast as a
// groove's hits, so the phrase rules (voice_phrase.hpp), which ask for pauses and few
// sounds, let it by; its pitch tells it apart: there most of the time, always moving, and
// in syllable-long stretches (a singer holds her notes).
#include <optional>
#include <span>

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

// Why: most sounds off the grid and in the band are drum loops cut at whole bars, whose
// features the answer cannot change; the extractor asks only when it can, and at most once.
class ContinuousSpeechCheck {
 public:
  // head, tuning_concentration and timbre as head_sounds_like_continuous_speech takes them;
  // head and timbre must outlive the check.
  ContinuousSpeechCheck(std::span<const float> head, double tuning_concentration, const TimbreSummary& timbre)
      : head_(head), tuning_concentration_(tuning_concentration), timbre_(timbre) {}
  // head_sounds_like_continuous_speech, run on the first call.
  bool operator()() {
    if (!answer_) answer_ = head_sounds_like_continuous_speech(head_, tuning_concentration_, timbre_);
    return *answer_;
  }

 private:
  std::span<const float> head_;
  double tuning_concentration_;
  const TimbreSummary& timbre_;
  std::optional<bool> answer_;
};

}  // namespace samplemind::audio
