// Which word before a number makes it a count, an index or a model number, not a tempo.
#include "metadata/number_owners.hpp"

#include <algorithm>
#include <iterator>

#include "metadata/word_set.hpp"

namespace samplemind::metadata {

namespace {

// Words after which a number is a model, count, index or sum, not a tempo ("Juno 106", "Take 2",
// "Yen 100").
constexpr std::string_view k_number_owners[] = {
    "take", "tk", "vol", "volume", "part", "pt", "no", "nr", "num", "number", "version", "ver", "v",
    "track", "trk", "rr", "round", "layer", "var", "variation", "vel", "velocity", "preset", "patch",
    "program", "prog", "bank", "kit", "pack", "disc", "cd", "chapter", "ep", "op", "opus", "chop",
    "hit", "shot", "slice", "sample", "smp", "x", "#", "juno", "jupiter",
    "prophet", "model", "mk", "mark", "roland", "korg", "yamaha", "moog", "linn", "oberheim", "akai",
    "emu", "ensoniq", "casio",
    // money: tuxpaint's spoken coin names ("yen100_desc_el")
    "yen", "euro", "euros", "eur", "dollar", "dollars", "usd", "pound", "pounds", "gbp"};
// Short model prefixes are also pack prefixes ("SO_TX_90_Piano_Loop"), so after one of these
// only the model numbers it is known by in the tempo range are models ("SH 101", "CS 80",
// "DR 110"). TR, TB, SP, MS, ... are not listed: their models (808, 303, 404, 20) lie outside it.
struct ModelNumber {
  std::string_view prefix;
  int number;
};
constexpr ModelNumber k_model_numbers[] = {
    {"cr", 78},  {"cs", 60},  {"cs", 80},  {"sh", 101}, {"mc", 101}, {"mc", 202},
    {"mpc", 60}, {"dx", 100}, {"dx", 200}, {"tx", 81},  {"dr", 55},  {"dr", 110}, {"dr", 220}};

const WordSet number_owners(k_number_owners);

}  // namespace

bool owns_number(std::string_view word, double number) {
  if (number_owners.contains(word)) return true;
  return std::any_of(std::begin(k_model_numbers), std::end(k_model_numbers),
                     [&](const ModelNumber& model) { return model.prefix == word && model.number == number; });
}

}  // namespace samplemind::metadata
