// Environment variables and .env files, merged with a fixed priority.
#include "util/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "util/checked_number.hpp"
#include "util/dotenv.hpp"
#include "util/result.hpp"

namespace samplemind {

namespace {
std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

std::map<std::string, std::string> parse_dotenv(const std::string& text) {
  auto values = parse_dotenv_text(text);
  if (!values) throw ConfigError(values.error());
  return std::move(*values);
}

Environment Environment::load(const std::filesystem::path& dotenv_path) {
  Environment env;
  std::error_code error;
  if (!std::filesystem::exists(dotenv_path, error) || std::filesystem::is_directory(dotenv_path, error)) return env;
  std::ifstream in(dotenv_path, std::ios::binary);
  if (!in) throw ConfigError(".env exists but cannot be read");
  std::string text(k_dotenv_max_file_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  env.dotenv_ = parse_dotenv(text);  // over the cap: parse_dotenv_text rejects it
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
    // Set in the environment, even to "": that wins over .env (VAR= samplemind unsets VAR).
    if (const char* value = std::getenv(name.c_str()); value != nullptr) {
      if (*value == '\0') return std::nullopt;
      return std::string(value);
    }
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
  const NumberRange any_finite{-std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), false, false, ""};
  const auto number = parse_checked_number(*value, environment_number_range(name).value_or(any_finite), name);
  if (!number) throw ConfigError(number.error());
  return *number;
}

}  // namespace samplemind
