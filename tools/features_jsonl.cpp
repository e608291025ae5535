// Extraction only, one JSON line per file, without the CLI: lets the evaluation and
// benchmarks run against the core library alone. Usage: features_jsonl FILE...
#include <cstdio>

#include <nlohmann/json.hpp>

#include "audio/feature_extractor.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const auto features = samplemind::extract_features_from_file(argv[i]);
    nlohmann::json line{{"path", argv[i]}, {"status", features.ok() ? "ok" : "error"},
                        {"error", features.ok() ? nlohmann::json() : nlohmann::json(features.error())},
                        {"features", features.ok() ? samplemind::features_to_json(*features) : nlohmann::json()}};
    std::printf("%s\n", line.dump().c_str());
  }
  return 0;
}
