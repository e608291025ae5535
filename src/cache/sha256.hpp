#pragma once
// SHA-256 via OpenSSL: the cache key function and the file content hash.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace samplemind {

// Hex digest of a string.
std::string sha256_hex(std::string_view data);

// Incremental hashing for data that arrives in blocks (file contents).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex_digest();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

// Hex digest of a file's bytes, read in blocks.
Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace samplemind
