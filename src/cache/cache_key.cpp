// The canonical text of the AI key (docs/cache-key.md): versions first, then every prompt input.
#include "cache/cache_key.hpp"

#include <iterator>

#include <fmt/format.h>

#include "provider/prompt.hpp"
#include "cache/sha256.hpp"

namespace samplemind {

AiKeyBuilder::AiKeyBuilder(const std::string& provider, const std::string& model, const AnalysisType& type,
                           const std::string& request_hash)
    : header_(fmt::format("v={}\nnorm={}\nprovider={}\nmodel={}\nanalysis={}\nprompt={}\nrequest={}\n", k_ai_key_version,
                          k_normalization_version, provider, model, type.name, prompt_template_hash(type),
                          request_hash)) {}

AiCacheKey AiKeyBuilder::key(const NormalizedFeatures& features) const {
  std::string text;
  std::size_t size = header_.size();
  for (const auto& [name, value] : features) size += name.size() + value.size() + 2;
  text.reserve(size);  // one allocation; appends instead of a format call per line
  text += header_;
  for (const auto& [name, value] : features) {
    text += name;
    text += '=';
    text += value;
    text += '\n';
  }
  std::string hex = sha256_hex(text);
  return AiCacheKey{std::move(text), std::move(hex)};
}

AiCacheKey make_ai_cache_key(const std::string& provider, const std::string& model, const AnalysisType& type,
                             const NormalizedFeatures& features, const std::string& request_hash) {
  return AiKeyBuilder(provider, model, type, request_hash).key(features);
}

std::string request_shape_hash(const std::string& request_shape) {
  return request_shape.empty() ? "none" : sha256_hex(request_shape);
}

}  // namespace samplemind
