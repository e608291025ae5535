// Scores `samplemind features --format jsonl` output against a corpus manifest:
// tempo Acc1/Acc2/exact integer BPM on loops, MIREX key score on tonal loops,
// no-key rate on percussive files; optional floors make it a regression test.
// Usage: eval_features MANIFEST.tsv FEATURES.jsonl [--floor NAME=VALUE]... [--verbose]
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

const char* const k_pitch_names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

int pitch_class(const std::string& name) {
  for (int i = 0; i < 12; ++i) if (name == k_pitch_names[i]) return i;
  return -1;
}

// MIREX weighted key score: 1 same, 0.5 fifth, 0.3 relative, 0.2 parallel.
double mirex_score(int true_pc, bool true_minor, int est_pc, bool est_minor) {
  if (est_pc < 0) return 0.0;
  if (est_pc == true_pc && est_minor == true_minor) return 1.0;
  if (est_minor == true_minor && (est_pc == (true_pc + 7) % 12 || est_pc == (true_pc + 5) % 12)) return 0.5;
  if (!true_minor && est_minor && est_pc == (true_pc + 9) % 12) return 0.3;
  if (true_minor && !est_minor && est_pc == (true_pc + 3) % 12) return 0.3;
  if (est_pc == true_pc && est_minor != true_minor) return 0.2;
  return 0.0;
}

struct Tally {
  int count = 0;
  double sum = 0.0;
  void add(double v) { ++count; sum += v; }
  double rate() const { return count > 0 ? sum / count : 0.0; }
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  return fields;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: eval_features MANIFEST.tsv FEATURES.jsonl [--floor NAME=VALUE]... [--verbose]\n");
    return 2;
  }
  std::map<std::string, nlohmann::json> features;
  std::ifstream jsonl(argv[2]);
  for (std::string line; std::getline(jsonl, line);) {
    if (line.empty()) continue;
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.contains("path")) continue;
    features[base_name(doc["path"].get<std::string>())] = doc;
  }
  bool verbose = false;
  std::map<std::string, double> floors;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--verbose") verbose = true;
    if (arg == "--floor" && i + 1 < argc) {
      const std::string spec = argv[++i];
      floors[spec.substr(0, spec.find('='))] = std::stod(spec.substr(spec.find('=') + 1));
    }
  }

  Tally acc1, acc2, exact, mirex, no_key_percussive, no_tempo_oneshot, root_ok, failed;
  std::map<std::string, Tally> acc1_by_category;
  std::ifstream manifest(argv[1]);
  std::string line;
  std::getline(manifest, line);  // header
  while (std::getline(manifest, line)) {
    const auto f = split_tabs(line);
    if (f.size() < 6) continue;
    const std::string& file = f[0];
    const std::string& category = f[1];
    const auto found = features.find(file);
    const bool ok = found != features.end() && found->second.value("status", "") == "ok";
    failed.add(ok ? 0.0 : 1.0);
    const nlohmann::json feat = ok ? found->second["features"] : nlohmann::json::object();
    const bool has_tempo = feat.contains("tempo_bpm") && feat["tempo_bpm"].is_number();
    const double bpm = has_tempo ? feat["tempo_bpm"].get<double>() : 0.0;
    const bool has_key = feat.contains("key") && feat["key"].is_string();
    if (category == "tonal_loop" || category == "drum_loop") {
      const double truth = std::stod(f[2]);
      const bool a1 = has_tempo && std::abs(bpm - truth) <= 0.04 * truth;
      bool a2 = a1;
      for (double factor : {2.0, 0.5, 3.0, 1.0 / 3.0}) a2 = a2 || (has_tempo && std::abs(bpm - truth * factor) <= 0.04 * truth * factor);
      acc1.add(a1);
      acc2.add(a2);
      acc1_by_category[category].add(a1);
      exact.add(has_tempo && bpm == std::round(bpm) && std::lround(bpm) == std::lround(truth));
      if (verbose && !(has_tempo && bpm == truth)) {
        std::printf("tempo  %s %s %s true %.0f got %s\n", file.c_str(), category.c_str(), f.size() > 9 ? f[9].c_str() : "", truth,
                    has_tempo ? std::to_string(bpm).c_str() : "null");
      }
    }
    if (category == "tonal_loop") {
      const int true_pc = pitch_class(f[3]);
      const bool true_minor = f[4] == "minor";
      const int est_pc = has_key ? pitch_class(feat["key"].get<std::string>()) : -1;
      const bool est_minor = feat.contains("mode") && feat["mode"].is_string() && feat["mode"] == "minor";
      const double score = mirex_score(true_pc, true_minor, est_pc, est_minor);
      mirex.add(score);
      if (verbose && score < 1.0) {
        std::printf("key    %s true %s %s got %s %s\n", file.c_str(), f[3].c_str(), f[4].c_str(),
                    has_key ? feat["key"].get<std::string>().c_str() : "null",
                    est_minor ? "minor" : "major");
      }
    }
    if (category == "drum_loop" || category == "drum_hit") {
      no_key_percussive.add(!has_key);
      if (verbose && has_key) std::printf("drumkey %s %s got %s\n", file.c_str(), category.c_str(), feat["key"].get<std::string>().c_str());
    }
    if (category == "drum_hit" || category == "pitched_hit") {
      no_tempo_oneshot.add(!has_tempo);
      if (verbose && has_tempo) std::printf("hittempo %s %s got %.1f\n", file.c_str(), category.c_str(), bpm);
    }
    if (category == "pitched_hit") {
      const bool good = feat.contains("root_midi") && feat["root_midi"].is_number() &&
                        feat["root_midi"].get<int>() == std::stoi(f[5]);
      root_ok.add(good);
      if (verbose && !good) std::printf("root   %s true %s got %s\n", file.c_str(), f[5].c_str(), feat.value("root_midi", nlohmann::json()).dump().c_str());
    }
  }

  const std::map<std::string, double> metrics = {
      {"acc1", acc1.rate()}, {"acc2", acc2.rate()}, {"integer", exact.rate()}, {"mirex", mirex.rate()},
      {"nokey_percussive", no_key_percussive.rate()}, {"notempo_oneshot", no_tempo_oneshot.rate()},
      {"root", root_ok.rate()}, {"failed", failed.rate()}};
  std::printf("loops %d (tonal acc1 %.3f, drum acc1 %.3f)\n", acc1.count, acc1_by_category["tonal_loop"].rate(),
              acc1_by_category["drum_loop"].rate());
  std::printf("tempo Acc1            %.3f\n", acc1.rate());
  std::printf("tempo Acc2            %.3f\n", acc2.rate());
  std::printf("exact integer BPM     %.3f\n", exact.rate());
  std::printf("key MIREX (%d tonal)  %.3f\n", mirex.count, mirex.rate());
  std::printf("no-key percussive     %.3f (%d files)\n", no_key_percussive.rate(), no_key_percussive.count);
  std::printf("no-tempo one-shots    %.3f (%d files)\n", no_tempo_oneshot.rate(), no_tempo_oneshot.count);
  std::printf("root note exact       %.3f (%d files)\n", root_ok.rate(), root_ok.count);
  std::printf("failed files          %.3f\n", failed.rate());
  int status = 0;
  for (const auto& [name, floor] : floors) {
    const auto metric = metrics.find(name);
    if (metric == metrics.end()) {
      std::fprintf(stderr, "unknown metric %s\n", name.c_str());
      status = 2;
    } else if (metric->second < floor) {
      std::fprintf(stderr, "FLOOR BROKEN: %s = %.3f < %.3f\n", name.c_str(), metric->second, floor);
      status = 1;
    }
  }
  return status;
}
