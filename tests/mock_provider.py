#!/usr/bin/env python3
"""A local mock of the OpenAI, Anthropic and Gemini APIs (and Ollama's OpenAI-compatible
endpoint) for samplemind's tests. Standard library only.

Endpoints (the vendors' wire formats, docs/providers.md):
  POST /v1/chat/completions                    OpenAI (Authorization: Bearer) or Ollama (no auth)
  POST /v1/messages                            Anthropic (x-api-key, anthropic-version)
  POST /v1beta/models/{model}:generateContent  Gemini (x-goog-api-key or ?key=)
Control:
  GET  /__stats   {"total", "by_api", "in_flight", "max_in_flight", "answered", "failed", "requests": [...]}
  POST /__reset   zero the counters (keeps the configuration)
  POST /__config  {"scenario": S, "latency_ms": N, "fail_first": N, "slow_ms": N, "echo": TEXT}

A scenario is chosen by /__config, by --scenario, or per request by the model name
"mock-<scenario>" (e.g. --model mock-truncated). Scenarios:
  ok              answer with every field the prompt asks for
  rate_limit      429 with the provider's retry signal, fail_first times per distinct request
                  (OpenAI retry-after-ms + retry-after, Anthropic retry-after, Gemini RetryInfo)
  server_error    500 (Gemini 503 UNAVAILABLE), fail_first times per distinct request
  overloaded      Anthropic 529 overloaded_error (others 503), fail_first times
  loading         llama.cpp 503 "Loading model", fail_first times
  always_429      429 with retry-after-ms 50 on every call
  long_retry_after 429 with retry-after: 300 (over every client cap)
  retry_after_30  429 with retry-after: 30 (OpenAI format; under the cap: the client waits)
  no_retry        500 with x-should-retry: false
  bad_key         401 invalid key (Gemini: 400 API_KEY_INVALID); also any key "bad-key"
  quota           OpenAI 429 insufficient_quota, Anthropic 400 invalid_request_error "Your credit balance
                  is too low..." (what the real API sends, not 402), Gemini 429 PerDay
  not_found       404 unknown model
  truncated       finish_reason length / stop_reason max_tokens / MAX_TOKENS with cut-off JSON
  no_parts        Gemini MAX_TOKENS without content parts (others: like truncated)
  refusal         OpenAI message.refusal / Anthropic stop_reason refusal / Gemini SAFETY
  invalid         a JSON answer that lacks required fields
  wrong_types     every field present, of the wrong type ({"genre": 5, "tags": {}, ...})
  slow            wait slow_ms (default 5000) before answering
  cached          like ok, with provider prompt-cache token counts in usage
Hostile scenarios (OpenAI and Ollama chat format; tests/integration/test_hostile_provider.sh):
  deep            a 200 answer whose "genre" is an array nested DEEP_LEVELS (100,000) deep
  huge            a 200 answer of HUGE_BYTES (1 GiB) streamed in 64 KiB chunks, never held in memory
  key_error       400 whose error.message is a 40,000-character key-shaped string (sk-aaa...)
  escapes         a valid answer whose strings hold ESC sequences (clear screen, window title), CR and LF
  echo            a valid answer echoing the request's key and the configured "echo" text
Every request also waits latency_ms first. Answers follow the analysis type's schema (enums,
ranges) with typical lengths (a sentence per text field, five list items), and usage counts
output tokens as the answer's length / 4, as the estimate assumes (docs/providers.md).
"""
import argparse
import hashlib
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

LIST_FIELDS = {"tags", "subgenres", "instruments", "strengths", "improvements", "next_steps", "ideas",
               "layering", "processing", "plugins", "mixer_chain", "tips", "compatible_keys", "sections", "genres"}
NUMBER_FIELDS = {"confidence", "loudness_target_lufs", "tempo_bpm"}
TRANSIENT = {"rate_limit", "server_error", "overloaded", "loading"}
CHARS_PER_TOKEN = 4
TEXT_CHARS = 160        # one or two sentences
LIST_ITEMS = 5
MAX_RECORDED = 200
DEEP_LEVELS = 100_000
HUGE_BYTES = 1 << 30
HUGE_CHUNK = 64 * 1024
KEY_ERROR_CHARS = 40_000


class State:
    def __init__(self, scenario, latency_ms, fail_first, slow_ms):
        self.lock = threading.Lock()
        self.scenario = scenario
        self.latency_ms = latency_ms
        self.fail_first = fail_first
        self.slow_ms = slow_ms
        self.echo = ""
        self.reset()

    def reset(self):
        self.total = 0
        self.by_api = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.answered = 0
        self.failed = 0
        self.attempts = {}
        self.requests = []


STATE = None


def fields_from_prompt(text):
    match = re.search(r"exactly these fields: ([^.]+)\.", text)
    if not match:
        return ["genre"]
    return [f.strip() for f in match.group(1).split(",") if f.strip()]


NUMBER_VALUES = {"confidence": 0.5, "loudness_target_lufs": -14.0, "tempo_bpm": 124.0}
ENUM_VALUES = {"mode": "minor", "camelot": "8A"}


def answer_for(fields, typical=True):
    """A schema-valid answer; typical: realistic lengths, else one short value per field."""
    answer = {}
    for field in fields:
        if field in LIST_FIELDS:
            items = LIST_ITEMS if typical else 1
            answer[field] = ["mock " + field + (" item %d" % i if typical else "") for i in range(1, items + 1)]
        elif field in NUMBER_FIELDS:
            answer[field] = NUMBER_VALUES.get(field, 0.5)
        elif field in ENUM_VALUES:
            answer[field] = ENUM_VALUES[field]
        else:
            text = "mock " + field
            if typical:
                text = (text + ": " + "a plausible sentence about the sample. " * 8)[:TEXT_CHARS]
            answer[field] = text
    return answer


def wrong_types_for(fields):
    """Every field present, none of the right type: {"genre": 5, "tags": {}, ...}."""
    return {field: ({} if field in LIST_FIELDS else "many" if field in NUMBER_FIELDS else 5) for field in fields}


def output_tokens(content):
    return max(1, (len(content or "") + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms delayed-ACK stalls

    def log_message(self, fmt, *args):  # quiet: tests read /__stats instead
        pass

    # ---- plumbing -------------------------------------------------------------
    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

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

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return raw

    def do_GET(self):
        if self.path.startswith("/__stats"):
            with STATE.lock:
                self.send_json(200, {"total": STATE.total, "by_api": STATE.by_api, "in_flight": STATE.in_flight,
                                     "max_in_flight": STATE.max_in_flight, "answered": STATE.answered,
                                     "failed": STATE.failed, "scenario": STATE.scenario,
                                     "latency_ms": STATE.latency_ms, "requests": STATE.requests})
            return
        self.send_json(404, {"error": {"message": "unknown path", "type": "not_found_error"}})

    def do_POST(self):
        raw = self.read_body()
        path = urlparse(self.path).path
        if path == "/__reset":
            with STATE.lock:
                STATE.reset()
            self.send_json(200, {"ok": True})
            return
        if path == "/__config":
            config = json.loads(raw or b"{}")
            with STATE.lock:
                STATE.scenario = config.get("scenario", STATE.scenario)
                STATE.latency_ms = config.get("latency_ms", STATE.latency_ms)
                STATE.fail_first = config.get("fail_first", STATE.fail_first)
                STATE.slow_ms = config.get("slow_ms", STATE.slow_ms)
                STATE.echo = config.get("echo", STATE.echo)
            self.send_json(200, {"ok": True})
            return
        if path == "/v1/chat/completions":
            api = "openai" if self.headers.get("Authorization") else "ollama"
        elif path == "/v1/messages":
            api = "anthropic"
        elif re.fullmatch(r"/v1beta/models/[^/:]+:generateContent", path):
            api = "gemini"
        else:
            self.send_json(404, {"error": {"message": "unknown path " + path, "type": "not_found_error"}})
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self.send_json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            return
        with STATE.lock:
            STATE.total += 1
            STATE.by_api[api] = STATE.by_api.get(api, 0) + 1
            STATE.in_flight += 1
            STATE.max_in_flight = max(STATE.max_in_flight, STATE.in_flight)
            latency_ms = STATE.latency_ms
        status = None
        try:
            if latency_ms:
                time.sleep(latency_ms / 1000.0)
            status = getattr(self, "handle_" + api)(body, raw, path)
        finally:
            with STATE.lock:
                STATE.in_flight -= 1
                if status is not None and 200 <= status < 300:
                    STATE.answered += 1
                else:
                    STATE.failed += 1
                if len(STATE.requests) < MAX_RECORDED:
                    STATE.requests.append({"api": api, "status": status, "model": self.model_of(api, body, path),
                                           "headers": sorted(h.lower() for h in self.headers.keys()),
                                           "body_keys": sorted(body.keys()) if isinstance(body, dict) else []})

    # ---- scenario choice --------------------------------------------------------
    def model_of(self, api, body, path):
        if api == "gemini":
            return path.split("/models/")[1].split(":")[0]
        return body.get("model", "") if isinstance(body, dict) else ""

    def scenario_for(self, model, raw, key):
        scenario = STATE.scenario
        if model.startswith("mock-"):
            scenario = model[len("mock-"):]
        if key == "bad-key":
            return "bad_key"
        if scenario in TRANSIENT:
            digest = hashlib.sha256(raw).hexdigest()
            with STATE.lock:
                seen = STATE.attempts.get(digest, 0)
                STATE.attempts[digest] = seen + 1
                if seen >= STATE.fail_first:
                    return "ok"
        if scenario == "slow":
            time.sleep(STATE.slow_ms / 1000.0)
            return "ok"
        return scenario

    # ---- OpenAI and Ollama --------------------------------------------------------
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
                    answer[field] = "you sent %s; also %s" % (key, STATE.echo)
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

    # ---- Anthropic ----------------------------------------------------------------
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

    # ---- Gemini -------------------------------------------------------------------
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


def main():
    global STATE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (0: a free one)")
    parser.add_argument("--port-file", help="write the bound port to this file once listening")
    parser.add_argument("--scenario", default="ok")
    parser.add_argument("--latency-ms", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=1)
    parser.add_argument("--slow-ms", type=int, default=5000)
    args = parser.parse_args()
    STATE = State(args.scenario, args.latency_ms, args.fail_first, args.slow_ms)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as out:
            out.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    print(port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
