#pragma once
// Configuration values from the process environment, then a .env file: flags are
// applied on top by the CLI, giving flags > environment > .env > defaults.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace samplemind {

class Environment {
 public:
  // Reads the process environment and, when present, the .env file at dotenv_path.
  static Environment load(const std::filesystem::path& dotenv_path = ".env");
  // An environment made of given values only (for tests).
  static Environment from_map(std::map<std::string, std::string> values);

  // The value of a variable: process environment first, then .env; empty counts as unset
  // (an empty variable in the environment hides the .env value).
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  // A boolean: true/1/yes/on and false/0/no/off; throws ConfigError on anything else.
  bool get_bool(const std::string& name, bool fallback) const;
  // A finite number in the variable's documented range (checked_number.hpp); throws
  // ConfigError naming the variable and the range otherwise.
  double get_number(const std::string& name, double fallback) const;

 private:
  bool use_process_environment_ = true;
  std::map<std::string, std::string> dotenv_;
};

// Parses .env text (dotenv.hpp has the rules); throws ConfigError naming the bad line.
std::map<std::string, std::string> parse_dotenv(const std::string& text);

}  // namespace samplemind
