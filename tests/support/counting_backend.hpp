#pragma once
// A backend wrapper for tests: passes every call to a real backend (ForwardingBackend) and
// counts lookups.
#include <map>
#include <string>
#include <vector>

#include "cache/forwarding_backend.hpp"

namespace samplemind::testing {

class LookupCountingBackend final : public ForwardingBackend {
 public:
  explicit LookupCountingBackend(CacheBackend& inner) : ForwardingBackend(inner) {}
  std::map<EntryKind, int> lookups;  // keys looked up, by kind
  int batches = 0;                   // get_many calls
  CacheLookup get(EntryKind kind, const std::string& key) override {
    ++lookups[kind];
    return inner().get(kind, key);
  }
  std::vector<CacheLookup> get_many(EntryKind kind, const std::vector<std::string>& keys) override {
    ++batches;
    lookups[kind] += static_cast<int>(keys.size());
    return inner().get_many(kind, keys);
  }
};

}  // namespace samplemind::testing
