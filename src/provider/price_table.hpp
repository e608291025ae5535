#pragma once
// List prices per model, kept as data (data/prices.json, installed with the tool,
// overridable with SAMPLEMIND_PRICES=FILE) because vendors change them often.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

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

// One row of the table: a model id, the other ids it answers to (dated snapshots), its
// prices, and where and when they were read.
struct PriceEntry {
  std::string provider;
  std::string model;                 // "*": every model of a local provider (free)
  std::vector<std::string> aliases;  // exact ids only: never a prefix
  ModelPrice price;
  std::string read;                  // date the price was read, YYYY-MM-DD
  std::string source;                // the public price page (URL)
};

// A model that matches any id of its provider: only for local servers, whose calls are free.
constexpr const char* k_any_model = "*";

class PriceTable {
 public:
  // Parses a prices.json text; an error names what is wrong.
  static Result<PriceTable> parse(const std::string& text);
  static Result<PriceTable> load_file(const std::filesystem::path& path);
  // SAMPLEMIND_PRICES if set (ConfigError when unreadable), else the installed copy, else
  // the source tree's copy, else an empty table (every cost 0, with prices_read "unknown").
  static PriceTable load_default(const Environment& env);

  // The price of a model: its exact id or a declared alias (never a prefix: flash-lite is
  // not flash); a provider's "*" entry covers every model; nothing when unknown.
  std::optional<ModelPrice> find(const std::string& provider, const std::string& model) const;
  // Every row, in provider then model order (samplemind prices).
  const std::vector<PriceEntry>& entries() const { return entries_; }
  const std::string& prices_read() const { return prices_read_; }
  const std::string& source() const { return source_; }
  const std::string& origin() const { return origin_; }

 private:
  std::vector<PriceEntry> entries_;
  std::string prices_read_ = "unknown";
  std::string source_;
  std::string origin_ = "none";
};

// USD for one call: uncached input, cached reads, cache writes and output at their prices.
double cost_usd(const ModelPrice& price, const TokenUsage& usage);

}  // namespace samplemind
