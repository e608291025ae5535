// `samplemind prices`: the price table a run would use, where it came from and when its
// prices were read, so a cost in a report can be traced to a row and a public page.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/command_output.hpp"
#include "util/display_text.hpp"
#include "provider/price_table.hpp"
#include "report/report.hpp"

namespace samplemind {

namespace {
std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

nlohmann::json prices_json(const PriceTable& table) {
  nlohmann::json models = nlohmann::json::array();
  for (const auto& entry : table.entries()) {
    models.push_back({{"provider", entry.provider},
                      {"model", entry.model},
                      {"aliases", entry.aliases},
                      {"input", entry.price.input_usd_per_mtok},
                      {"output", entry.price.output_usd_per_mtok},
                      {"cached_input", entry.price.cached_input_usd_per_mtok},
                      {"cache_write_input", entry.price.cache_write_input_usd_per_mtok},
                      {"read", entry.read},
                      {"source", entry.source}});
  }
  return {{"file", table.origin()},
          {"prices_read", table.prices_read()},
          {"source", table.source()},
          {"unit", "USD per 1M tokens"},
          {"models", std::move(models)}};
}

void write_prices_table(std::ostream& out, const PriceTable& table) {
  out << "price table  " << escape_control_chars(table.origin()) << '\n';
  out << "prices read  " << escape_control_chars(table.prices_read()) << '\n';
  if (!table.source().empty()) out << "source       " << escape_control_chars(table.source()) << '\n';
  out << "unit         USD per 1M tokens\n\n";
  out << fmt::format("{:<10} {:<22} {:>8} {:>8} {:>8} {:>8}  {:<10} {}\n", "PROVIDER", "MODEL", "IN", "OUT", "CACHED",
                     "WRITE", "READ", "SOURCE");
  for (const auto& entry : table.entries()) {
    const ModelPrice& p = entry.price;
    out << fmt::format("{:<10} {:<22} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f}  {:<10} {}\n",
                       escape_control_chars(entry.provider), escape_control_chars(entry.model), p.input_usd_per_mtok,
                       p.output_usd_per_mtok, p.cached_input_usd_per_mtok, p.cache_write_input_usd_per_mtok,
                       escape_control_chars(entry.read), escape_control_chars(entry.source));
    if (!entry.aliases.empty()) out << "           also: " << escape_control_chars(join(entry.aliases)) << '\n';
  }
  if (table.entries().empty()) out << "(no price table found: every hosted model's cost is unknown)\n";
}
}  // namespace

void register_prices_command(CLI::App& app, CliContext& context) {
  auto format = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "prices", "Print the price table in use (data/prices.json or SAMPLEMIND_PRICES), its file and read dates");
  add_format_option(*command, *format, {"table", "json"});
  command->callback([format, &context] {
    const PriceTable table = PriceTable::load_default(context.env);
    if (*format == "json") std::cout << dump_json(prices_json(table)) << '\n';
    else write_prices_table(std::cout, table);
  });
}

}  // namespace samplemind
