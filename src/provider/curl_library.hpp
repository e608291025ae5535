#pragma once
// libcurl, loaded with dlopen on first use. Linking it pulls in ~30 libraries (TLS,
// Kerberos, LDAP, SSH...) whose loading and relocation cost ~2.7 ms at every start of
// the process; offline, cached and cache-management runs never make an HTTP call.
#include <curl/curl.h>

#include "util/result.hpp"

namespace samplemind {

// The libcurl entry points samplemind uses, with their exact signatures.
struct CurlLibrary {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_reset) easy_reset = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  decltype(&curl_getdate) getdate = nullptr;
};

// Loads libcurl once per process (thread-safe) and runs curl_global_init; the error names
// the library and the Debian package that provides it.
Result<const CurlLibrary*> curl_library();

}  // namespace samplemind
