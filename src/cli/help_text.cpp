// One place for the help epilogue, so --help, the man page and the README agree.
#include "cli/help_text.hpp"

#include "cli/exit_codes.hpp"

namespace samplemind {

std::string main_help_footer() {
  return std::string(exit_code_help()) + R"(

Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY), OLLAMA_API_KEY
       provider keys; never printed, logged or cached
  SAMPLEMIND_PROVIDER, SAMPLEMIND_ROUTES
       the provider when --provider is not given; per analysis type routes
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GEMINI_BASE_URL, OLLAMA_HOST
       provider endpoints
  AI_CACHE_ENABLED, AI_CACHE_BACKEND, AI_CACHE_PATH, AI_CACHE_TTL_HOURS, REDIS_URL
       the cache when --cache is not given, and how long answers stay valid
  SAMPLEMIND_PRICES
       a price table replacing the installed share/samplemind/prices.json
  SAMPLEMIND_TIMEOUT_S, SAMPLEMIND_CONNECT_TIMEOUT_S, SAMPLEMIND_MAX_RETRIES
       HTTP limits
  SAMPLEMIND_TEMPO_RANGE
       MIN-MAX BPM audio tempos are reported in, when --tempo-range is not given
  XDG_CACHE_HOME
       where the default SQLite cache lives ($XDG_CACHE_HOME/samplemind/cache.db)
  NO_COLOR
       plain progress output
  A .env file in the current folder sets any of these (the environment wins).

Examples:
  samplemind analyze ./library
       analyse a folder with the offline analyser (no key) and the SQLite cache
  OPENAI_API_KEY=... samplemind analyze -a genre_classification --max-cost 2 ./library
       ask OpenAI, stopping before two dollars are spent
  samplemind analyze --dry-run ./library
       what a run would cost, without calling anyone
  samplemind analyze --cache redis://cache.local:6379/0 --format json ./library > report.json
       share one cache across machines and keep the JSON report
  samplemind cache stats
       entries, size and lifetime savings of the cache
)";
}

}  // namespace samplemind
