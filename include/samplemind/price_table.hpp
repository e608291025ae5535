#pragma once
// List prices per model, kept as data (data/prices.json, installed with the tool,
// overridable with SAMPLEMIND_PRICES=FILE) because vendors change them often.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "samplemind/result.hpp"

namespace samplemind {

class Environment;

constexpr double k_tokens_per_price_unit = 1'000'000.0;  // prices are USD per 1M tokens

struct ModelPrice {
  double input_usd_per_mtok = 0.0;
  double output_usd_per_mtok = 0.0;
  double cached_input_usd_per_mtok = 0.0;       // prompt-cache reads
  double cache_write_input_usd_per_mtok = 0.0;  // prompt-cache writes (Anthropic)
};

// Tokens of one call as billed; cached and cache_write are parts of input.
struct TokenUsage {
  std::int64_t input = 0;
  std::int64_t cached_input = 0;
  std::int64_t cache_write_input = 0;
  std::int64_t output = 0;
};

class PriceTable {
 public:
  // Parses a prices.json text; an error names what is wrong.
  static Result<PriceTable> parse(const std::string& text);
  static Result<PriceTable> load_file(const std::filesystem::path& path);
  // SAMPLEMIND_PRICES if set (ConfigError when unreadable), else the installed copy, else
  // the source tree's copy, else an empty table (every cost 0, with prices_read "unknown").
  static PriceTable load_default(const Environment& env);

  // The price of a model: exact name, else the longest listed prefix; nothing when unknown.
  std::optional<ModelPrice> find(const std::string& provider, const std::string& model) const;
  const std::string& prices_read() const { return prices_read_; }
  const std::string& origin() const { return origin_; }

 private:
  std::map<std::string, std::map<std::string, ModelPrice>> providers_;
  std::string prices_read_ = "unknown";
  std::string origin_ = "none";
};

// USD for one call: uncached input, cached reads, cache writes and output at their prices.
double cost_usd(const ModelPrice& price, const TokenUsage& usage);

}  // namespace samplemind
