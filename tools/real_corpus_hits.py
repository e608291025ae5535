"""One-shots for the real corpus: drum hits, stated-root pitched hits and noise/effects.

drum_hit   : samples of every Hydrogen kit (hydrogen, hydrogen-drumkits), a hash-ordered
             subset per kit; the whole kit is one split source.
pitched_hit: (a) one MIDI note rendered with fluidsynth from TimGM6mb.sf2 (timgm6mb-soundfont),
             root = the note asked for, held 1.5 s; (a') a short note (0.25 s key press) of a
             plucked or struck program the held notes do not use; (b) major/minor chord strums of the
             belofilms_GuitarStrums kit (hydrogen-drumkits-effects), key = chord root and
             quality stated in the file name, root_midi unknown. A chord whose takes include a
             file byte-identical to a take of another chord (the kit ships two "Bmajor" takes
             that are the "Bflat major" ones) has no trustworthy name: both chords are left out.
noise_fx   : LMMS samples/effects and non-musical samples/misc files, Hydrogen kit
             instruments named FX/Zap/Noise.
"""
import hashlib
import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET

import real_corpus_common as common

KITS = "/usr/share/hydrogen/data/drumkits"
STRUMS = "belofilms_GuitarStrums"
SF2 = common.soundfont(os.environ)
SF2_TAG = common.soundfont_tag(SF2)
HITS_PER_KIT = 24
AUDIO = (".wav", ".flac", ".aiff", ".ogg")
LMMS_FX = ["effects/" + f for f in ("chroma_sound_effect01.ogg", "explode01.ogg", "filter_sweep01.ogg",
                                      "start01.ogg", "start02.ogg", "stop01.ogg", "warp01.ogg", "warp02.ogg")]
LMMS_FX += ["misc/" + f for f in ("applause01.ogg", "breath01.ogg", "raving_crowd01.ogg", "buzz!.ogg")]
FX_NAME = re.compile(r"\bfx\b|zap|noise|sweep|riser|whoosh", re.IGNORECASE)
NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def emit(out_dir, manifest, group, split_source, src, category, extra, detail, channels=None):
    fmt, rate = common.pick_variant(src)
    fname = common.opaque_id(src) + "." + fmt
    common.convert(src, os.path.join(out_dir, fname), rate, channels=channels)
    row = {"file": fname, "category": category, "bpm": "-", "key": "-", "mode": "-", "root_midi": "-",
           "format": fmt, "rate": rate, "channels": channels or "-", "detail": detail, "source": src}
    row.update(extra)
    manifest.add(group, split_source, row)


def kit_instruments(kit):
    """(instrument name, [sample paths]) of one kit's drumkit.xml."""
    root = ET.parse(os.path.join(KITS, kit, "drumkit.xml")).getroot()
    out = []
    for inst in root.iter("instrument"):
        files = [os.path.join(KITS, kit, f.text) for f in inst.iter("filename") if f.text]
        out.append((inst.findtext("name") or "", [f for f in files if os.path.exists(f)]))
    return out


# Drum hits and kit FX from every kit except the guitar strums.
def drum_and_fx(out_dir, manifest):
    counts = {"drum_hit": 0, "noise_fx": 0}
    for kit in sorted(os.listdir(KITS)):
        if kit == STRUMS or not os.path.exists(os.path.join(KITS, kit, "drumkit.xml")):
            continue
        pool = []
        for name, files in kit_instruments(kit):
            fx = bool(FX_NAME.search(name))
            for f in files[:1] if fx else files:
                pool.append((fx, name, f))
        pool.sort(key=lambda p: (common.stable_hash(p[2]), p[2]))
        taken = 0
        for fx, name, f in pool:
            if fx:
                emit(out_dir, manifest, "fx", "kit:" + kit, f, "noise_fx", {}, "hydrogen kit fx " + name)
                counts["noise_fx"] += 1
            elif taken < HITS_PER_KIT:
                emit(out_dir, manifest, "kit", "kit:" + kit, f, "drum_hit", {}, "hydrogen kit " + name)
                counts["drum_hit"] += 1
                taken += 1
    for rel in LMMS_FX:
        src = "/usr/share/lmms/samples/" + rel
        emit(out_dir, manifest, "fx", "lmms-samples:" + rel, src, "noise_fx", {}, "lmms sample " + rel)
        counts["noise_fx"] += 1
    return counts


def strum_chord(match):
    """(pitch class, mode) a strum's file name states."""
    pc = NAMES.index(match.group(1)) + {"sharp": 1, "flat": -1}.get((match.group(2) or "").lower(), 0)
    return pc % 12, match.group(3).lower()


def conflicting_chords(folder, pat):
    """Chords that share a byte-identical take with a differently named chord."""
    chords_of_content = {}
    for f in os.listdir(folder):
        m = pat.match(f)
        if m and f.endswith(AUDIO):
            with open(os.path.join(folder, f), "rb") as take:
                digest = hashlib.sha256(take.read()).hexdigest()
            chords_of_content.setdefault(digest, set()).add(strum_chord(m))
    return set().union(*[c for c in chords_of_content.values() if len(c) > 1])


# Chord strums whose file name states a major or minor triad: key label only.
def strums(out_dir, manifest):
    n = 0
    pat = re.compile(r"^([A-G])(sharp|flat)? ?(major|minor)(_(UP|DOWN|Down))?_0([0-3])", re.IGNORECASE)
    folder = os.path.join(KITS, STRUMS)
    mislabelled = conflicting_chords(folder, pat)
    for f in sorted(os.listdir(folder)):
        m = pat.match(f)
        if not m or not f.endswith(AUDIO) or m.group(6) != "0":
            continue
        pc, mode = strum_chord(m)
        group = "strum:" + NAMES[pc]
        if (pc, mode) in mislabelled:
            manifest.reserve("strum", group)
            continue
        emit(out_dir, manifest, "strum", group, os.path.join(folder, f), "pitched_hit",
             {"key": NAMES[pc], "mode": mode}, "guitar strum chord")
        n += 1
    return n


def midi_file(path, program, note, seconds=1.5):
    ticks = int(seconds * 960)  # 480 ppq at the default 120 bpm = 960 ticks/s
    ev = bytes([0, 0xC0, program, 0, 0x90, note, 100])
    ev += _vlq(ticks) + bytes([0x80, note, 0]) + _vlq(480) + bytes([0xFF, 0x2F, 0])
    data = b"MThd" + struct.pack(">IHHH", 6, 0, 1, 480) + b"MTrk" + struct.pack(">I", len(ev)) + ev
    open(path, "wb").write(data)


def _vlq(v):
    out = [v & 0x7F]
    while v > 0x7F:
        v >>= 7
        out.insert(0, (v & 0x7F) | 0x80)
    return bytes(out)


# Renders one note of one program and adds it (trailing silence under -70 dB trimmed).
def soundfont_note(out_dir, work_dir, manifest, group, program, note, seconds, short=False):
    tag = "-short" if short else ""
    mid = os.path.join(work_dir, "gm%03d%s.mid" % (program, tag))
    wav = os.path.join(work_dir, "gm%s%03d-%d%s.wav" % (SF2_TAG and SF2_TAG + "_", program, note, tag))
    midi_file(mid, program, note, seconds)
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", "44100", "-F", wav, SF2, mid],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    src = "%s program %d note %d%s" % (os.path.basename(SF2), program, note, " short" if short else "")
    fmt, rate = common.pick_variant(src)
    fname = common.opaque_id(src) + "." + fmt
    common.convert(wav, os.path.join(out_dir, fname), rate, extra=["reverse", "silence", "1", "0.02", "-70d", "reverse"])
    detail = "soundfont %sprogram %d" % ("short " if short else "", program)
    manifest.add(group, "%s:%d" % (group, program), {
        "file": fname, "category": "pitched_hit", "key": NAMES[note % 12], "mode": "-", "root_midi": note,
        "format": fmt, "rate": rate, "channels": 2, "detail": detail, "source": src})


# One note per melodic GM program (0-111, every 3rd) rendered from the soundfont, held 1.5 s.
def soundfont_notes(out_dir, work_dir, manifest):
    for program in range(0, 112, 3):
        note = 45 + common.stable_hash("note:%d" % program) % 28  # A2..C5
        soundfont_note(out_dir, work_dir, manifest, "gm", program, note, 1.5)
    return len(range(0, 112, 3))


# Plucked and struck programs the held notes skip (pianos, mallets, guitars, basses, harp,
# plucked ethnic), each one short note (a 0.25 s key press, then the instrument's own
# release): sample packs are full of 0.3-0.8 s plucks and bass hits. Basses play E1..C3.
SHORT_PROGRAMS = [1, 4, 7, 10, 13, 25, 28, 32, 34, 35, 37, 38, 46, 104, 106, 107]


def short_soundfont_notes(out_dir, work_dir, manifest):
    for program in SHORT_PROGRAMS:
        low, span = (28, 21) if 32 <= program <= 39 else (45, 28)
        note = low + common.stable_hash("short note:%d" % program) % span
        soundfont_note(out_dir, work_dir, manifest, "gm_short", program, note, 0.25, short=True)
    return len(SHORT_PROGRAMS)
