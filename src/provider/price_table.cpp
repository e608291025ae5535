// prices.json: {"prices_read": DATE, "providers": {provider: {model-prefix: prices}}}.
#include "samplemind/price_table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "samplemind/environment.hpp"

namespace samplemind {

namespace {
constexpr const char* k_prices_file_name = "prices.json";

Result<ModelPrice> parse_price(const nlohmann::json& json, const std::string& where) {
  if (!json.is_object()) return Error{where + " is not an object"};
  ModelPrice price;
  const std::pair<const char*, double*> fields[] = {{"input", &price.input_usd_per_mtok},
                                                    {"output", &price.output_usd_per_mtok},
                                                    {"cached_input", &price.cached_input_usd_per_mtok},
                                                    {"cache_write_input", &price.cache_write_input_usd_per_mtok}};
  for (const auto& [name, target] : fields) {
    if (!json.contains(name)) continue;
    if (!json[name].is_number() || json[name].get<double>() < 0) return Error{where + "." + name + " is not a price"};
    *target = json[name].get<double>();
  }
  if (!json.contains("input") || !json.contains("output")) return Error{where + " needs input and output"};
  // Without a listed cache price, reads and writes cost what plain input costs.
  if (!json.contains("cached_input")) price.cached_input_usd_per_mtok = price.input_usd_per_mtok;
  if (!json.contains("cache_write_input")) price.cache_write_input_usd_per_mtok = price.input_usd_per_mtok;
  return price;
}

std::string strip_models_prefix(const std::string& model) {
  return model.rfind("models/", 0) == 0 ? model.substr(7) : model;
}
}  // namespace

Result<PriceTable> PriceTable::parse(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Error{"not a JSON object"};
  if (!json.contains("providers") || !json["providers"].is_object()) return Error{"no \"providers\" object"};
  PriceTable table;
  table.prices_read_ = json.value("prices_read", std::string("unknown"));
  for (const auto& [provider, models] : json["providers"].items()) {
    if (!models.is_object()) return Error{"providers." + provider + " is not an object"};
    for (const auto& [model, price_json] : models.items()) {
      auto price = parse_price(price_json, "providers." + provider + "." + model);
      if (!price) return Error{price.error()};
      table.providers_[provider][model] = *price;
    }
  }
  return table;
}

Result<PriceTable> PriceTable::load_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read " + path.string()};
  std::stringstream text;
  text << in.rdbuf();
  auto table = parse(text.str());
  if (!table) return Error{path.string() + ": " + table.error()};
  table->origin_ = path.string();
  return table;
}

PriceTable PriceTable::load_default(const Environment& env) {
  if (auto path = env.get("SAMPLEMIND_PRICES")) {
    auto table = load_file(*path);
    if (!table) throw ConfigError("SAMPLEMIND_PRICES: " + table.error());
    return std::move(*table);
  }
  for (const char* dir : {SAMPLEMIND_DATA_DIR, SAMPLEMIND_SOURCE_DATA_DIR}) {
    const std::filesystem::path path = std::filesystem::path(dir) / k_prices_file_name;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    if (auto table = load_file(path)) return std::move(*table);
  }
  return PriceTable{};
}

std::optional<ModelPrice> PriceTable::find(const std::string& provider, const std::string& model) const {
  const auto models = providers_.find(provider);
  if (models == providers_.end()) return std::nullopt;
  const std::string name = strip_models_prefix(model);
  if (auto exact = models->second.find(name); exact != models->second.end()) return exact->second;
  const ModelPrice* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [prefix, price] : models->second) {
    if (name.rfind(prefix, 0) == 0 && (best == nullptr || prefix.size() > best_length)) {
      best = &price;
      best_length = prefix.size();
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

double cost_usd(const ModelPrice& price, const TokenUsage& usage) {
  const auto cached = std::clamp<std::int64_t>(usage.cached_input, 0, usage.input);
  const auto written = std::clamp<std::int64_t>(usage.cache_write_input, 0, usage.input - cached);
  const auto plain = usage.input - cached - written;
  const double usd = plain * price.input_usd_per_mtok + cached * price.cached_input_usd_per_mtok +
                     written * price.cache_write_input_usd_per_mtok + usage.output * price.output_usd_per_mtok;
  return usd / k_tokens_per_price_unit;
}

}  // namespace samplemind
