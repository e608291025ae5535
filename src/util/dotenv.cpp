// The .env parser: a small hand-written scanner, one line (or one quoted value) at a time.
#include "util/dotenv.hpp"

#include <fmt/format.h>

namespace samplemind {

namespace {
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '.'; }

class DotenvScanner {
 public:
  explicit DotenvScanner(std::string_view text) : text_(text) {
    if (text_.starts_with(k_utf8_bom)) text_.remove_prefix(k_utf8_bom.size());
  }

  Result<std::map<std::string, std::string>> parse() {
    std::map<std::string, std::string> values;
    while (pos_ < text_.size()) {
      line_start_ = pos_;
      ++line_;
      skip_blanks();
      if (at_line_end() || peek() == '#') {
        skip_rest_of_line();
        continue;
      }
      std::string name = read_name();
      if (name == "export" && pos_ < text_.size() && is_blank(peek())) {
        skip_blanks();
        name = read_name();
      }
      if (name.empty()) return fail("expected NAME=value (a name starts with a letter or _)");
      skip_blanks();
      if (pos_ >= text_.size() || peek() != '=') return fail(fmt::format("expected '=' after {}", name));
      ++pos_;
      skip_blanks();
      auto value = read_value();
      if (!value) return Error{value.error()};
      if (pos_ - line_start_ > k_dotenv_max_line_bytes) {
        return fail(fmt::format("longer than {} bytes", k_dotenv_max_line_bytes));
      }
      values[std::move(name)] = std::move(*value);
    }
    return values;
  }

 private:
  char peek() const { return text_[pos_]; }
  bool at_line_end() const { return pos_ >= text_.size() || peek() == '\n' || peek() == '\r'; }
  void skip_blanks() {
    while (pos_ < text_.size() && is_blank(peek())) ++pos_;
  }
  void skip_rest_of_line() {
    while (pos_ < text_.size() && peek() != '\n') ++pos_;
    if (pos_ < text_.size()) ++pos_;
  }
  Error fail(const std::string& what) const { return Error{fmt::format(".env line {}: {}", line_, what)}; }

  std::string read_name() {
    std::string name;
    if (pos_ < text_.size() && is_name_start(peek())) {
      while (pos_ < text_.size() && is_name_char(peek())) name += text_[pos_++];
    }
    return name;
  }

  // After a closing quote: blanks, then an optional # comment, then the end of the line.
  Result<std::string> finish_quoted(std::string value) {
    skip_blanks();
    if (pos_ < text_.size() && peek() == '#') skip_rest_of_line();
    else if (!at_line_end()) return fail("unexpected text after the closing quote");
    else end_line();
    return value;
  }

  void end_line() {
    if (pos_ < text_.size() && peek() == '\r') ++pos_;
    if (pos_ < text_.size() && peek() == '\n') ++pos_;
  }

  Result<std::string> read_value() {
    if (pos_ < text_.size() && (peek() == '"' || peek() == '\'')) return read_quoted(peek());
    std::string value;
    while (!at_line_end()) {
      const char c = text_[pos_];
      if (c == '#' && (value.empty() || is_blank(value.back()))) break;  // an inline comment
      if (c == '\0') return fail("NUL byte in value");
      value += c;
      ++pos_;
    }
    while (!value.empty() && is_blank(value.back())) value.pop_back();
    skip_rest_of_line();
    return value;
  }

  // Single quotes are literal; double quotes know \n \r \t \" \\ (others keep the backslash).
  // Both may span lines, as in the dotenv tools.
  Result<std::string> read_quoted(char quote) {
    const std::size_t opened_line = line_;
    ++pos_;
    std::string value;
    while (pos_ < text_.size() && peek() != quote) {
      char c = text_[pos_++];
      if (c == '\0') return fail("NUL byte in value");
      if (c == '\r' && pos_ < text_.size() && peek() == '\n') continue;  // CRLF files keep \n only
      if (c == '\n') ++line_;
      if (c == '\\' && quote == '"' && pos_ < text_.size()) {
        const char next = text_[pos_++];
        if (next == '\0') return fail("NUL byte in value");  // found by fuzz_dotenv: "\<NUL>"
        switch (next) {
          case 'n': c = '\n'; break;
          case 'r': c = '\r'; break;
          case 't': c = '\t'; break;
          case '"': c = '"'; break;
          case '\\': c = '\\'; break;
          default: value += '\\'; c = next; if (next == '\n') ++line_;
        }
      }
      value += c;
      if (value.size() > k_dotenv_max_line_bytes) return fail(fmt::format("value longer than {} bytes", k_dotenv_max_line_bytes));
    }
    if (pos_ >= text_.size()) {
      return Error{fmt::format(".env line {}: unterminated {} quote", opened_line, quote == '"' ? "double" : "single")};
    }
    ++pos_;  // the closing quote
    return finish_quoted(std::move(value));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
  std::size_t line_start_ = 0;
};
}  // namespace

Result<std::map<std::string, std::string>> parse_dotenv_text(std::string_view text) {
  if (text.size() > k_dotenv_max_file_bytes) {
    return Error{fmt::format(".env is larger than {} bytes", k_dotenv_max_file_bytes)};
  }
  return DotenvScanner(text).parse();
}

}  // namespace samplemind
