// OpenAI Chat Completions, and the same shape for Ollama's and llama.cpp's
// OpenAI-compatible endpoint (/v1/chat/completions).
#include <fmt/format.h>

#include "provider/answer_schema.hpp"
#include "provider/http_provider.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;

// o-series and gpt-5 models reject temperature != 1 and count reasoning as output.
bool is_reasoning_model(const std::string& model) {
  return model.rfind("gpt-5", 0) == 0 || model.rfind("o1", 0) == 0 || model.rfind("o3", 0) == 0 ||
         model.rfind("o4", 0) == 0;
}


class OpenAiProvider final : public HttpProvider {
 public:
  OpenAiProvider(HttpProviderConfig config, bool local) : HttpProvider(std::move(config)), local_(local) {}

 protected:
  HttpRequest build_request(const ProviderRequest& request) const override {
    const auto& cfg = config();
    json body = {{"model", cfg.identity.model},
                 {"messages", json::array({{{"role", "system"}, {"content", request.prompt.system}},
                                           {{"role", "user"}, {"content", request.prompt.user}}})}};
    if (local_) {
      // Ollama drops max_completion_tokens silently and defaults temperature to 1.0.
      body["max_tokens"] = cfg.max_output_tokens;
      body["temperature"] = cfg.temperature;
      body["stream"] = false;
    } else {
      const bool reasoning = is_reasoning_model(cfg.identity.model);
      body["max_completion_tokens"] = reasoning ? std::max(cfg.max_output_tokens, k_reasoning_max_output_tokens)
                                                : cfg.max_output_tokens;
      if (!reasoning) body["temperature"] = cfg.temperature;
    }
    // Ollama's OpenAI layer takes json_schema too (its format = the schema): a grammar, not a hint.
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", "analysis"}, {"strict", true}, {"schema", answer_json_schema(request.type)}}}};
    HttpRequest http = base_request(cfg.base_url + "/chat/completions", body);
    if (!cfg.identity.secret.empty()) http.headers.emplace_back("Authorization", "Bearer " + cfg.identity.secret);
    return http;
  }

  std::int64_t expected_reasoning_tokens() const override {
    return !local_ && is_reasoning_model(config().identity.model) ? k_expected_reasoning_tokens : 0;
  }

  WireAnswer read_answer(const json& body, const AnalysisType& type) const override {
    WireAnswer answer;
    const json usage = body.value("usage", json::object());
    answer.usage.input = token_count_at(usage, "prompt_tokens");
    answer.usage.cached_input = token_count_at(usage.value("prompt_tokens_details", json::object()), "cached_tokens");
    answer.usage.output = token_count_at(usage, "completion_tokens");

    const json choices = body.value("choices", json::array());
    if (!choices.is_array() || choices.empty() || !choices[0].is_object()) {
      answer.problem = "the answer has no choices";
      return answer;
    }
    const json& choice = choices[0];
    const json message = choice.value("message", json::object());
    const std::string finish = choice.value("finish_reason", json("")).is_string()
                                   ? choice.value("finish_reason", std::string()) : "";
    if (message.contains("refusal") && message["refusal"].is_string() && !message["refusal"].get<std::string>().empty()) {
      answer.problem = "the model refused: " + message["refusal"].get<std::string>().substr(0, 160);
    } else if (finish == "length") {
      answer.problem = "the answer was cut off at the token limit (finish_reason length)";
    } else if (finish == "content_filter") {
      answer.problem = "the answer was blocked by the content filter";
    } else if (!message.contains("content") || !message["content"].is_string()) {
      answer.problem = fmt::format("the answer has no text (finish_reason {})", finish.empty() ? "none" : finish);
    } else if (auto parsed = parse_and_validate_answer(message["content"].get<std::string>(), type)) {
      answer.result = std::move(*parsed);
    } else {
      answer.problem = parsed.error();
    }
    return answer;
  }

 private:
  bool local_;
};
}  // namespace

std::unique_ptr<Provider> make_openai_provider(HttpProviderConfig config) {
  return std::make_unique<OpenAiProvider>(std::move(config), false);
}

std::unique_ptr<Provider> make_ollama_provider(HttpProviderConfig config) {
  return std::make_unique<OpenAiProvider>(std::move(config), true);
}

}  // namespace samplemind
