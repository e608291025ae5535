"""OpenAI's chat completions wire format (Ollama's OpenAI-compatible endpoint too): errors,
retry signals, answers, usage, and the hostile scenarios (deep, huge, key_error, escapes, echo)."""
import json
import time

from mock_wire import answers
from mock_wire.answers import (DEEP_LEVELS, HUGE_BYTES, HUGE_CHUNK, KEY_ERROR_CHARS, answer_for, fields_from_prompt,
                               output_tokens, wrong_types_for)


class ChatApi:
    """Mixed into mock_provider.Handler, whose send_json, scenario_for, model_of and headers it uses."""

    def handle_openai(self, body, raw, path):
        return self.chat(body, raw, "openai")

    def handle_ollama(self, body, raw, path):
        return self.chat(body, raw, "ollama")

    def openai_error(self, status, message, type_, code=None, headers=None):
        self.send_json(status, {"error": {"message": message, "type": type_, "param": None, "code": code}}, headers)
        return status

    def chat(self, body, raw, api):
        auth = self.headers.get("Authorization", "")
        key = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        model = body.get("model", "")
        messages = body.get("messages")
        if not model or not isinstance(messages, list) or not messages:
            return self.openai_error(400, "model and messages are required", "invalid_request_error")
        fmt = (body.get("response_format") or {}).get("type")
        text = " ".join(m.get("content", "") for m in messages if isinstance(m, dict))
        if fmt == "json_object" and "JSON" not in text:
            return self.openai_error(400, "'messages' must contain the word 'json' in some form", "invalid_request_error")
        if api == "openai" and "max_tokens" in body and model.startswith("gpt-5"):
            return self.openai_error(400, "Unsupported parameter: 'max_tokens'", "invalid_request_error",
                                     "unsupported_parameter")
        scenario = self.scenario_for(model, raw, key)
        if scenario == "bad_key":
            return self.openai_error(401, "Incorrect API key provided: %s. You can find your API key at "
                                     "https://platform.openai.com/account/api-keys." % (key[:3] + "*" * 4 + key[-4:]),
                                     "invalid_request_error", "invalid_api_key")
        if scenario == "quota":
            return self.openai_error(429, "You exceeded your current quota, please check your plan and billing details.",
                                     "insufficient_quota", "insufficient_quota")
        if scenario in ("rate_limit",):
            return self.openai_error(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded",
                                     {"retry-after-ms": "200", "retry-after": "1",
                                      "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "200ms"})
        if scenario == "always_429":
            return self.openai_error(429, "Rate limit reached", "requests", "rate_limit_exceeded",
                                     {"retry-after-ms": "50"})
        if scenario == "long_retry_after":
            return self.openai_error(429, "Rate limit reached", "requests", "rate_limit_exceeded", {"retry-after": "300"})
        if scenario == "retry_after_30":
            return self.openai_error(429, "Rate limit reached", "requests", "rate_limit_exceeded", {"retry-after": "30"})
        if scenario in ("server_error", "overloaded"):
            return self.openai_error(500 if scenario == "server_error" else 503, "The server had an error",
                                     "server_error")
        if scenario == "loading":
            self.send_json(503, {"error": {"code": 503, "message": "Loading model", "type": "unavailable_error"}})
            return 503
        if scenario == "no_retry":
            return self.openai_error(500, "internal error", "server_error", None, {"x-should-retry": "false"})
        if scenario == "not_found":
            return self.openai_error(404, 'model "%s" not found, try pulling it first' % model, "not_found_error")
        if scenario == "key_error":
            return self.openai_error(400, "sk-" + "a" * KEY_ERROR_CHARS, "invalid_request_error")
        if scenario == "huge":
            return self.stream_huge(model)
        fields = fields_from_prompt(text)
        answer = answer_for(fields, typical=scenario not in ("escapes", "echo"))
        if scenario == "wrong_types":
            answer = wrong_types_for(fields)
        if scenario == "escapes":
            for field in answer:
                if isinstance(answer[field], str):
                    answer[field] += "\x1b[2J\x1b[H\x1b]0;pwned\x07\r\nFAKE LINE\x9b31m"
        elif scenario == "echo":
            for field in answer:
                if isinstance(answer[field], str):
                    answer[field] = "you sent %s; also %s" % (key, answers.STATE.echo)
        content = json.dumps(answer)
        if scenario == "deep":
            parts = ['"%s": "x"' % f for f in fields if f != "genre"]
            content = "{" + ", ".join(parts + ['"genre": ' + "[" * DEEP_LEVELS + "]" * DEEP_LEVELS]) + "}"
        finish, refusal = "stop", None
        if scenario in ("truncated", "no_parts"):
            content, finish = content[: len(content) // 2], "length"
        elif scenario == "refusal":
            content, refusal = None, "I'm sorry, I can't help with that."
        elif scenario == "invalid":
            content = json.dumps({"unexpected": "shape"})
        prompt_tokens = max(1, len(text) // 4)
        completion_tokens = output_tokens(content)
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                 "total_tokens": prompt_tokens + completion_tokens}
        if api == "openai":
            usage["prompt_tokens_details"] = {"cached_tokens": prompt_tokens // 2 if scenario == "cached" else 0}
            usage["completion_tokens_details"] = {"reasoning_tokens": 0}
        message = {"role": "assistant", "content": content}
        if api == "openai":
            message["refusal"] = refusal
        self.send_json(200, {"id": "chatcmpl-mock", "object": "chat.completion", "created": int(time.time()),
                             "model": model, "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                             "usage": usage}, {"x-request-id": "req_mock"})
        return 200

    def stream_huge(self, model):
        """A 200 chat answer HUGE_BYTES long, written chunk by chunk until the client hangs up."""
        head = ('{"id":"chatcmpl-mock","object":"chat.completion","model":%s,"choices":[{"index":0,'
                '"message":{"role":"assistant","content":"' % json.dumps(model)).encode()
        tail = b'"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}'
        padding = HUGE_BYTES - len(head) - len(tail)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"a" * HUGE_CHUNK
        try:
            self.wfile.write(head)
            while padding > 0:
                self.wfile.write(chunk[:min(padding, HUGE_CHUNK)])
                padding -= HUGE_CHUNK
            self.wfile.write(tail)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        return 200
