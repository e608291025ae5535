// Which word before a number makes it a count, an index or a model number, not a tempo.
#include "metadata/number_owners.hpp"

#include <algorithm>
#include <array>

#include "metadata/word_set.hpp"

namespace samplemind::metadata {

namespace {

// Words after which a number is a model, count or index, not a tempo ("Juno 106", "Take 2").
constexpr std::string_view k_number_owners[] = {
    "take", "tk", "vol", "volume", "part", "pt", "no", "nr", "num", "number", "version", "ver", "v",
    "track", "trk", "rr", "round", "layer", "var", "variation", "vel", "velocity", "preset", "patch",
    "program", "prog", "bank", "kit", "pack", "disc", "cd", "chapter", "ep", "op", "opus", "chop",
    "hit", "shot", "slice", "sample", "smp", "x", "#", "juno", "jupiter",
    "prophet", "model", "mk", "mark", "roland", "korg", "yamaha", "moog", "linn", "oberheim", "akai",
    "emu", "ensoniq", "casio"};
// Short model prefixes are also pack prefixes ("SO_TX_90_Piano_Loop"), so after one of these
// only the model numbers it is known by in the tempo range are models ("SH 101", "CS 80",
// "DR 110"); TR, TB, SP, ... have none there (808, 303, 404 are out of range anyway).
struct ModelNumbers {
  std::string_view prefix;
  std::array<int, 3> numbers;  // 0: unused
};
constexpr ModelNumbers k_model_numbers[] = {
    {"tr", {}}, {"cr", {78}}, {"cs", {60, 80}}, {"sh", {101}}, {"tb", {}}, {"mc", {101, 202}},
    {"mpc", {60}}, {"sp", {}}, {"dx", {100, 200}}, {"tx", {81}}, {"ob", {}}, {"jx", {}},
    {"jp", {}}, {"rx", {}}, {"dr", {55, 110, 220}}, {"rz", {}}, {"ms", {}}};

const WordSet number_owners(k_number_owners);

}  // namespace

bool owns_number(std::string_view word, double number) {
  if (number_owners.contains(word)) return true;
  for (const ModelNumbers& model : k_model_numbers) {
    if (model.prefix != word) continue;
    return std::any_of(model.numbers.begin(), model.numbers.end(), [&](int n) { return n != 0 && number == n; });
  }
  return false;
}

}  // namespace samplemind::metadata
