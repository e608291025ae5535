// Reads a file into the extractor: one streaming decode pass (two when its channels cancel
// in the mono fold), then what the file's content states (tags, ACID, Apple Loops, smpl).
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/tempo_estimator.hpp"
#include "metadata/chunk_statements.hpp"
#include "metadata/file_statements.hpp"
#include "metadata/stated_values.hpp"
#include "metadata/tag_statements.hpp"

namespace samplemind {

namespace {
StatedValues content_statements(const std::filesystem::path& path, const std::optional<LoopMetadata>& chunks) {
  metadata::StatementsBySource sources;
  sources.tag = metadata::read_tag_statements(path);
  if (chunks) {
    sources.acid = metadata::acid_statements(*chunks);
    sources.basc = metadata::basc_statements(*chunks);
    sources.smpl = metadata::smpl_statements(*chunks);
  }
  return to_stated_values(metadata::combine_statements(sources));
}
}  // namespace

Result<StatedValues> read_content_statements(const std::filesystem::path& path) {
  try {
    auto decoder = AudioDecoder::open(path);  // the header and chunks only: no frame is read
    if (!decoder) return Error{decoder.error()};
    return content_statements(path, decoder->loop_metadata());
  } catch (const std::exception& error) {
    return Error{std::string("reading what the file states failed: ") + error.what()};
  }
}

namespace {
// One decode pass of the file into a fresh extractor; `signs` folds its channels (none: as
// they are). The extractor comes back unfinished, so the caller can ask whether they cancel.
Result<std::unique_ptr<FeatureExtractor>> decode_into_extractor(const std::filesystem::path& path,
                                                                const std::vector<float>& signs,
                                                                std::optional<LoopMetadata>& chunks) {
  auto decoder = AudioDecoder::open(path);
  if (!decoder) return Error{decoder.error()};
  const AudioInfo& info = decoder->info();
  auto extractor = std::make_unique<FeatureExtractor>(info.sample_rate, info.channels);
  if (!signs.empty()) extractor->set_channel_signs(signs);
  chunks = decoder->loop_metadata();
  if (chunks) extractor->set_loop_metadata(*chunks);
  std::vector<float> block;
  std::int64_t total = 0;
  while (const std::size_t frames = decoder->read_interleaved(block, k_decode_block_frames)) {
    extractor->push_interleaved(block);
    total += static_cast<std::int64_t>(frames);
  }
  if (total == 0) return Error{"file has no audio frames"};
  // A few stray NaN or infinite samples are zeroed and the sound analysed; a file made mostly
  // of them is damaged, and reading it as silence would hide that.
  if (decoder->non_finite_samples() * 2 > decoder->samples_read()) {
    return Error{std::to_string(decoder->non_finite_samples()) + " of " + std::to_string(decoder->samples_read()) +
                 " samples are not finite numbers (NaN or infinity, or too large for a float):"
                 " the audio data is damaged"};
  }
  if (decoded_to_whole_mpeg_frames(info, total)) extractor->set_decoded_to_whole_mpeg_frames();
  return extractor;
}

// One file's features; tempo_ranking, when given, receives what the tempo score chose among.
Result<Features> extract(const std::filesystem::path& path, std::vector<audio::RankedReading>* tempo_ranking) {
  try {
    std::optional<LoopMetadata> chunks;
    auto extractor = decode_into_extractor(path, {}, chunks);
    if (!extractor) return Error{extractor.error()};
    // A file whose channels cancel in the fold is read once more with them aligned
    // (channel_fold.hpp): its loudness was right, every other feature heard silence.
    if ((*extractor)->channels_cancel()) {
      extractor = decode_into_extractor(path, (*extractor)->aligned_channel_signs(), chunks);
      if (!extractor) return Error{extractor.error()};
    }
    Features features = (*extractor)->finish();
    // What the content states (tags, ACID, smpl) is cached with the features; the name's
    // statements are added per run (apply_file_statements), since a rename keeps the content.
    features.stated = content_statements(path, chunks);
    if (tempo_ranking != nullptr) *tempo_ranking = (*extractor)->tempo_ranking();
    return features;
  } catch (const std::exception& error) {
    return Error{std::string("feature extraction failed: ") + error.what()};
  }
}

}  // namespace

Result<Features> extract_features_from_file(const std::filesystem::path& path) { return extract(path, nullptr); }

Result<Features> extract_features_and_tempo_ranking(const std::filesystem::path& path,
                                                    std::vector<audio::RankedReading>& tempo_ranking) {
  return extract(path, &tempo_ranking);
}

}  // namespace samplemind
