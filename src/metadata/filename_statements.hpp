#pragma once
// Tempo, key and root note that a sample's file name states ("Bass_Am_120.wav").
#include <filesystem>
#include <string_view>

#include "metadata/statements.hpp"

namespace samplemind::metadata {

// Reads the name's stem only (no folders, no extension); every statement found has source
// filename. The rules and their examples are in docs/metadata.md.
FileStatements statements_from_filename(const std::filesystem::path& path);

// The same rules on a stem already cut from its path ("Amen Break 137 BPM").
FileStatements statements_from_stem(std::string_view stem);

}  // namespace samplemind::metadata
