"""Reads the notes of an LMMS project (package lmms-common) and derives a key label for a bar range.

Only notes whose sounding pitch follows from the file are counted ("trusted" tracks):
synth plugins played at base note/master pitch, no chord/arpeggio stacking, oscillators
detuned only by octaves.  Anything pitched whose pitch cannot be read from the file
(sample players on non-drum samples, sample tracks, sfxr, chord/arp stacking, detuned
tracks) "taints" the range: its key label is then '-'.
"""
import re

import real_corpus_key as key

TRUSTED_PLUGINS = {"tripleoscillator", "lb302", "bitinvader", "organic", "monstro", "watsyn", "sid",
                   "papu", "nes", "zynaddsubfx", "vibedstrings", "malletsstk", "opulenz", "sf2player"}
DRUM_PLUGINS = {"kicker"}
DRUM_WORDS = re.compile(r"kick|snare|hat|hihat|clap|crash|ride|tom|perc|cymbal|rim|shaker|drum|"
                        r"\bbd|\bsd|\bhh|beat|break|909|808|cowbell|conga|bongo|tamb|noise|fx|snap",
                        re.IGNORECASE)
DRUM_DIRS = ("drums/", "beats/", "drumsynth/", "misc/hit", "effects/")


def is_drum_name(text):
    return bool(DRUM_WORDS.search(text or ""))


# Decides how a track's notes count: "drum", "trusted" (pitch known, with a MIDI offset)
# or "taint" (pitched but not derivable), plus the offset to add to LMMS note keys.
def classify(track, masterpitch):
    it = track.find("instrumenttrack")
    inst = it.find("instrument") if it is not None else None
    plugin = inst.get("name") if inst is not None else ""
    name = track.get("name", "")
    if plugin in DRUM_PLUGINS:
        return "drum", 0
    if plugin == "audiofileprocessor":
        afp = inst.find("audiofileprocessor")
        src = afp.get("src", "") if afp is not None else ""
        drum = src.startswith(DRUM_DIRS) or is_drum_name(src) or is_drum_name(name)
        return ("drum" if drum else "taint"), 0
    if plugin not in TRUSTED_PLUGINS:
        return ("drum" if is_drum_name(name) else "taint"), 0
    if is_drum_name(name):
        return "drum", 0
    chord = it.find(".//chordcreator")
    arp = it.find(".//arpeggiator")
    if (chord is not None and chord.get("chord-enabled") == "1") or (arp is not None and arp.get("arp-enabled") == "1"):
        return "taint", 0
    if abs(float(it.get("pitch", "0") or 0)) >= 50:
        return "taint", 0
    if plugin == "tripleoscillator":
        osc = inst.find("tripleoscillator")
        for i in range(3):
            if osc is not None and float(osc.get("vol%d" % i, "0")) > 0 and int(float(osc.get("coarse%d" % i, "0"))) % 12:
                return "taint", 0
    if plugin == "sf2player":
        sf = inst.find("sf2player")
        if sf is not None and sf.get("bank") == "128":
            return "drum", 0
    base = int(float(it.get("basenote", "57")))
    return "trusted", 69 - base + masterpitch


# Song-time note events (start, end, midi, kind) of one track's patterns, with optional looping.
def pattern_events(pattern, offset, kind, shift, window_len=None):
    events = []
    plen = int(pattern.get("len", "192"))
    notes = [(int(n.get("pos")), int(n.get("len")), int(n.get("key"))) for n in pattern.findall("note")]
    reps = 1 if window_len is None else max(1, -(-window_len // plen))
    for r in range(reps):
        for pos, length, k in notes:
            start = pos + r * plen
            if window_len is not None and start >= window_len or window_len is None and pos >= plen:
                continue
            end = start + (length if length > 0 else 24)
            if window_len is not None:
                end = min(end, window_len)
            events.append((offset + start, offset + end, k + shift, kind))
    return events


# All note events of the song: song-level instrument patterns plus beat/bassline clips.
def song_events(root):
    head = root.find("head")
    masterpitch = int(float(head.get("masterpitch", "0")))
    tracks = root.find("song").find("trackcontainer").findall("track")
    events, samples = [], []
    bb_tracks = [t for t in tracks if t.get("type") == "1"]
    inner = []
    for t in bb_tracks:
        c = t.find("bbtrack/trackcontainer")
        if c is not None:
            inner = c.findall("track")
            break
    for t in tracks:
        if t.get("muted") == "1":
            continue
        if t.get("type") == "0":
            kind, shift = classify(t, masterpitch)
            for p in t.findall("pattern"):
                if p.get("muted") != "1":
                    events += pattern_events(p, int(p.get("pos")), kind, shift)
        elif t.get("type") == "2":
            for s in t.findall("sampletco"):
                if s.get("muted") != "1":
                    kind = "drum" if is_drum_name(s.get("src", "")) else "taint"
                    samples.append((int(s.get("pos")), int(s.get("pos")) + int(s.get("len")), -1, kind))
        elif t.get("type") == "1":
            index = bb_tracks.index(t)
            for clip in t.findall("bbtco"):
                if clip.get("muted") == "1":
                    continue
                for it in inner:
                    if it.get("muted") == "1" or it.get("type") != "0":
                        continue
                    kind, shift = classify(it, masterpitch)
                    for p in it.findall("pattern"):
                        if int(p.get("pos")) == index * 192 and p.get("muted") != "1":
                            events += pattern_events(p, int(clip.get("pos")), kind, shift, int(clip.get("len")))
    return events + samples


# Label for [start, end) ticks: (category, key, mode, detail).  Category is tonal_loop when
# any pitched note sounds in the range, else drum_loop.
def label_range(events, start, end):
    hist = [0.0] * 12
    pitched = tainted = False
    for a, b, midi, kind in events:
        overlap = min(b, end) - max(a, start)
        if overlap <= 0 or kind == "drum":
            continue
        pitched = True
        if kind == "taint":
            tainted = True
        else:
            hist[midi % 12] += overlap
    if not pitched:
        return "drum_loop", "-", "-", "no pitched notes"
    if tainted:
        return "tonal_loop", "-", "-", "key unknown: pitch not derivable for some notes"
    found = key.estimate(hist)
    if found is None:
        return "tonal_loop", "-", "-", "key unknown: not clearly tonal"
    tonic, mode, r, margin = found
    return "tonal_loop", tonic, mode, "notes r=%.2f margin=%.2f" % (r, margin)
