// What each file states about its tempo, key and root (src/metadata/), one JSON line per
// file, without analysis. Usage: stated_metadata FILE...
#include <cstdio>

#include <nlohmann/json.hpp>

#include "metadata/file_statements.hpp"
#include "audio/audio_decoder.hpp"
#include "model/musical_key.hpp"

namespace {

nlohmann::json source_json(const std::optional<samplemind::metadata::StatementSource>& source) {
  return source ? nlohmann::json(samplemind::metadata::source_name(*source)) : nlohmann::json();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace samplemind;
  for (int i = 1; i < argc; ++i) {
    auto decoder = AudioDecoder::open(argv[i]);
    const auto s = metadata::read_file_statements(argv[i], decoder.ok() ? decoder->loop_metadata() : std::nullopt);
    nlohmann::json line{{"path", argv[i]}};
    line["bpm"] = s.bpm ? nlohmann::json(*s.bpm) : nlohmann::json();
    line["bpm_source"] = source_json(s.bpm_source);
    line["key"] = s.key ? nlohmann::json(pitch_class_name(s.key->tonic_pc)) : nlohmann::json();
    line["mode"] = s.key && s.key->minor ? nlohmann::json(*s.key->minor ? "minor" : "major") : nlohmann::json();
    line["key_source"] = source_json(s.key_source);
    line["root"] = s.root ? nlohmann::json(pitch_class_name(s.root->pitch_class)) : nlohmann::json();
    line["root_midi"] = s.root && s.root->midi ? nlohmann::json(*s.root->midi) : nlohmann::json();
    line["root_source"] = source_json(s.root_source);
    std::printf("%s\n", line.dump().c_str());
  }
  return 0;
}
