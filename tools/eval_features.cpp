// Scores `samplemind features --format jsonl` output against a corpus manifest, per set:
// the generated corpus (tools/gen_corpus.cpp, no `set` column: one column "all") and the
// real corpus (scripts/make_real_corpus.sh: columns all / tune / heldout).
// Metrics: tempo given / Acc1 / Acc2 / loop kind on loops, MIREX key on labelled tonal
// loops, tempo-null on drum hits and noise/fx, key-null on drum hits and drum loops,
// pitched-hit tonic and root accuracy.  Floors (on the "all" column) make it a regression test.
// Usage: eval_features MANIFEST.tsv FEATURES.jsonl [--floor NAME=VALUE]... [--verbose]
#include <algorithm>
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

// Metric name -> tally, in print order.
const char* const k_metrics[][2] = {
    {"tempo_given", "tempo given (loops)"},   {"acc1", "tempo Acc1 4%"},
    {"acc2", "tempo Acc2 (x2 x3 /2 /3)"},     {"acc1_top2", "  Acc1 of either candidate"},
    {"tempo_conf", "  mean tempo_confidence"},  {"acc1_tonal", "  Acc1 tonal loops"},
    {"acc1_drum", "  Acc1 drum loops"},        {"acc1_mma", "  Acc1 MMA song loops"},
    {"acc2_mma", "  Acc2 MMA song loops"},
    {"acc1_short2", "  Acc1 cut 2% short"},    {"acc1_short5", "  Acc1 cut 5% short"},
    {"acc1_tail10", "  Acc1 10% silent tail"}, {"acc1_reverb15", "  Acc1 15% reverb tail"},
    {"acc1_long3", "  Acc1 3% too long"},      {"acc1_lead30", "  Acc1 30 ms lead-in"},
    {"acc1_repeat8", "  Acc1 repeated 8 times"}, {"acc1_frac", "  Acc1 at no whole BPM"},
    {"acc1_song", "  Acc1 whole songs"},
    {"integer", "exact integer BPM"},
    {"loop_kind", "kind=loop on loops"},       {"mirex", "key MIREX (labelled tonal)"},
    {"mirex_lmms", "  LMMS project loops"},     {"mirex_mma", "  MMA song loops"},
    {"mirex_phrase", "key MIREX (rendered tunes)"}, {"mirex_phrase_agreed", "  notes agree with K:"},
    {"notempo_drumhit", "tempo null drum hits"}, {"notempo_fx", "tempo null noise/fx"},
    {"notempo_spoken", "  spoken words and letters"},
    {"notempo_oneshot", "tempo null all one-shots"}, {"nokey_drumhit", "key null drum hits"},
    {"nokey_drumloop", "key null drum loops"}, {"nokey_percussive", "key null percussive"},
    {"nopitch_spoken", "key and root null, spoken"},
    {"tonic", "pitched-hit tonic"},            {"tonic_note", "  tonic, single notes"},
    {"tonic_chord", "  tonic, chords (strums)"}, {"root", "pitched-hit root exact"},
    {"failed", "failed files"}};

using Scores = std::map<std::string, Tally>;

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

// One manifest row, named by column so both corpus layouts read the same way.
struct Row {
  std::map<std::string, std::string> cols;
  const std::string& operator[](const std::string& name) const {
    static const std::string none = "-";
    const auto it = cols.find(name);
    return it == cols.end() ? none : it->second;
  }
};

// Scores one file into `s`; prints a line per miss when verbose.
void score_file(const Row& row, const nlohmann::json* doc, Scores& s, bool verbose) {
  const std::string& file = row["file"];
  const std::string& category = row["category"];
  const bool ok = doc != nullptr && doc->value("status", "") == "ok";
  s["failed"].add(ok ? 0.0 : 1.0);
  const nlohmann::json feat = ok ? (*doc)["features"] : nlohmann::json::object();
  const bool has_tempo = feat.contains("tempo_bpm") && feat["tempo_bpm"].is_number();
  const double bpm = has_tempo ? feat["tempo_bpm"].get<double>() : 0.0;
  const bool has_key = feat.contains("key") && feat["key"].is_string();
  const std::string est_key = has_key ? feat["key"].get<std::string>() : "null";
  const bool est_minor = feat.contains("mode") && feat["mode"].is_string() && feat["mode"] == "minor";
  const std::string kind = feat.contains("kind") && feat["kind"].is_string() ? feat["kind"].get<std::string>() : "null";
  const bool has_root = feat.contains("root_midi") && feat["root_midi"].is_number();
  const int est_root = has_root ? feat["root_midi"].get<int>() : -1;
  const std::string& detail = row["detail"];

  const bool is_loop = category == "tonal_loop" || category == "drum_loop";
  const bool from_lmms = detail.find("bar lmms ") != std::string::npos;
  const bool from_mma = detail.find("bar mma ") != std::string::npos;
  if (is_loop) s["loop_kind"].add(kind == "loop");
  // A loop without a tempo label (a cut-time chart faster than 200 BPM) is scored as a loop only.
  if (is_loop && row["bpm"] != "-") {
    const double truth = std::stod(row["bpm"]);
    const bool a1 = has_tempo && std::abs(bpm - truth) <= 0.04 * truth;
    bool a2 = a1;
    for (double factor : {2.0, 0.5, 3.0, 1.0 / 3.0}) a2 = a2 || (has_tempo && std::abs(bpm - truth * factor) <= 0.04 * truth * factor);
    s["tempo_given"].add(has_tempo);
    s["acc1"].add(a1);
    // Either reading of tempo_candidates, and what the first one's confidence promised: a
    // mean confidence above Acc1 is an overconfident estimator.
    bool either = a1;
    if (feat.contains("tempo_candidates") && feat["tempo_candidates"].is_array()) {
      for (const auto& c : feat["tempo_candidates"]) {
        if (c.is_object() && c.contains("bpm") && c["bpm"].is_number()) {
          either = either || std::abs(c["bpm"].get<double>() - truth) <= 0.04 * truth;
        }
      }
    }
    s["acc1_top2"].add(either);
    if (has_tempo && feat.contains("tempo_confidence") && feat["tempo_confidence"].is_number()) {
      s["tempo_conf"].add(feat["tempo_confidence"].get<double>());
    }
    s["acc2"].add(a2);
    s[category == "tonal_loop" ? "acc1_tonal" : "acc1_drum"].add(a1);
    if (from_mma) {
      s["acc1_mma"].add(a1);
      s["acc2_mma"].add(a2);
    }
    // tools/real_corpus_perturb.py names its variant first in the detail.
    for (const char* variant : {"short2", "short5", "tail10", "reverb15", "long3", "lead30", "repeat8", "frac"}) {
      if (detail.rfind(std::string(variant) + " ", 0) == 0) s[std::string("acc1_") + variant].add(a1);
    }
    if (detail.rfind("song ", 0) == 0) s["acc1_song"].add(a1);  // tools/real_corpus_songs.py
    s["integer"].add(has_tempo && bpm == std::round(bpm) && std::lround(bpm) == std::lround(truth));
    if (verbose && (!a1 || kind != "loop")) {
      std::printf("loop    %s %s [%s] true %.0f got %s kind %s\n", file.c_str(), category.c_str(), detail.c_str(), truth,
                  has_tempo ? std::to_string(bpm).c_str() : "null", kind.c_str());
    }
  }
  if (category == "tonal_loop" && pitch_class(row["key"]) >= 0) {
    const bool true_minor = row["mode"] == "minor";
    const double score = mirex_score(pitch_class(row["key"]), true_minor, has_key ? pitch_class(est_key) : -1, est_minor);
    s["mirex"].add(score);
    if (from_lmms) s["mirex_lmms"].add(score);
    if (from_mma) s["mirex_mma"].add(score);
    if (verbose && score < 1.0) {
      std::printf("key     %s true %s %s got %s %s\n", file.c_str(), row["key"].c_str(), row["mode"].c_str(),
                  est_key.c_str(), est_minor ? "minor" : "major");
    }
  }
  // A rendered tune excerpt: the key its K: field states; scored again on the files whose
  // own notes agree with it (the others include notation demonstrations).
  if (category == "tonal_phrase" && pitch_class(row["key"]) >= 0) {
    const double score =
        mirex_score(pitch_class(row["key"]), row["mode"] == "minor", has_key ? pitch_class(est_key) : -1, est_minor);
    s["mirex_phrase"].add(score);
    if (detail.find("notes agree") != std::string::npos) s["mirex_phrase_agreed"].add(score);
    if (verbose && score < 1.0) {
      std::printf("phrase  %s [%s] true %s %s got %s %s\n", file.c_str(), detail.c_str(), row["key"].c_str(),
                  row["mode"].c_str(), est_key.c_str(), est_minor ? "minor" : "major");
    }
  }
  if (category == "drum_loop" || category == "drum_hit") {
    s[category == "drum_hit" ? "nokey_drumhit" : "nokey_drumloop"].add(!has_key);
    s["nokey_percussive"].add(!has_key);
    if (verbose && has_key) std::printf("drumkey %s %s got %s\n", file.c_str(), category.c_str(), est_key.c_str());
  }
  if (category == "drum_hit" || category == "pitched_hit" || category == "noise_fx") {
    s["notempo_oneshot"].add(!has_tempo);
    if (category == "drum_hit") s["notempo_drumhit"].add(!has_tempo);
    if (category == "noise_fx") s["notempo_fx"].add(!has_tempo);
    if (category == "noise_fx" && detail.rfind("spoken", 0) == 0) {
      s["notempo_spoken"].add(!has_tempo);
      s["nopitch_spoken"].add(!has_key && !has_root);  // a spoken word has no key, its voice no note
    }
    if (verbose && has_tempo) std::printf("hittempo %s %s [%s] got %.1f\n", file.c_str(), category.c_str(), detail.c_str(), bpm);
  }
  if (category == "pitched_hit") {
    const bool labelled_root = row["root_midi"] != "-";
    const int true_pc = labelled_root ? std::stoi(row["root_midi"]) % 12 : pitch_class(row["key"]);
    const bool tonic = (has_root && est_root % 12 == true_pc) || (has_key && pitch_class(est_key) == true_pc);
    s["tonic"].add(tonic);
    // A label with a MIDI root is one note; a label with only a key names a chord.
    s[labelled_root ? "tonic_note" : "tonic_chord"].add(tonic);
    if (labelled_root) s["root"].add(has_root && est_root == std::stoi(row["root_midi"]));
    if (verbose && !tonic) {
      std::printf("pitched %s [%s] true pc %s root %s got root %d key %s\n", file.c_str(), detail.c_str(),
                  true_pc >= 0 ? k_pitch_names[true_pc] : "?", row["root_midi"].c_str(), est_root, est_key.c_str());
    }
  }
}

std::string cell(const Tally& t) {
  char buf[32];
  if (t.count == 0) return "      -     ";
  std::snprintf(buf, sizeof(buf), "%6.3f (%3d)", t.rate(), t.count);
  return buf;
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

  std::ifstream manifest(argv[1]);
  std::string line;
  std::getline(manifest, line);
  const auto header = split_tabs(line);
  std::vector<std::string> sets = {"all"};
  std::map<std::string, Scores> by_set;
  while (std::getline(manifest, line)) {
    const auto f = split_tabs(line);
    if (f.size() < 6) continue;
    Row row;
    for (std::size_t i = 0; i < f.size() && i < header.size(); ++i) row.cols[header[i]] = f[i];
    const auto found = features.find(row["file"]);
    const nlohmann::json* doc = found == features.end() ? nullptr : &found->second;
    score_file(row, doc, by_set["all"], verbose);
    if (row["set"] != "-") {
      if (!by_set.count(row["set"])) sets.push_back(row["set"]);
      score_file(row, doc, by_set[row["set"]], false);
    }
  }
  // Halves in a fixed order, whatever order the manifest lists them in (a manifest sorted by
  // file name can start with a held-out row): tools/eval_table.py reads tune, then heldout.
  const auto rank = [](const std::string& set) { return set == "all" ? 0 : set == "tune" ? 1 : set == "heldout" ? 2 : 3; };
  std::stable_sort(sets.begin(), sets.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  std::printf("%-28s", "metric");
  for (const auto& set : sets) std::printf(" %12s", set.c_str());
  std::printf("\n");
  for (const auto& [name, label] : k_metrics) {
    std::printf("%-28s", label);
    for (const auto& set : sets) std::printf(" %s", cell(by_set[set][name]).c_str());
    std::printf("   [%s]\n", name);
  }
  int status = 0;
  for (const auto& [name, floor] : floors) {
    const auto metric = by_set["all"].find(name);
    if (metric == by_set["all"].end()) {
      std::fprintf(stderr, "unknown or empty metric %s\n", name.c_str());
      status = 2;
    } else if (metric->second.rate() < floor) {
      std::fprintf(stderr, "FLOOR BROKEN: %s = %.3f < %.3f\n", name.c_str(), metric->second.rate(), floor);
      status = 1;
    }
  }
  return status;
}
