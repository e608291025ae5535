"""Anthropic's Messages wire format: headers it requires, its error bodies and retry-after,
forced tool use, stop reasons and prompt-cache usage."""
import json

from mock_wire.answers import answer_for, fields_from_prompt, output_tokens, wrong_types_for


class AnthropicApi:
    """Mixed into mock_provider.Handler, whose send_json, scenario_for, model_of and headers it uses."""

    def anthropic_error(self, status, type_, message, headers=None):
        self.send_json(status, {"type": "error", "error": {"type": type_, "message": message},
                                "request_id": "req_mock"}, headers)
        return status

    def handle_anthropic(self, body, raw, path):
        key = self.headers.get("x-api-key", "")
        if not key:
            return self.anthropic_error(401, "authentication_error", "x-api-key header is required")
        if not self.headers.get("anthropic-version"):
            return self.anthropic_error(400, "invalid_request_error", "anthropic-version header is required")
        if "max_tokens" not in body or not body.get("model") or not isinstance(body.get("messages"), list):
            return self.anthropic_error(400, "invalid_request_error", "model, max_tokens and messages are required")
        model = body["model"]
        scenario = self.scenario_for(model, raw, key)
        if scenario == "bad_key":
            return self.anthropic_error(401, "authentication_error", "invalid x-api-key")
        if scenario == "quota":
            return self.anthropic_error(400, "invalid_request_error",
                                        "Your credit balance is too low to access the Anthropic API. "
                                        "Please go to Plans & Billing to upgrade or purchase credits.")
        if scenario == "rate_limit":
            return self.anthropic_error(429, "rate_limit_error", "Number of requests has exceeded your rate limit",
                                        {"retry-after": "1"})
        if scenario == "always_429":
            return self.anthropic_error(429, "rate_limit_error", "rate limited", {"retry-after": "0.05"})
        if scenario == "long_retry_after":
            return self.anthropic_error(429, "rate_limit_error", "rate limited", {"retry-after": "300"})
        if scenario in ("overloaded", "loading"):
            return self.anthropic_error(529, "overloaded_error", "Overloaded")
        if scenario == "server_error":
            return self.anthropic_error(500, "api_error", "Internal server error")
        if scenario == "no_retry":
            return self.anthropic_error(500, "api_error", "Internal server error", {"x-should-retry": "false"})
        if scenario == "not_found":
            return self.anthropic_error(404, "not_found_error", "model: " + model)
        user = " ".join(m.get("content", "") for m in body["messages"] if isinstance(m.get("content"), str))
        fields = fields_from_prompt(user)
        tools = body.get("tools") or []
        forced = (body.get("tool_choice") or {}).get("name")
        answer = answer_for(fields)
        stop = "tool_use" if forced else "end_turn"
        if scenario == "invalid":
            answer = {"unexpected": "shape"}
        elif scenario == "wrong_types":
            answer = wrong_types_for(fields)
        if forced and any(t.get("name") == forced for t in tools):
            content = [{"type": "tool_use", "id": "toolu_mock", "name": forced, "input": answer}]
        else:
            content = [{"type": "text", "text": json.dumps(answer)}]
        if scenario in ("truncated", "no_parts"):
            content = [{"type": "text", "text": json.dumps(answer)[:20]}]
            stop = "max_tokens"
        elif scenario == "refusal":
            content, stop = [], "refusal"
        input_tokens = max(1, (len(user) + len(str(body.get("system", "")))) // 4)
        usage = {"input_tokens": input_tokens, "output_tokens": output_tokens(json.dumps(answer)),
                 "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        if scenario == "cached":
            usage["cache_read_input_tokens"] = input_tokens // 2
            usage["input_tokens"] = input_tokens - input_tokens // 2
        self.send_json(200, {"id": "msg_mock", "type": "message", "role": "assistant", "model": model,
                             "content": content, "stop_reason": stop, "stop_sequence": None, "usage": usage},
                       {"request-id": "req_mock"})
        return 200
