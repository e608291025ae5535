// Error bodies differ per vendor but never collide: OpenAI {"error":{message,type,code}},
// Anthropic {"type":"error","error":{type,message}}, Gemini {"error":{code,message,status,
// details}}, Ollama native {"error":"text"}. One reader handles them all.
#include "provider/provider_errors.hpp"

#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/bounded_json.hpp"
#include "util/secret_mask.hpp"

namespace samplemind {

namespace {
using json = nlohmann::json;
constexpr std::size_t k_max_message_chars = 240;
// Anthropic's answer for an account out of credit: HTTP 400 invalid_request_error, not 402.
constexpr std::string_view k_anthropic_no_credit = "credit balance is too low";

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return "";
}

void read_details(const json& details, ProviderErrorBody& out) {
  if (!details.is_array()) return;
  for (const auto& detail : details) {
    if (!detail.is_object()) continue;
    if (detail.contains("reason") && out.reason.empty()) out.reason = text_of(detail["reason"]);
    if (detail.contains("violations") && detail["violations"].is_array()) {
      for (const auto& violation : detail["violations"]) {
        if (violation.is_object() && text_of(violation.value("quotaId", json())).find("PerDay") != std::string::npos) {
          out.daily_quota = true;
        }
      }
    }
  }
}

std::string short_message(const ProviderIdentity& who, const HttpResponse& response) {
  const ProviderErrorBody body = parse_error_body(response.body);
  std::string message = body.message.empty() ? body.type : body.message;
  message = mask_secrets(message, who.secret);
  if (message.size() > k_max_message_chars) {
    message.resize(k_max_message_chars);
    message += "...";
  }
  return message.empty() ? fmt::format("HTTP {}", response.status)
                         : fmt::format("HTTP {}: {}", response.status, message);
}
}  // namespace

ProviderErrorBody parse_error_body(const std::string& text) {
  ProviderErrorBody out;
  const auto parsed = parse_bounded_json(text);
  if (!parsed || !parsed->is_object() || !parsed->contains("error")) return out;
  const json& body = *parsed;
  const auto& error = body["error"];
  if (error.is_string()) {
    out.message = error.get<std::string>();
    return out;
  }
  if (!error.is_object()) return out;
  out.message = text_of(error.value("message", json()));
  out.type = text_of(error.value("type", json()));
  if (out.type.empty()) out.type = text_of(error.value("status", json()));
  out.code = text_of(error.value("code", json()));
  read_details(error.value("details", json()), out);
  return out;
}

std::optional<ProviderError> fatal_http_failure(const ProviderIdentity& who, const HttpResponse& response) {
  const ProviderErrorBody body = parse_error_body(response.body);
  const std::string detail = short_message(who, response);
  const std::string fix_key = who.key_env_var.empty() ? std::string("the server's access settings")
                                                      : "a valid " + who.key_env_var;
  auto fatal = [&](const std::string& what, const std::string& fix) {
    return ProviderError{ProviderFailure::fatal, fmt::format("{}: {} ({}); {}", who.name, what, detail, fix)};
  };
  if (body.reason == "API_KEY_INVALID" || response.status == 401 || body.type == "authentication_error") {
    return fatal("the API key was rejected", "set " + fix_key);
  }
  if (response.status == 403 || body.type == "permission_error" || body.type == "PERMISSION_DENIED") {
    return fatal("the API key is not allowed to use this API or model", "check " + fix_key + " and --model");
  }
  const bool out_of_credit = body.type == "invalid_request_error" &&
                             body.message.find(k_anthropic_no_credit) != std::string::npos;
  if (body.code == "insufficient_quota" || body.type == "insufficient_quota" || body.type == "billing_error" ||
      response.status == 402 || out_of_credit) {
    return fatal("the account's quota or credit is exhausted", "add credit or use another " + who.key_env_var);
  }
  if (body.daily_quota) {
    return fatal("the daily quota is exhausted", "wait for the reset or use another " + who.key_env_var);
  }
  if (response.status == 404) {
    const std::string fix = who.name == "ollama"
                                ? fmt::format("pull it with 'ollama pull {}' or pass another --model; check {}",
                                              who.model, who.base_env_var)
                                : "pass another --model or check " + who.base_env_var;
    return fatal(fmt::format("model '{}' or endpoint not found", who.model), fix);
  }
  return std::nullopt;
}

ProviderError per_file_http_failure(const ProviderIdentity& who, const HttpResponse& response,
                                    const std::string& note) {
  std::string message = fmt::format("{}: {}", who.name, short_message(who, response));
  if (!note.empty()) message += " (" + note + ")";
  return ProviderError{ProviderFailure::per_file, message};
}

std::string mask_secrets(const std::string& text, const std::string& secret) {
  // Key shapes of the three vendors too, in case a message echoes a different or partial key.
  std::string out = mask_key_text(text, {secret}, KeyShapes::loose);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace samplemind
