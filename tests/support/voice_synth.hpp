#pragma once
// Generated speech-like sounds with known answers for the voice-phrase tests: voiced words
// whose pitch glides off the semitone grid or holds on it, with or without breath noise.
#include <random>
#include <utility>
#include <vector>

namespace samplemind::audio {

// A voiced sound from start_s for length_s: 12 harmonics of a pitch moving linearly from
// from_hz to to_hz, louder near a 700 Hz formant, speaking at once and dying away.
void add_voiced(std::vector<float>& out, int rate_hz, double start_s, double length_s, double from_hz, double to_hz);

// Breath and room noise under a word: white noise band-passed around 1.2 kHz (most of it
// between 150 Hz and 5 kHz, where a voice sits), shaped like add_voiced's envelope.
void add_breath(std::vector<float>& out, int rate_hz, double start_s, double length_s, double amplitude,
                std::mt19937& rng);

enum class Delivery { spoken, sung, spoken_with_noise };

// Three words of 0.3 s, 0.5 s apart, in a 1.7 s file, on D3, F3 and G3. Spoken: each word a
// third of a semitone further off that grid, falling a third of a semitone. Sung: the notes
// held. Spoken with noise: spoken, each word under breath noise (a cheap microphone).
std::vector<float> three_words(Delivery delivery, int rate_hz);

// Three words murmured around E3 in the same 1.7 s, each 0.4 semitone above the last and
// falling a third of a semitone: the frames agree on E3, but not closely enough for a held
// note. breath_amplitude > 0 adds add_breath under each word.
std::vector<float> murmur_around_e3(double breath_amplitude, int rate_hz);

// A sentence of 12 syllables without pauses in 2.6 s: each 0.18 s voiced syllable follows a
// 0.035 s breathy consonant, as fast as a groove's eighth notes. Spoken: the pitch rises
// from 120 Hz and falls back, gliding through each syllable (3 semitones up, then 4 down).
// Sung: each syllable holds a note of C major from C3, on the grid.
std::vector<float> spoken_sentence(Delivery delivery, int rate_hz);

// A sung line: eight notes of A minor on the eighths of 120 BPM, one voice throughout, with
// a 5.5 Hz vibrato of +-0.4 semitone, 50 ms slides between notes and a dip at each new
// syllable, cut 2% short of the bar (1.96 s): what a vocal loop off its bar lines sounds like.
std::vector<float> sung_line_with_vibrato(int rate_hz);

// Sung notes one after another, each (MIDI note, seconds) with a 5.5 Hz vibrato of +-0.4
// semitone, in add_voiced's voice, the whole cut to cut times its length: off the grid and
// gliding like a word, but held. {{60, 1.5}} is a vocal one-shot ("vocal ah C4");
// {{57, 0.5}, {60, 0.5}, {64, 1.0}} cut at 0.98 a sung bar at 120 BPM cut 2% short.
std::vector<float> sung_notes_with_vibrato(const std::vector<std::pair<double, double>>& notes, double cut,
                                           int rate_hz);

// Two breathy words without a pause in 1.12 s: each 0.4 s of breath, then 0.16 s voiced,
// gliding 3 semitones up from 130 Hz (the second 2.3 semitones lower). Voiced on about a
// quarter of the hops, too few for the sentence rule. voiced false: the breaths alone, each
// stretched over its word (a noisy phrase with the same two onsets and no pitch).
std::vector<float> two_breathy_words(bool voiced, int rate_hz);

// spoken_sentence(spoken) with an A4 sine held under it at drone_amplitude: the drone pulls
// the chroma towards the semitone grid while the voice still glides on top.
std::vector<float> sentence_over_drone(double drone_amplitude, int rate_hz);

}  // namespace samplemind::audio
