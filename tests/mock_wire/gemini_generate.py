"""Gemini's generateContent wire format: key in a header or the query, google.rpc error
details (ErrorInfo, QuotaFailure, RetryInfo), finish reasons and usageMetadata."""
import json
from urllib.parse import parse_qs, urlparse

from mock_wire.answers import answer_for, fields_from_prompt, output_tokens, wrong_types_for


class GeminiApi:
    """Mixed into mock_provider.Handler, whose send_json, scenario_for, model_of and headers it uses."""

    def gemini_error(self, status, state, message, details=None):
        self.send_json(status, {"error": {"code": status, "message": message, "status": state,
                                          "details": details or []}})
        return status

    def handle_gemini(self, body, raw, path):
        key = self.headers.get("x-goog-api-key") or (parse_qs(urlparse(self.path).query).get("key") or [""])[0]
        if not key:
            return self.gemini_error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers")
        if not isinstance(body.get("contents"), list):
            return self.gemini_error(400, "INVALID_ARGUMENT", "contents is required")
        model = self.model_of("gemini", body, path)
        scenario = self.scenario_for(model, raw, key)
        if scenario == "bad_key":
            return self.gemini_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                 "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}])
        if scenario == "quota":
            return self.gemini_error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", [
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [
                    {"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                     "quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "38s"}])
        if scenario in ("rate_limit", "always_429", "long_retry_after"):
            delay = {"rate_limit": "0.2s", "always_429": "0.05s", "long_retry_after": "300s"}[scenario]
            return self.gemini_error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.", [
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [
                    {"quotaId": "GenerateRequestsPerMinutePerProjectPerModel"}]},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay}])
        if scenario in ("server_error", "overloaded", "loading"):
            return self.gemini_error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
        if scenario == "no_retry":
            self.send_json(500, {"error": {"code": 500, "message": "internal", "status": "INTERNAL"}},
                           {"x-should-retry": "false"})
            return 500
        if scenario == "not_found":
            return self.gemini_error(404, "NOT_FOUND", "models/%s is not found for API version v1beta" % model)
        user = " ".join(p.get("text", "") for c in body["contents"] for p in c.get("parts", []))
        fields = fields_from_prompt(user)
        answer = answer_for(fields)
        if scenario == "invalid":
            answer = {"unexpected": "shape"}
        elif scenario == "wrong_types":
            answer = wrong_types_for(fields)
        text = json.dumps(answer)
        finish = "STOP"
        candidate = {"content": {"role": "model", "parts": [{"text": text}]}, "index": 0}
        if scenario == "truncated":
            candidate["content"]["parts"] = [{"text": text[: len(text) // 2]}]
            finish = "MAX_TOKENS"
        elif scenario == "no_parts":
            candidate["content"] = {"role": "model"}
            finish = "MAX_TOKENS"
        elif scenario == "refusal":
            del candidate["content"]
            finish = "SAFETY"
        candidate["finishReason"] = finish
        prompt_tokens = max(1, len(user) // 4)
        candidates_tokens = output_tokens(text)
        usage = {"promptTokenCount": prompt_tokens, "candidatesTokenCount": candidates_tokens,
                 "totalTokenCount": prompt_tokens + candidates_tokens}
        if scenario == "cached":
            usage["cachedContentTokenCount"] = prompt_tokens // 2
        self.send_json(200, {"candidates": [candidate], "usageMetadata": usage, "modelVersion": model})
        return 200
