#pragma once
// Every stage except loudness and peak runs at one fixed internal rate, so results
// do not depend on the file's sample rate (aubio's tempo once halved at 22.05 kHz).
namespace samplemind::audio {

constexpr int k_analysis_rate_hz = 22050;

}  // namespace samplemind::audio
