// dlopen of libcurl.so.4 and lookup of each function samplemind calls.
#include "provider/curl_library.hpp"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace samplemind {
namespace {

constexpr const char* k_curl_soname = "libcurl.so.4";

template <typename Function>
bool resolve(void* handle, const char* name, Function& slot, std::string& missing) {
  slot = reinterpret_cast<Function>(::dlsym(handle, name));
  if (slot == nullptr && missing.empty()) missing = name;
  return slot != nullptr;
}

Result<CurlLibrary> load() {
  void* handle = ::dlopen(k_curl_soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = ::dlerror();
    return Error{std::string("cannot load ") + k_curl_soname + " (apt-get install libcurl4): " +
                 (reason ? reason : "unknown error")};
  }
  CurlLibrary curl;
  std::string missing;
  resolve(handle, "curl_global_init", curl.global_init, missing);
  resolve(handle, "curl_easy_init", curl.easy_init, missing);
  resolve(handle, "curl_easy_cleanup", curl.easy_cleanup, missing);
  resolve(handle, "curl_easy_reset", curl.easy_reset, missing);
  resolve(handle, "curl_easy_setopt", curl.easy_setopt, missing);
  resolve(handle, "curl_easy_perform", curl.easy_perform, missing);
  resolve(handle, "curl_easy_getinfo", curl.easy_getinfo, missing);
  resolve(handle, "curl_easy_strerror", curl.easy_strerror, missing);
  resolve(handle, "curl_slist_append", curl.slist_append, missing);
  resolve(handle, "curl_slist_free_all", curl.slist_free_all, missing);
  resolve(handle, "curl_getdate", curl.getdate, missing);
  if (!missing.empty()) return Error{std::string(k_curl_soname) + " has no " + missing};
  if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return Error{"curl_global_init failed"};
  return curl;  // the handle stays open for the life of the process
}

}  // namespace

Result<const CurlLibrary*> curl_library() {
  static const Result<CurlLibrary> loaded = load();
  if (!loaded) return Error{loaded.error()};
  return &loaded.value();
}

}  // namespace samplemind
