#pragma once
// Owners for aubio's C vectors: a handle gets an owner the moment it exists. (Objects that
// plan FFTs, like aubio_mfcc_t, are created and destroyed under fft_planner_mutex(), in
// real_fft.hpp, by their stage.)
#include <memory>

#include <aubio/aubio.h>

#include "audio/real_fft.hpp"

namespace samplemind::audio {

struct FvecDeleter { void operator()(fvec_t* v) const { del_fvec(v); } };
struct CvecDeleter { void operator()(cvec_t* v) const { del_cvec(v); } };

using FvecPtr = std::unique_ptr<fvec_t, FvecDeleter>;
using CvecPtr = std::unique_ptr<cvec_t, CvecDeleter>;

}  // namespace samplemind::audio
