#pragma once
// Reading the error bodies of OpenAI, Anthropic, Gemini, Ollama and llama.cpp, deciding
// which failures are fatal for the batch, and keeping keys out of every message.
#include <string>
#include <vector>

#include "provider/http_client.hpp"
#include "provider/provider.hpp"

namespace samplemind {

// What the provider says about a failed call, from whichever error shape it uses.
struct ProviderErrorBody {
  std::string message;   // error.message (or the bare error string)
  std::string type;      // error.type, or Gemini's error.status
  std::string code;      // error.code as text
  std::string reason;    // Gemini ErrorInfo reason, e.g. API_KEY_INVALID
  bool daily_quota = false;  // a Gemini QuotaFailure with a PerDay quota id
};

ProviderErrorBody parse_error_body(const std::string& body);

// Who is calling: used to name the provider and the variable to fix in messages.
struct ProviderIdentity {
  std::string name;         // "openai"
  std::string model;
  std::string key_env_var;  // "OPENAI_API_KEY" ("" for keyless local servers)
  std::string base_env_var; // "OPENAI_BASE_URL"
  std::string secret;       // the key, only to mask it out of messages
  std::vector<std::string> other_secrets;  // every other configured key and password: masked out of answers
};

// The fatal error this answer means (bad key, exhausted quota, unknown model), or
// nothing when the failure concerns this call only.
std::optional<ProviderError> fatal_http_failure(const ProviderIdentity& who, const HttpResponse& response);

// A one-line per-file error for a failed call; note says why retrying stopped.
ProviderError per_file_http_failure(const ProviderIdentity& who, const HttpResponse& response,
                                    const std::string& note);

// Replaces the key (and anything shaped like an API key) with "***", and newlines with spaces.
std::string mask_secrets(const std::string& text, const std::string& secret);

}  // namespace samplemind
