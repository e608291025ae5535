#pragma once
// Every secret this run knows of, so an answer that echoes any of them (not only the
// key of the provider that answered) is masked before it is cached or shown.
#include <string>
#include <vector>

namespace samplemind {

class Environment;

// The provider keys set in the environment or .env (OPENAI_API_KEY, ANTHROPIC_API_KEY,
// GEMINI_API_KEY, GOOGLE_API_KEY, OLLAMA_API_KEY) and the Redis password of REDIS_URL and
// of cache_url (the --cache flag); a malformed URL contributes nothing.
std::vector<std::string> configured_secrets(const Environment& env, const std::string& cache_url);

}  // namespace samplemind
