// Anthropic Messages. The answer is forced through a tool whose input schema is the
// answer schema: the one structured-output route every Claude model supports.
#include <fmt/format.h>

#include "provider/answer_schema.hpp"
#include "provider/http_provider.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;

constexpr const char* k_anthropic_version = "2023-06-01";
constexpr const char* k_tool_name = "emit_analysis";
constexpr double k_max_anthropic_temperature = 1.0;


class AnthropicProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

 protected:
  HttpRequest build_request(const ProviderRequest& request) const override {
    const auto& cfg = config();
    json body = {{"model", cfg.identity.model},
                 {"max_tokens", cfg.max_output_tokens},
                 {"temperature", std::min(cfg.temperature, k_max_anthropic_temperature)},
                 {"system", request.prompt.system},
                 {"messages", json::array({{{"role", "user"}, {"content", request.prompt.user}}})},
                 {"tools", json::array({{{"name", k_tool_name},
                                         {"description", "Return the analysis of the sample as structured JSON."},
                                         {"input_schema", answer_json_schema(request.type)}}})},
                 {"tool_choice", {{"type", "tool"}, {"name", k_tool_name}}}};
    HttpRequest http = base_request(cfg.base_url + "/v1/messages", body);
    http.headers.emplace_back("x-api-key", cfg.identity.secret);
    http.headers.emplace_back("anthropic-version", k_anthropic_version);
    return http;
  }

  WireAnswer read_answer(const json& body, const AnalysisType& type) const override {
    WireAnswer answer;
    const json usage = body.value("usage", json::object());
    // input_tokens excludes both cache counts: the billed input is the sum of the three.
    const auto cache_write = token_count_at(usage, "cache_creation_input_tokens");
    const auto cache_read = token_count_at(usage, "cache_read_input_tokens");
    answer.usage.input = token_count_at(usage, "input_tokens") + cache_write + cache_read;
    answer.usage.cached_input = cache_read;
    answer.usage.cache_write_input = cache_write;
    answer.usage.output = token_count_at(usage, "output_tokens");

    const std::string stop = body.value("stop_reason", json("")).is_string() ? body.value("stop_reason", std::string()) : "";
    if (stop == "max_tokens" || stop == "model_context_window_exceeded") {
      answer.problem = fmt::format("the answer was cut off at the token limit (stop_reason {})", stop);
      return answer;
    }
    if (stop == "refusal") {
      answer.problem = "the model refused to answer (stop_reason refusal)";
      return answer;
    }
    const json content = body.value("content", json::array());
    std::string text;
    if (content.is_array()) {
      for (const auto& block : content) {
        if (!block.is_object()) continue;
        const std::string kind = block.value("type", "");
        if (kind == "tool_use" && block.value("name", "") == k_tool_name && block.contains("input")) {
          if (auto valid = validate_answer(block["input"], type)) {
            answer.result = std::move(*valid);
          } else {
            answer.problem = valid.error();
          }
          return answer;
        }
        if (kind == "text" && block.contains("text") && block["text"].is_string()) text += block["text"].get<std::string>();
      }
    }
    accept_answer_text(answer, text, type,
                       fmt::format("the answer has no content (stop_reason {})", stop.empty() ? "none" : stop));
    return answer;
  }
};
}  // namespace

std::unique_ptr<Provider> make_anthropic_provider(HttpProviderConfig config) {
  return std::make_unique<AnthropicProvider>(std::move(config));
}

}  // namespace samplemind
