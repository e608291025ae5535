#pragma once
// file:DIR: one JSON document per entry in sharded subfolders (DIR/ai/3f/3f9c....json),
// written to a temp file and renamed into place; folders 0700, files 0600. The file's
// mtime is its last access (refreshed on hits), which drives LRU eviction.
#include <filesystem>
#include <functional>
#include <string>

#include "cache/file_cache_tree.hpp"
#include "cache/cache_backend.hpp"

namespace samplemind {

class FileBackend final : public CacheBackend {
 public:
  explicit FileBackend(std::filesystem::path root);

  std::string name() const override { return "file"; }
  std::string location() const override { return root_.string(); }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override;
  Result<CacheStats> stats() override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override;
  Status for_each(const EntryVisitor& visitor) override;
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override;
  Status reset_usage() override;

 private:
  using FileVisitor = std::function<bool(const CacheTreeFile&)>;

  std::filesystem::path entry_path(EntryKind kind, const std::string& key) const;
  Status ensure_dir(const std::filesystem::path& dir) const;
  Status write_atomically(const std::filesystem::path& target, const std::string& content) const;
  Status walk_entries(const FileVisitor& visitor) const;
  Status visit_files(const std::vector<std::string>& kinds, const EntryVisitor& visitor) const;
  Result<std::vector<UsageCounters>> read_usage() const;

  std::filesystem::path root_;
};

// Reads a whole (small) regular file, refusing a symlink; an error when it cannot be opened (errno in
// error_number) or read.
Result<std::string> read_small_file(const std::filesystem::path& path, int* error_number = nullptr);

}  // namespace samplemind
