// Deterministic recursive walk: entries sorted byte-wise per folder, depth first,
// symlinked folders followed once (a loop cannot make the walk infinite).
#include "pipeline/scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <climits>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "pipeline/apple_double.hpp"

namespace samplemind {

namespace fs = std::filesystem;

namespace {
constexpr std::array<std::string_view, 21> k_audio_extensions = {
    "wav", "wave", "aif", "aiff", "aifc", "flac", "ogg", "oga", "opus", "mp3", "au",
    "snd", "caf", "w64", "rf64", "voc", "sd2", "mat", "pvf", "htk", "wv"};

using DirectoryId = std::pair<dev_t, ino_t>;
// open() fails with ENAMETOOLONG from this many bytes on (PATH_MAX counts the final NUL).
constexpr std::size_t k_path_max_bytes = PATH_MAX;

// Why a symbolic link leads nowhere: a loop (ELOOP) or a missing target.
std::string broken_link_problem(const std::error_code& error) {
  return error.value() == ELOOP ? "symbolic link loop" : "dangling symbolic link";
}

// One folder entry as listed: its name and the type the listing gave (unknown for links).
struct Listed {
  std::string name;
  fs::file_type type;
};

struct Walker {
  const ScanOptions& options;
  const ScanSink& sink;
  std::set<DirectoryId> visited;
  fs::path input;  // the command-line path being walked (shard hashes are relative to it)
  WalkTotals totals;

  // Every item goes out through here: the shard filter is applied once, for files and problems alike.
  void emit(ScanItem item) {
    if (options.shard && !in_shard(*options.shard, path_below_input(item.path, input))) {
      ++totals.outside_shard;
      return;
    }
    sink(std::move(item));
  }

  void add_problem(const fs::path& path, std::string message) { emit({path, std::move(message), std::nullopt}); }

  // The system cannot open a path this long by name: say so for each audio file and folder
  // instead of skipping them silently.
  void report_too_long(const fs::path& entry, fs::file_type listed_type) {
    const std::string limit = fmt::format("path too long ({} bytes; the system limit is {})", entry.native().size(),
                                          k_path_max_bytes - 1);
    if (listed_type == fs::file_type::directory) add_problem(entry, limit + ": folder not walked");
    else if (has_audio_extension(entry)) add_problem(entry, limit + ": not analysed");
  }

  void walk_directory(const fs::path& directory) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) {
      add_problem(directory, "cannot read folder");
      return;
    }
    if (!visited.insert({info.st_dev, info.st_ino}).second) return;  // already walked: symlink loop or alias
    DIR* listing = ::opendir(directory.c_str());
    if (listing == nullptr) {
      add_problem(directory, std::string("cannot read folder: ") + std::strerror(errno));
      return;
    }
    std::vector<Listed> entries;
    errno = 0;
    while (const dirent* found = ::readdir(listing)) {
      const std::string_view name(found->d_name);
      if (name == "." || name == "..") continue;
      // d_type from the listing, no stat: works where the path is too long to stat; a link
      // or an unknown type is resolved in visit_entry.
      fs::file_type listed = fs::file_type::unknown;
      if (found->d_type == DT_DIR) listed = fs::file_type::directory;
      else if (found->d_type == DT_REG) listed = fs::file_type::regular;
      entries.push_back({std::string(name), listed});
    }
    const int listing_error = errno;
    if (listing_error != 0) add_problem(directory, std::string("folder listing stopped early: ") + std::strerror(listing_error));
    std::sort(entries.begin(), entries.end(), [](const Listed& a, const Listed& b) { return a.name < b.name; });
    std::string prefix = directory.native();
    if (prefix.empty() || prefix.back() != '/') prefix += '/';
    for (const Listed& listed : entries) visit_entry(fs::path(prefix + listed.name), listed.type, ::dirfd(listing), listed.name);
    ::closedir(listing);
  }

  // A plain file's stat relative to its open folder, without following a link; empty when
  // it fails or the entry is no longer a plain file (the worker then stats the path).
  static std::optional<FileStat> listed_stat(int folder, const std::string& name) {
    struct stat info {};
    if (::fstatat(folder, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
    return file_stat_from(info);
  }

  void visit_entry(const fs::path& entry, fs::file_type listed_type, int folder, const std::string& name) {
    if (!options.include_hidden && !name.empty() && name[0] == '.') return;
    if (entry.native().size() >= k_path_max_bytes) {
      report_too_long(entry, listed_type);
      return;
    }
    if (listed_type == fs::file_type::regular) {  // a plain file: stat'ed by name in its folder
      if (has_audio_extension(entry) && !is_apple_double(folder, name, false)) {
        ScanItem item{entry, "", listed_stat(folder, name)};
        if (item.stat) item.stat_taken = std::chrono::steady_clock::now();
        emit(std::move(item));
      }
      return;
    }
    std::error_code error;
    const auto link_status = fs::symlink_status(entry, error);
    const auto target_status = fs::status(entry, error);
    if (fs::is_symlink(link_status) && !fs::exists(target_status)) {
      if (has_audio_extension(entry)) add_problem(entry, broken_link_problem(error));
      return;
    }
    if (fs::is_directory(target_status)) {
      walk_directory(entry);
    } else if (has_audio_extension(entry) && !fs::is_regular_file(target_status)) {
      add_problem(entry, "not a regular file (fifo, socket or device)");  // opening a fifo could block forever
    } else if (has_audio_extension(entry) && !is_apple_double(folder, name, true)) {
      emit({entry, "", std::nullopt});
    }
  }
};
}  // namespace

bool has_audio_extension(const fs::path& path) {
  std::string extension = path.extension().native();
  if (extension.size() < 2) return false;
  extension.erase(0, 1);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(k_audio_extensions.begin(), k_audio_extensions.end(), extension) != k_audio_extensions.end();
}

std::string_view path_below_input(const fs::path& item, const fs::path& input) {
  const std::string& path = item.native();
  const std::string& root = input.native();
  if (path == root) {  // a file named on the command line: its name
    const std::size_t slash = path.rfind('/');
    return std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  }
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0) {
    const std::size_t skip = root.size() + (root.empty() || root.back() == '/' ? 0 : 1);
    if (skip <= path.size()) return std::string_view(path).substr(skip);
  }
  return path;
}

std::optional<fs::path> first_missing_input(const std::vector<fs::path>& inputs) {
  for (const auto& input : inputs) {
    std::error_code error;
    const auto status = fs::symlink_status(input, error);
    if (error.value() == ENAMETOOLONG) continue;  // reported per item by the walk
    if (!fs::exists(status) && status.type() == fs::file_type::not_found) return input;
  }
  return std::nullopt;
}

WalkTotals walk_inputs(const std::vector<fs::path>& inputs, const ScanOptions& options, const ScanSink& sink) {
  Walker walker{options, sink, {}, {}, {}};
  for (const auto& input : inputs) {
    walker.input = input;
    std::error_code error;
    const auto status = fs::status(input, error);
    if (error.value() == ENAMETOOLONG) {
      walker.add_problem(input, fmt::format("path too long ({} bytes; the system limit is {}): not analysed",
                                            input.native().size(), k_path_max_bytes - 1));
    } else if (!fs::exists(status)) {
      const std::error_code status_error = error;
      walker.add_problem(input, fs::is_symlink(fs::symlink_status(input, error)) ? broken_link_problem(status_error)
                                                                                 : "no such file or folder");
    } else if (fs::is_directory(status)) {
      walker.walk_directory(input);
    } else if (fs::is_character_file(status) || fs::is_block_file(status) || fs::is_socket(status)) {
      // /dev/zero and the like never end; a fifo or <(...) named explicitly is still read.
      walker.add_problem(input, std::string("not a regular file (") +
                                    (fs::is_socket(status) ? "socket" : "device") + "): not analysed");
    } else {
      walker.emit({input, "", std::nullopt});
    }
  }
  return walker.totals;
}

ScanResult scan_inputs(const std::vector<fs::path>& inputs, const ScanOptions& options) {
  ScanResult result;
  walk_inputs(inputs, options, [&result](ScanItem item) { result.items.push_back(std::move(item)); });
  return result;
}

}  // namespace samplemind
