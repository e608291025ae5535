// Cache benchmark: put/get latency p50/p99 per backend over N entries, and bytes per entry.
// Usage: bench_cache [--entries N] [--dir DIR] [--redis URL] [--json]
//        bench_cache --make-library DIR N   (N two-second WAV loops for the cold/warm run)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <hiredis/hiredis.h>
#include <nlohmann/json.hpp>

#include "support/audio_writer.hpp"
#include "cache/cache_backend.hpp"
#include "cache/cache_entry.hpp"
#include "cache/sha256.hpp"

namespace fs = std::filesystem;
using namespace samplemind;

namespace {

constexpr int k_default_entries = 10000;
constexpr int k_library_rate_hz = 44100;
constexpr double k_library_seconds = 2.0;
constexpr double k_pi = 3.14159265358979323846;
constexpr const char* k_floor_suffix = ".floor";

// An answer shaped like a real analysis (genre, mood, tags, advice), about 600 bytes.
CacheRecord bench_record(int i) {
  CacheRecord record;
  record.key = sha256_hex("bench-" + std::to_string(i));
  record.payload = nlohmann::json{
      {"genre", i % 3 == 0 ? "house" : "techno"},
      {"subgenre", "deep house"},
      {"mood", "dark, driving"},
      {"energy_level", "high"},
      {"tags", {"loop", "125-130 bpm", "A minor", "8A", "drums", "four-on-the-floor"}},
      {"confidence", 0.5 + (i % 50) / 100.0},
      {"summary", fmt::format("A {} bpm loop in A minor with a punchy kick, offbeat hats and a rolling bassline; "
                              "suits peak-time sets. Variation {}.", 120 + i % 10, i)},
      {"suggestions", {"layer a clap on 2 and 4", "side-chain the bass to the kick", "filter sweep into the drop"}},
  }.dump();
  record.provider = "openai";
  record.model = "gpt-4o-mini";
  record.analysis_type = "genre_classification";
  record.input_tokens = 350;
  record.output_tokens = 160;
  record.cost_usd = 0.000148;
  record.cached_at = 1700000000 + i;
  record.expires_at = 0;
  record.key_version = 1;
  return record;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

// Apparent bytes and allocated bytes (whole filesystem blocks) of a file or a tree.
std::pair<std::int64_t, std::int64_t> disk_bytes(const fs::path& path) {
  std::int64_t total = 0;
  std::int64_t allocated = 0;
  std::error_code error;
  auto add = [&](const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      total += info.st_size;
      allocated += static_cast<std::int64_t>(info.st_blocks) * 512;
    }
  };
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::recursive_directory_iterator(path, error)) add(entry.path());
  } else {
    for (const char* suffix : {"", "-wal", "-shm"}) add(path.string() + suffix);
  }
  return {total, allocated};
}

std::int64_t redis_used_memory(const std::string& url) {
  // Only for loopback test servers without a password: host and port from the URL.
  std::string rest = url.substr(8);
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  redisContext* context = redisConnect(rest.substr(0, colon).c_str(), std::stoi(rest.substr(colon + 1)));
  if (context == nullptr || context->err) return 0;
  auto* reply = static_cast<redisReply*>(redisCommand(context, "INFO memory"));
  std::int64_t used = 0;
  if (reply && reply->type == REDIS_REPLY_STRING) {
    if (const char* field = std::strstr(reply->str, "used_memory:")) used = std::atoll(field + 12);
  }
  if (reply) freeReplyObject(reply);
  redisFree(context);
  return used;
}

struct Row {
  std::string backend;
  double put_p50_us, put_p99_us, get_p50_us, get_p99_us, bytes_per_entry, allocated_per_entry;
  int failures;
};

// The filesystem's own floor for the file backend: the same create + write + close +
// rename of a same-sized document, and open + read + close, with no samplemind code, in
// the very shard folder the backend just wrote to (ext4 allocates inodes per folder's
// block group, so another folder can be much faster or slower), right after the
// backend's own operation, so both rows see the same moment of a shared, noisy disk.
class FilesystemFloor {
 public:
  FilesystemFloor(fs::path backend_root, int entries)
      : root_(std::move(backend_root)), entries_(entries), content_(encode_entry(bench_record(0)).size(), 'x') {}
  void put(int i, const std::string& key) {
    shards_.push_back(key.substr(0, 2));
    const fs::path target = path_of(i);
    const auto start = clock::now();
    const std::string temp = target.string() + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    const bool ok = fd >= 0 && ::write(fd, content_.data(), content_.size()) == static_cast<ssize_t>(content_.size());
    failures_ += !(ok && ::close(fd) == 0 && ::rename(temp.c_str(), target.c_str()) == 0);
    put_us_.push_back(std::chrono::duration<double, std::micro>(clock::now() - start).count());
  }
  void get(int i) {
    const fs::path target = path_of(i);
    const auto start = clock::now();
    const int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
    char buffer[8192];
    failures_ += fd < 0 || ::read(fd, buffer, sizeof buffer) != static_cast<ssize_t>(content_.size());
    if (fd >= 0) ::close(fd);
    get_us_.push_back(std::chrono::duration<double, std::micro>(clock::now() - start).count());
  }
  Row row() const {
    return {"fs-floor", percentile(put_us_, 0.5), percentile(put_us_, 0.99), percentile(get_us_, 0.5),
            percentile(get_us_, 0.99), static_cast<double>(bytes_) / entries_,
            static_cast<double>(allocated_) / entries_, failures_};
  }
  // Measures and deletes the floor's files, so they are not counted as the backend's.
  void remove_files() {
    for (int i = 0; i < static_cast<int>(shards_.size()); ++i) {
      const auto [bytes, allocated] = disk_bytes(path_of(i));
      bytes_ += bytes;
      allocated_ += allocated;
      ::unlink(path_of(i).c_str());
    }
  }

 private:
  using clock = std::chrono::steady_clock;
  fs::path path_of(int i) const {
    return root_ / shards_[static_cast<std::size_t>(i)] / fmt::format("floor-{}{}", i, k_floor_suffix);
  }
  fs::path root_;
  int entries_;
  std::string content_;
  std::vector<std::string> shards_;
  std::vector<double> put_us_, get_us_;
  std::int64_t bytes_ = 0, allocated_ = 0;
  int failures_ = 0;
};

Row bench_backend(const std::string& label, const std::string& url, int entries, const fs::path& storage,
                  FilesystemFloor* floor = nullptr) {
  using clock = std::chrono::steady_clock;
  const bool redis = url.starts_with("redis://");
  const std::int64_t memory_before = redis ? redis_used_memory(url) : 0;
  std::vector<CacheRecord> records;
  for (int i = 0; i < entries; ++i) records.push_back(bench_record(i));
  std::vector<double> put_us, get_us;
  int failures = 0;
  {
    auto backend = open_cache_backend(url);
    if (redis) backend->clear(ClearFilter{});
    for (const CacheRecord& record : records) {
      const auto start = clock::now();
      failures += !backend->put(record).ok;
      put_us.push_back(std::chrono::duration<double, std::micro>(clock::now() - start).count());
      if (floor) floor->put(static_cast<int>(put_us.size()) - 1, record.key);
    }
    for (int i = 0; i < entries; ++i) {
      const int index = (i * 7919) % entries;  // scattered order
      const CacheRecord& record = records[static_cast<std::size_t>(index)];
      const auto start = clock::now();
      failures += backend->get(EntryKind::ai, record.key).status != LookupStatus::hit;
      get_us.push_back(std::chrono::duration<double, std::micro>(clock::now() - start).count());
      if (floor) floor->get(index);
    }
    if (redis) {
      const std::int64_t used = redis_used_memory(url) - memory_before;
      backend->clear(ClearFilter{});
      return {label, percentile(put_us, 0.5), percentile(put_us, 0.99), percentile(get_us, 0.5),
              percentile(get_us, 0.99), static_cast<double>(used) / entries, static_cast<double>(used) / entries,
              failures};
    }
  }  // closing the SQLite connection checkpoints and removes the WAL
  if (floor) floor->remove_files();  // before the backend's bytes are counted
  const auto [bytes, allocated] = url == "memory" ? std::pair<std::int64_t, std::int64_t>{0, 0} : disk_bytes(storage);
  return {label, percentile(put_us, 0.5), percentile(put_us, 0.99), percentile(get_us, 0.5), percentile(get_us, 0.99),
          static_cast<double>(bytes) / entries, static_cast<double>(allocated) / entries, failures};
}

// N distinct mono 16-bit loops: a click track with a bass tone, each at its own tempo and pitch.
int make_library(const fs::path& dir, int count) {
  const int frames = static_cast<int>(k_library_rate_hz * k_library_seconds);
  for (int n = 0; n < count; ++n) {
    const double bpm = 90.0 + (n % 61);
    const double tone_hz = 55.0 * std::pow(2.0, (n % 24) / 12.0);
    const int beat = static_cast<int>(k_library_rate_hz * 60.0 / bpm);
    std::vector<float> samples(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
      const double click = (i % beat) < 400 ? std::sin(2 * k_pi * 1800.0 * i / k_library_rate_hz) * (1.0 - (i % beat) / 400.0) : 0.0;
      const double value = 0.45 * click + 0.3 * std::sin(2 * k_pi * tone_hz * i / k_library_rate_hz) * (0.5 + 0.01 * (n % 37));
      samples[static_cast<std::size_t>(i)] = static_cast<float>(std::clamp(value, -1.0, 1.0) * 32000.0 / 32768.0);
    }
    const fs::path folder = dir / fmt::format("pack{:02}", n / 100);
    fs::create_directories(folder);
    const auto written = samplemind::audio::write_audio_file(
        folder / fmt::format("loop_{:04}_{}bpm.wav", n, static_cast<int>(bpm)), samples, {.sample_rate = k_library_rate_hz});
    if (!written) {
      std::fprintf(stderr, "bench_cache: %s\n", written.error.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int entries = k_default_entries;
  fs::path dir = fs::temp_directory_path() / "samplemind-bench-cache";
  std::string redis_url;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--make-library" && i + 2 < argc) return make_library(argv[i + 1], std::atoi(argv[i + 2]));
    if (arg == "--entries" && i + 1 < argc) entries = std::atoi(argv[++i]);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else if (arg == "--redis" && i + 1 < argc) redis_url = argv[++i];
    else if (arg == "--json") json = true;
    else {
      std::fprintf(stderr, "usage: bench_cache [--entries N] [--dir DIR] [--redis URL] [--json]\n"
                           "       bench_cache --make-library DIR N\n");
      return 2;
    }
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<Row> rows;
  rows.push_back(bench_backend("sqlite", "sqlite:" + (dir / "cache.db").string(), entries, dir / "cache.db"));
  FilesystemFloor floor(dir / "files" / "ai", entries);
  rows.push_back(bench_backend("file", "file:" + (dir / "files").string(), entries, dir / "files", &floor));
  rows.push_back(floor.row());
  if (!redis_url.empty()) rows.push_back(bench_backend("redis", redis_url, entries, {}));
  rows.push_back(bench_backend("memory", "memory", entries, {}));
  fs::remove_all(dir);

  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const Row& row : rows) {
      out.push_back({{"backend", row.backend}, {"entries", entries}, {"put_p50_us", row.put_p50_us},
                     {"put_p99_us", row.put_p99_us}, {"get_p50_us", row.get_p50_us}, {"get_p99_us", row.get_p99_us},
                     {"bytes_per_entry", row.bytes_per_entry}, {"allocated_per_entry", row.allocated_per_entry},
                     {"failures", row.failures}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("%-8s %10s %10s %10s %10s %12s %12s %7s\n", "backend", "put p50us", "put p99us", "get p50us",
                "get p99us", "bytes/entry", "alloc/entry", "errors");
    for (const Row& row : rows) {
      std::printf("%-8s %10.1f %10.1f %10.1f %10.1f %12.0f %12.0f %7d\n", row.backend.c_str(), row.put_p50_us,
                  row.put_p99_us, row.get_p50_us, row.get_p99_us, row.bytes_per_entry, row.allocated_per_entry,
                  row.failures);
    }
    std::printf("(%d entries each; bytes/entry: file sizes for sqlite/file, used_memory growth for redis; "
                "alloc/entry: whole filesystem blocks;\n fs-floor: the bare syscalls of a file put/get, no samplemind code)\n", entries);
  }
  return 0;
}
