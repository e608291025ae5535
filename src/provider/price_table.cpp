// prices.json: {"prices_read": DATE, "source": TEXT, "providers": {provider: {model-id:
// {input, output, cached_input?, cache_write_input?, aliases?, read?, source?}}}}.
#include "provider/price_table.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/data_dirs.hpp"
#include "util/environment.hpp"

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

// The entry's aliases, read date and source (read defaults to the file's prices_read).
Status parse_entry_details(const nlohmann::json& json, const std::string& where, PriceEntry& entry) {
  if (json.contains("aliases")) {
    if (!json["aliases"].is_array()) return Status::failure(where + ".aliases is not a list");
    for (const auto& alias : json["aliases"]) {
      if (!alias.is_string() || alias.get<std::string>().empty()) {
        return Status::failure(where + ".aliases holds something that is not a model id");
      }
      entry.aliases.push_back(alias.get<std::string>());
    }
  }
  for (const auto& [name, target] : {std::pair{"read", &entry.read}, std::pair{"source", &entry.source}}) {
    if (!json.contains(name)) continue;
    if (!json[name].is_string()) return Status::failure(where + "." + name + " is not text");
    *target = json[name].get<std::string>();
  }
  return Status::success();
}
}  // namespace

Result<PriceTable> PriceTable::parse(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Error{"not a JSON object"};
  if (!json.contains("providers") || !json["providers"].is_object()) return Error{"no \"providers\" object"};
  PriceTable table;
  if (json.contains("prices_read") && json["prices_read"].is_string()) table.prices_read_ = json["prices_read"];
  if (json.contains("source") && json["source"].is_string()) table.source_ = json["source"];
  std::map<std::string, std::string> ids;  // provider/id -> the entry that declares it
  for (const auto& [provider, models] : json["providers"].items()) {
    if (!models.is_object()) return Error{"providers." + provider + " is not an object"};
    for (const auto& [model, price_json] : models.items()) {
      const std::string where = "providers." + provider + "." + model;
      if (model.empty()) return Error{where + ": an empty model id (use \"*\" for every model)"};
      auto price = parse_price(price_json, where);
      if (!price) return Error{price.error()};
      PriceEntry entry{provider, model, {}, *price, table.prices_read_, ""};
      if (Status details = parse_entry_details(price_json, where, entry); !details) return Error{details.error};
      std::vector<std::string> declared = entry.aliases;  // a structured binding cannot be captured (clang 14)
      declared.push_back(model);
      for (const auto& id : declared) {
        if (!ids.emplace(provider + "/" + id, model).second) {
          return Error{where + ": '" + id + "' is declared twice for " + provider};
        }
      }
      table.entries_.push_back(std::move(entry));
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
  for (const auto& dir : data_dirs()) {
    const std::filesystem::path path = dir / k_prices_file_name;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    if (auto table = load_file(path)) return std::move(*table);
  }
  return PriceTable{};
}

std::optional<ModelPrice> PriceTable::find(const std::string& provider, const std::string& model) const {
  const PriceEntry* any = nullptr;
  for (const auto& entry : entries_) {
    if (entry.provider != provider) continue;
    if (entry.model == model) return entry.price;
    for (const auto& alias : entry.aliases) {
      if (alias == model) return entry.price;
    }
    if (entry.model == k_any_model) any = &entry;
  }
  if (any != nullptr) return any->price;
  return std::nullopt;
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
