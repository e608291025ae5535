// Google Gemini generateContent with responseMimeType JSON and a responseSchema.
#include <array>

#include <fmt/format.h>

#include "provider/answer_schema.hpp"
#include "provider/http_provider.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;


bool is_flash(const std::string& model) { return model.find("flash") != std::string::npos; }

bool is_blocked(const std::string& reason) {
  static constexpr std::array<const char*, 6> blocked = {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
                                                         "SPII", "LANGUAGE"};
  for (const char* name : blocked) {
    if (reason == name) return true;
  }
  return false;
}

class GeminiProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

 protected:
  HttpRequest build_request(const ProviderRequest& request) const override {
    const auto& cfg = config();
    json generation = {{"temperature", cfg.temperature},
                       {"responseMimeType", "application/json"},
                       {"responseSchema", answer_gemini_schema(request.type)}};
    // 2.5 models think by default and thinking eats maxOutputTokens: off on Flash,
    // a larger limit where it cannot be switched off.
    if (is_flash(cfg.identity.model)) {
      generation["maxOutputTokens"] = cfg.max_output_tokens;
      generation["thinkingConfig"] = {{"thinkingBudget", 0}};
    } else {
      generation["maxOutputTokens"] = std::max(cfg.max_output_tokens, k_reasoning_max_output_tokens);
    }
    json body = {{"systemInstruction", {{"parts", json::array({{{"text", request.prompt.system}}})}}},
                 {"contents", json::array({{{"role", "user"}, {"parts", json::array({{{"text", request.prompt.user}}})}}})},
                 {"generationConfig", generation}};
    HttpRequest http = base_request(fmt::format("{}/v1beta/models/{}:generateContent", cfg.base_url, cfg.identity.model), body);
    http.headers.emplace_back("x-goog-api-key", cfg.identity.secret);
    return http;
  }

  // Flash requests switch thinking off; Pro cannot, and bills its thoughts as output.
  std::int64_t expected_reasoning_tokens() const override {
    return is_flash(config().identity.model) ? 0 : k_expected_reasoning_tokens;
  }

  WireAnswer read_answer(const json& body, const AnalysisType& type) const override {
    WireAnswer answer;
    const json usage = body.value("usageMetadata", json::object());
    answer.usage.input = token_count_at(usage, "promptTokenCount") + token_count_at(usage, "toolUsePromptTokenCount");
    answer.usage.cached_input = token_count_at(usage, "cachedContentTokenCount");
    // Thinking tokens are billed as output.
    answer.usage.output = token_count_at(usage, "candidatesTokenCount") + token_count_at(usage, "thoughtsTokenCount");

    const json candidates = body.value("candidates", json::array());
    if (!candidates.is_array() || candidates.empty() || !candidates[0].is_object()) {
      const std::string reason = body.value("promptFeedback", json::object()).value("blockReason", "");
      answer.problem = reason.empty() ? "the answer has no candidates" : "the prompt was blocked (" + reason + ")";
      return answer;
    }
    const json& candidate = candidates[0];
    const std::string finish = candidate.value("finishReason", "");
    if (finish == "MAX_TOKENS") {
      answer.problem = "the answer was cut off at the token limit (finishReason MAX_TOKENS)";
      return answer;
    }
    if (is_blocked(finish)) {
      answer.problem = "the answer was blocked (finishReason " + finish + ")";
      return answer;
    }
    std::string text;
    const json parts = candidate.value("content", json::object()).value("parts", json::array());
    for (const auto& part : parts) {
      if (!part.is_object() || part.value("thought", false)) continue;
      if (part.contains("text") && part["text"].is_string()) text += part["text"].get<std::string>();
    }
    accept_answer_text(answer, text, type,
                       fmt::format("the answer has no text (finishReason {})", finish.empty() ? "none" : finish));
    return answer;
  }
};
}  // namespace

std::unique_ptr<Provider> make_gemini_provider(HttpProviderConfig config) {
  return std::make_unique<GeminiProvider>(std::move(config));
}

}  // namespace samplemind
