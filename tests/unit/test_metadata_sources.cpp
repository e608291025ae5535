// Chunk statements and the priority between sources, without files.
#include <doctest/doctest.h>

#include <limits>

#include "metadata/chunk_statements.hpp"
#include "metadata/file_statements.hpp"
#include "metadata/tag_statements.hpp"

using namespace samplemind;
using namespace samplemind::metadata;

namespace {

FileStatements stating(std::optional<double> bpm, std::optional<StatedKey> key, std::optional<StatedRoot> root,
                       StatementSource source) {
  FileStatements out;
  if ((out.bpm = bpm)) out.bpm_source = source;
  if ((out.key = key)) out.key_source = source;
  if ((out.root = root)) out.root_source = source;
  return out;
}

}  // namespace

TEST_CASE("metadata sources: names and the shared tempo rule") {
  CHECK(source_name(StatementSource::tag) == "tag");
  CHECK(source_name(StatementSource::acid) == "acid");
  CHECK(source_name(StatementSource::smpl) == "smpl");
  CHECK(source_name(StatementSource::filename) == "filename");
  CHECK(plausible_bpm(136.89999389648438) == 136.9);
  CHECK(plausible_bpm(29.99) == std::nullopt);
  CHECK(plausible_bpm(300.004) == 300.0);
  CHECK(plausible_bpm(std::numeric_limits<double>::quiet_NaN()) == std::nullopt);
  CHECK(plausible_bpm(std::numeric_limits<double>::infinity()) == std::nullopt);
  CHECK(root_from_midi(57) == StatedRoot{9, 57});
  CHECK(root_from_midi(128) == std::nullopt);
  CHECK(root_from_midi(-1) == std::nullopt);
}

TEST_CASE("metadata sources: ACID and smpl chunks from the decoder's loop metadata") {
  LoopMetadata chunks;
  chunks.bpm = static_cast<double>(136.9f);  // 136.89999389648438 as stored
  chunks.root_midi = 57;
  chunks.unity_note_midi = 64;
  const FileStatements acid = acid_statements(chunks);
  CHECK(acid.bpm == 136.9);
  CHECK(acid.bpm_source == StatementSource::acid);
  CHECK(acid.root == StatedRoot{9, 57});
  CHECK(acid.root_source == StatementSource::acid);
  CHECK_FALSE(acid.key.has_value());
  const FileStatements smpl = smpl_statements(chunks);
  CHECK(smpl.root == StatedRoot{4, 64});
  CHECK(smpl.root_source == StatementSource::smpl);
  CHECK_FALSE(smpl.bpm.has_value());

  chunks.one_shot = true;  // an ACID one-shot is never stretched: its tempo field says nothing
  CHECK_FALSE(acid_statements(chunks).bpm.has_value());
  chunks.bpm = 1000.0;
  chunks.one_shot = false;
  CHECK_FALSE(acid_statements(chunks).bpm.has_value());
  CHECK(acid_statements(LoopMetadata{}).empty());
  CHECK(smpl_statements(LoopMetadata{}).empty());
}

TEST_CASE("metadata sources: priority acid > tag > filename for tempo, tag > filename for key") {
  StatementsBySource sources;
  sources.filename = stating(120.0, StatedKey{0, true}, StatedRoot{0, std::nullopt}, StatementSource::filename);
  FileStatements got = combine_statements(sources);
  CHECK(got.bpm_source == StatementSource::filename);
  CHECK(got.key_source == StatementSource::filename);
  CHECK(got.root_source == StatementSource::filename);

  sources.tag = stating(121.0, StatedKey{9, true}, std::nullopt, StatementSource::tag);
  got = combine_statements(sources);
  CHECK(got.bpm == 121.0);
  CHECK(got.bpm_source == StatementSource::tag);
  CHECK(got.key == StatedKey{9, true});
  CHECK(got.key_source == StatementSource::tag);

  sources.acid = stating(122.5, std::nullopt, StatedRoot{2, 62}, StatementSource::acid);
  sources.smpl = stating(std::nullopt, std::nullopt, StatedRoot{4, 64}, StatementSource::smpl);
  got = combine_statements(sources);
  CHECK(got.bpm == 122.5);
  CHECK(got.bpm_source == StatementSource::acid);
  CHECK(got.key_source == StatementSource::tag);
  CHECK(got.root == StatedRoot{2, 62});
  CHECK(got.root_source == StatementSource::acid);

  sources.acid = {};
  got = combine_statements(sources);
  CHECK(got.root == StatedRoot{4, 64});
  CHECK(got.root_source == StatementSource::smpl);
  CHECK(combine_statements(StatementsBySource{}).empty());
}

TEST_CASE("metadata sources: a default smpl unity note of 60 yields to a name that says otherwise") {
  StatementsBySource sources;
  sources.smpl = stating(std::nullopt, std::nullopt, StatedRoot{0, 60}, StatementSource::smpl);
  sources.filename = stating(std::nullopt, std::nullopt, StatedRoot{7, std::nullopt}, StatementSource::filename);
  CHECK(combine_statements(sources).root_source == StatementSource::filename);
  sources.filename.root = StatedRoot{0, std::nullopt};  // "Bass C": agrees, smpl keeps its octave
  CHECK(combine_statements(sources).root == StatedRoot{0, 60});
  CHECK(combine_statements(sources).root_source == StatementSource::smpl);
  sources.smpl.root = StatedRoot{2, 62};  // not the default: the chunk wins
  sources.filename.root = StatedRoot{7, std::nullopt};
  CHECK(combine_statements(sources).root_source == StatementSource::smpl);
}

TEST_CASE("metadata tag text: tempo fields and the ID3 key convention") {
  CHECK(parse_bpm_text("120") == 120.0);
  CHECK(parse_bpm_text(" 128.00 ") == 128.0);
  CHECK(parse_bpm_text("127,5") == 127.5);
  CHECK(parse_bpm_text("120 BPM") == 120.0);
  CHECK(parse_bpm_text("136.89999389648438") == 136.9);
  for (const char* nothing : {"", "0", "999", "-120", "1e2", "nan", "inf", "12O", "120..5", ".5", "fast", "120 bpm bpm"}) {
    CAPTURE(nothing);
    CHECK_FALSE(parse_bpm_text(nothing).has_value());
  }
  CHECK_FALSE(parse_bpm_text(std::string(100, '1')).has_value());
  CHECK(parse_key_field("Bb", true) == StatedKey{10, false});  // ID3v2 TKEY: no "m" is major
  CHECK(parse_key_field("Bb", false) == StatedKey{10, std::nullopt});
  CHECK(parse_key_field("Bbm", true) == StatedKey{10, true});
  CHECK_FALSE(parse_key_field("o", true).has_value());  // ID3v2 "off key"
}
