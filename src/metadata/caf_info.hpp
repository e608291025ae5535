#pragma once
// The information chunk ('info') of a Core Audio Format file: text entries such as "tempo" and
// "key signature", which Apple's tools write and TagLib does not read. Every size is hostile.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metadata/statements.hpp"

namespace samplemind::metadata {

using CafInfoEntries = std::vector<std::pair<std::string, std::string>>;

// Why: the entries from the chunk's body (a big-endian count, then key and value strings, each
// ended by a NUL), so a test or a fuzzer needs no file. Entries past the body's end, or past
// the cap of 256, are not read; an entry cut by the end is dropped.
CafInfoEntries parse_caf_info(std::string_view body);

// Why: a CAF file's first 'info' chunk, found by a bounded walk of its chunk list (at most 64
// chunks, an info chunk of at most 64 KiB); nullopt for a file that is no CAF or has none.
std::optional<CafInfoEntries> read_caf_info(const std::filesystem::path& path);

// Why: "tempo" and "key signature" (any case) as a tempo and key statement, source tag.
FileStatements caf_info_statements(const CafInfoEntries& entries);

}  // namespace samplemind::metadata
