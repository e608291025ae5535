#pragma once
// JSON text written value by value, byte for byte as nlohmann's dump(indent) writes the
// same tree (sorted keys are the caller's duty), without building the tree: a report of
// 100,000 files costs string appends, not a map node per field.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace samplemind {

class JsonTextWriter {
 public:
  // indent < 0: compact (one line); else pretty with that many spaces per level, starting at
  // base_level (text placed inside an already indented document).
  JsonTextWriter(std::string& out, int indent, int base_level = 0);

  // Containers; every value inside an object needs key() first, in nlohmann's (sorted) order.
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  // Scalars: a non-finite double is written as null, as dump_json does.
  void null();
  void boolean(bool value);
  void number(double value);
  void integer(std::int64_t value);
  void string(std::string_view text);
  // An absent value is null.
  void string_or_null(std::optional<std::string_view> text);
  void integer_or_null(const std::optional<int>& value);
  void boolean_or_null(const std::optional<bool>& value);
  // A whole nlohmann value (an AI answer), written through this writer's indentation.
  void value(const nlohmann::json& json);

 private:
  void before_value();
  void newline_at(std::size_t level);
  void close(char bracket);

  std::string& out_;
  int indent_;
  std::size_t base_level_;
  // One flag per open container ('1': nothing written in it yet). A string, so the usual
  // depth (up to 15) needs no heap allocation.
  std::string empty_;
  bool after_key_ = false;
};

// Appends text as a JSON string literal, escaped exactly as dump_json escapes it (invalid
// UTF-8 replaced, control characters as \u00XX).
void append_json_string(std::string& out, std::string_view text);

}  // namespace samplemind
