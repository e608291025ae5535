// Fuzzes how provider answers are read: the first byte picks a wire format (OpenAI,
// Anthropic, Gemini, Ollama) whose 200 response body is the rest of the input, read
// through the public Provider interface; the body is also checked as bare answer text.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "provider/answer_schema.hpp"
#include "model/analysis_type.hpp"
#include "util/environment.hpp"
#include "provider/prompt.hpp"
#include "provider/provider.hpp"

namespace {

using namespace samplemind;

// Answers every request with the body under test.
class FixedHttpClient final : public HttpClient {
 public:
  HttpOutcome post(const HttpRequest&) override {
    HttpResponse response;
    response.status = 200;
    response.body = body;
    return response;
  }
  std::string body;
};

struct Providers {
  std::shared_ptr<FixedHttpClient> http = std::make_shared<FixedHttpClient>();
  std::unique_ptr<Provider> by_index[4];

  Providers() {
    const Environment env = Environment::from_map({{"OPENAI_API_KEY", "sk-fuzz"},
                                                   {"ANTHROPIC_API_KEY", "sk-fuzz"},
                                                   {"GEMINI_API_KEY", "fuzz"},
                                                   {"SAMPLEMIND_MAX_RETRIES", "0"}});
    const char* names[4] = {"openai", "anthropic", "gemini", "ollama"};
    for (int i = 0; i < 4; ++i) {
      ProviderSettings settings;
      settings.name = names[i];
      settings.http = http;
      by_index[i] = make_provider(settings, env);
    }
  }
};

// The answer, if any, must serialise (no invalid UTF-8 or NaN slipped through).
void require_dumpable(const nlohmann::json& answer) { (void)answer.dump(); }

}  // namespace

// libFuzzer entry point.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static Providers providers;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const AnalysisType& type = all_analysis_types()[data[0] % all_analysis_types().size()];

  if (auto answer = parse_and_validate_answer(body, type)) require_dumpable(*answer);

  providers.http->body = body;
  const NormalizedFeatures features = {{"kind", "loop"}, {"tempo_bpm", "124"}, {"key", "A"}, {"mode", "minor"}};
  const Prompt prompt = build_prompt(type, features);
  Provider& provider = *providers.by_index[(data[0] >> 4) % 4];
  const ProviderOutcome outcome = provider.analyze({type, prompt, features});
  if (const auto* answer = std::get_if<ProviderAnswer>(&outcome)) {
    require_dumpable(answer->result);
    if (!answer->result.is_object() || answer->input_tokens < 0 || answer->output_tokens < 0) std::abort();
  }
  return 0;
}
