// Environment variables and .env files, merged with a fixed priority.
#include "samplemind/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "samplemind/result.hpp"

namespace samplemind {

namespace {
std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

std::map<std::string, std::string> parse_dotenv(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    std::string name = trim(line.substr(0, equals));
    std::string value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (const auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));
    }
    if (!name.empty()) values[name] = value;
  }
  return values;
}

Environment Environment::load(const std::filesystem::path& dotenv_path) {
  Environment env;
  std::ifstream in(dotenv_path);
  if (in) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    env.dotenv_ = parse_dotenv(buffer.str());
  }
  return env;
}

Environment Environment::from_map(std::map<std::string, std::string> values) {
  Environment env;
  env.use_process_environment_ = false;
  env.dotenv_ = std::move(values);
  return env;
}

std::optional<std::string> Environment::get(const std::string& name) const {
  if (use_process_environment_) {
    if (const char* value = std::getenv(name.c_str()); value != nullptr && *value != '\0') return std::string(value);
  }
  if (auto it = dotenv_.find(name); it != dotenv_.end() && !it->second.empty()) return it->second;
  return std::nullopt;
}

std::string Environment::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

bool Environment::get_bool(const std::string& name, bool fallback) const {
  const auto value = get(name);
  if (!value) return fallback;
  const std::string text = lower(*value);
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  throw ConfigError(name + " must be true or false, got '" + *value + "'");
}

double Environment::get_number(const std::string& name, double fallback) const {
  const auto value = get(name);
  if (!value) return fallback;
  char* end = nullptr;
  const double number = std::strtod(value->c_str(), &end);
  if (end == value->c_str() || *end != '\0' || !std::isfinite(number)) {
    throw ConfigError(name + " must be a number, got '" + *value + "'");
  }
  return number;
}

}  // namespace samplemind
