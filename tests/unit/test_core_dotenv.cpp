// The dotenv rules (README, "Configuration"): quotes, export, comments, escapes, BOM, CRLF, caps.
#include <doctest/doctest.h>

#include <string>

#include "util/dotenv.hpp"

using namespace samplemind;

namespace {
std::map<std::string, std::string> parsed(std::string_view text) {
  auto values = parse_dotenv_text(text);
  REQUIRE_MESSAGE(values.ok(), values.error());
  return *values;
}

std::string error_of(std::string_view text) {
  auto values = parse_dotenv_text(text);
  REQUIRE_FALSE(values.ok());
  return values.error();
}
}  // namespace

TEST_CASE("dotenv quoted values lose their quotes, also before a comment") {
  const auto v = parsed("KEY=\"sk-abc\" # comment\nS='sk-def'   # c\nD=\"a # b\"\nT='x'\n");
  CHECK(v.at("KEY") == "sk-abc");
  CHECK(v.at("S") == "sk-def");
  CHECK(v.at("D") == "a # b");
  CHECK(v.at("T") == "x");
}

TEST_CASE("dotenv unquoted values: inline comments after a blank, # inside a word kept") {
  const auto v = parsed("A=abc # note\nB=abc#def\nC=  padded  \nE=\nF= # only a comment\n");
  CHECK(v.at("A") == "abc");
  CHECK(v.at("B") == "abc#def");
  CHECK(v.at("C") == "padded");
  CHECK(v.at("E").empty());
  CHECK(v.at("F").empty());
}

TEST_CASE("dotenv BOM, CRLF, export prefix, blanks and comments") {
  const auto v = parsed("\xEF\xBB\xBF" "FIRST=1\r\n\r\n# c\r\n  export   SECOND = two\r\n\tTHIRD=\"3\"\r\n");
  CHECK(v.at("FIRST") == "1");
  CHECK(v.at("SECOND") == "two");
  CHECK(v.at("THIRD") == "3");
  CHECK(v.size() == 3);
  CHECK(parsed("export=1\n").at("export") == "1");  // a variable may be called export
}

TEST_CASE("dotenv double quotes know escapes, single quotes are literal") {
  const auto v = parsed("D=\"a\\nb\\t\\\"q\\\" \\\\ \\$x\"\nS='a\\nb'\nM=\"line1\r\nline2\"\n");
  CHECK(v.at("D") == "a\nb\t\"q\" \\ \\$x");
  CHECK(v.at("S") == "a\\nb");
  CHECK(v.at("M") == "line1\nline2");
}

TEST_CASE("dotenv malformed lines are errors naming the line") {
  CHECK(error_of("A=1\nB\n") == ".env line 2: expected '=' after B");
  CHECK(error_of("A=\"open\n") == ".env line 1: unterminated double quote");
  CHECK(error_of("A=1\n\nB='x' y\n") == ".env line 3: unexpected text after the closing quote");
  CHECK(error_of("1A=x\n").starts_with(".env line 1: expected NAME=value"));
  CHECK(error_of(std::string_view("A=x\0y\n", 6)) == ".env line 1: NUL byte in value");
  CHECK(error_of(std::string_view("A=\"\\\0\"", 6)) == ".env line 1: NUL byte in value");  // an escaped NUL
}

TEST_CASE("dotenv caps the line length and the file size") {
  CHECK(parse_dotenv_text("A=" + std::string(k_dotenv_max_line_bytes - 10, 'x') + "\n").ok());
  CHECK(error_of("A=" + std::string(k_dotenv_max_line_bytes + 1, 'x') + "\n").find("longer than") != std::string::npos);
  CHECK(error_of("A=\"" + std::string(k_dotenv_max_line_bytes + 1, 'x') + "\"\n").find("longer than") !=
        std::string::npos);
  CHECK(error_of(std::string(k_dotenv_max_file_bytes + 1, '\n')).find("larger than") != std::string::npos);
}

TEST_CASE("dotenv later lines override earlier ones, a last line without newline counts") {
  const auto v = parsed("A=1\nA=2\nB=last");
  CHECK(v.at("A") == "2");
  CHECK(v.at("B") == "last");
}
