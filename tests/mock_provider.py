#!/usr/bin/env python3
"""A local mock of the OpenAI, Anthropic and Gemini APIs (and Ollama's OpenAI-compatible
endpoint) for samplemind's tests. Standard library only. This file is the server (routing,
counters, scenario choice); each vendor's wire format is a module of tests/mock_wire/.

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
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from mock_wire import answers
from mock_wire.anthropic_messages import AnthropicApi
from mock_wire.answers import MAX_RECORDED, TRANSIENT
from mock_wire.gemini_generate import GeminiApi
from mock_wire.openai_chat import ChatApi


class Handler(ChatApi, AnthropicApi, GeminiApi, BaseHTTPRequestHandler):
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

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return raw

    def do_GET(self):
        if self.path.startswith("/__stats"):
            with answers.STATE.lock:
                self.send_json(200, {"total": answers.STATE.total, "by_api": answers.STATE.by_api, "in_flight": answers.STATE.in_flight,
                                     "max_in_flight": answers.STATE.max_in_flight, "answered": answers.STATE.answered,
                                     "failed": answers.STATE.failed, "scenario": answers.STATE.scenario,
                                     "latency_ms": answers.STATE.latency_ms, "requests": answers.STATE.requests})
            return
        self.send_json(404, {"error": {"message": "unknown path", "type": "not_found_error"}})

    def do_POST(self):
        raw = self.read_body()
        path = urlparse(self.path).path
        if path == "/__reset":
            with answers.STATE.lock:
                answers.STATE.reset()
            self.send_json(200, {"ok": True})
            return
        if path == "/__config":
            config = json.loads(raw or b"{}")
            with answers.STATE.lock:
                answers.STATE.scenario = config.get("scenario", answers.STATE.scenario)
                answers.STATE.latency_ms = config.get("latency_ms", answers.STATE.latency_ms)
                answers.STATE.fail_first = config.get("fail_first", answers.STATE.fail_first)
                answers.STATE.slow_ms = config.get("slow_ms", answers.STATE.slow_ms)
                answers.STATE.echo = config.get("echo", answers.STATE.echo)
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
        with answers.STATE.lock:
            answers.STATE.total += 1
            answers.STATE.by_api[api] = answers.STATE.by_api.get(api, 0) + 1
            answers.STATE.in_flight += 1
            answers.STATE.max_in_flight = max(answers.STATE.max_in_flight, answers.STATE.in_flight)
            latency_ms = answers.STATE.latency_ms
        status = None
        try:
            if latency_ms:
                time.sleep(latency_ms / 1000.0)
            status = getattr(self, "handle_" + api)(body, raw, path)
        finally:
            with answers.STATE.lock:
                answers.STATE.in_flight -= 1
                if status is not None and 200 <= status < 300:
                    answers.STATE.answered += 1
                else:
                    answers.STATE.failed += 1
                if len(answers.STATE.requests) < MAX_RECORDED:
                    answers.STATE.requests.append({"api": api, "status": status, "model": self.model_of(api, body, path),
                                           "headers": sorted(h.lower() for h in self.headers.keys()),
                                           "body_keys": sorted(body.keys()) if isinstance(body, dict) else []})

    # ---- scenario choice --------------------------------------------------------
    def model_of(self, api, body, path):
        if api == "gemini":
            return path.split("/models/")[1].split(":")[0]
        return body.get("model", "") if isinstance(body, dict) else ""

    def scenario_for(self, model, raw, key):
        scenario = answers.STATE.scenario
        if model.startswith("mock-"):
            scenario = model[len("mock-"):]
        if key == "bad-key":
            return "bad_key"
        if scenario in TRANSIENT:
            digest = hashlib.sha256(raw).hexdigest()
            with answers.STATE.lock:
                seen = answers.STATE.attempts.get(digest, 0)
                answers.STATE.attempts[digest] = seen + 1
                if seen >= answers.STATE.fail_first:
                    return "ok"
        if scenario == "slow":
            time.sleep(answers.STATE.slow_ms / 1000.0)
            return "ok"
        return scenario


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (0: a free one)")
    parser.add_argument("--port-file", help="write the bound port to this file once listening")
    parser.add_argument("--scenario", default="ok")
    parser.add_argument("--latency-ms", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=1)
    parser.add_argument("--slow-ms", type=int, default=5000)
    args = parser.parse_args()
    answers.STATE = answers.State(args.scenario, args.latency_ms, args.fail_first, args.slow_ms)
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
