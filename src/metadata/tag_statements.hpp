#pragma once
// Tempo and key written in a file's tags (ID3v2, Vorbis comments, RIFF INFO), read with TagLib,
// and a CAF file's information chunk (caf_info.hpp), which TagLib does not read.
#include <filesystem>
#include <optional>
#include <string_view>

#include "metadata/statements.hpp"

namespace samplemind::metadata {

// Reads the tags of one file; never throws, and a file TagLib cannot parse states nothing.
// Only bpm and key are set (tags carry no root note), with source tag.
FileStatements read_tag_statements(const std::filesystem::path& path) noexcept;

// A tempo field's text: "120", "120.5", "127,5", "128 BPM"; rounded to 2 decimals, 30..300.
std::optional<double> parse_bpm_text(std::string_view text);

// A key field's text (parse_key_text); an ID3v2 TKEY without "m" is major, as its spec says.
std::optional<StatedKey> parse_key_field(std::string_view text, bool id3v2);

}  // namespace samplemind::metadata
