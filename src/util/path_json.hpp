#pragma once
// File names are bytes; JSON text is UTF-8. Every path that goes into a JSON document goes
// through here: "path" readable (invalid bytes become U+FFFD when dumped with the replace
// handler), plus "path_hex" with the exact bytes when, and only when, they are not UTF-8.
#include <string>

#include <nlohmann/json.hpp>

namespace samplemind {

// Why: decides whether a path can appear in JSON as it is.
bool is_valid_utf8(const std::string& text);

// Why: the exact bytes of a name as lower-case hex (`xxd -r -p` or bytes.fromhex undo it).
std::string hex_bytes(const std::string& bytes);

// Why: sets object["path"] and, for bytes that are not UTF-8, object["path_hex"].
void put_path(nlohmann::json& object, const std::string& path);

// Why: dumps a document that may hold a path without ever throwing type_error.316.
std::string dump_json_line(const nlohmann::json& document);

}  // namespace samplemind
