"""What the mock providers answer with, shared by every vendor's wire format: the run's
state and counters, the fields a prompt asks for, schema-valid (or deliberately wrong)
answers, and the output-token count samplemind's estimate assumes."""
import re
import threading

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


# The one State of the running server (set by mock_provider.main).
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
