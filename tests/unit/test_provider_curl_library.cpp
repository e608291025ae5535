// libcurl is loaded on first use, not at process start: the loader must find every
// function, and what it loads must be the real libcurl (checked on a known HTTP date).
#include <doctest/doctest.h>

#include "provider/curl_library.hpp"

namespace samplemind {

TEST_CASE("curl library: loads lazily and resolves every function") {
  auto curl = curl_library();
  REQUIRE(curl.ok());
  const CurlLibrary& lib = **curl;
  CHECK((lib.easy_init != nullptr));
  CHECK((lib.easy_setopt != nullptr));
  CHECK((lib.easy_perform != nullptr));
  CHECK((lib.slist_free_all != nullptr));
  // RFC 9110's example date, as a Retry-After header may carry it.
  CHECK(lib.getdate("Sun, 06 Nov 1994 08:49:37 GMT", nullptr) == 784111777);
  CHECK(std::string(lib.easy_strerror(CURLE_OPERATION_TIMEDOUT)).find("imeout") != std::string::npos);
  CHECK(curl_library().value() == &lib);  // loaded once per process
}

}  // namespace samplemind
