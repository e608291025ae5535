#pragma once
// Where a provider is called and under which model id: Ollama's OLLAMA_HOST rule and the
// one normalised spelling of a model id (used for the URL, the cache key and the price).
#include <string>

namespace samplemind {

constexpr int k_ollama_default_port = 11434;
constexpr int k_https_default_port = 443;

// OLLAMA_HOST as Ollama's client reads it: scheme http unless given, port 11434 when absent
// (also for "http://host"; 443 for "https://host"), and a listen-all address (0.0.0.0, ::)
// means loopback. Empty: http://127.0.0.1:11434. A path is kept; no trailing slash.
std::string ollama_base_url(const std::string& host);

// The model id as the provider's API and samplemind's cache and price table spell it:
// Gemini's "models/gemini-2.5-flash" is "gemini-2.5-flash"; surrounding blanks go.
std::string normalize_model_id(const std::string& provider, const std::string& model);

}  // namespace samplemind
