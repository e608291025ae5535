"""A fourth real set: the recorded instrument and drum samples of Debian's freepats.

Usage: python3 tools/real_corpus_freepats.py OUT_DIR   (root: installs freepats)

freepats is a General MIDI patch set for software synthesisers (TiMidity++): recorded
pianos, guitars, basses, organs, strings, winds, mallets and a drum kit, in Gravis
Ultrasound patch files (.pat). Each waveform of a patch is one recorded note, and its
header states the frequency it sounds at when played at its own rate (the "root
frequency", in millihertz): what a sampler needs to map it, so it is the sample's own
statement of its pitch, not samplemind's reading. None of these samples is in the other
sets (TimGM6mb, FluidR3, Sonic Pi, LMMS, Hydrogen), and no threshold of samplemind was
fitted on them. Labels:

  Tone_000/*.pat   every waveform is a pitched_hit: root_midi = the root frequency as a
                   MIDI note, rounded; a waveform more than 30 cents from a semitone has no
                   note to name and is left out. The General MIDI sound effects (programs
                   120-127: fret noise, seashore, helicopter) are noise_fx instead, and the
                   wood block (115) a drum_hit.
  Drum_000/*.pat   every waveform is a drum_hit (key and tempo null expected), except the
                   sounds of the drum map that are no kit hit: the snare roll (25, a pulse),
                   the square click and metronome (32-34), the whistles (71-72), the guiros
                   (73-74, scrapes), the cuicas (78-79, pitched friction) and the belltree
                   (84, a glissando), left out.

A waveform is written as its patch plays it once: a looped waveform (a held note's sustain
loop) shorter than 1 s repeats its loop up to 1 s and ends with a 50 ms fade, as a sampler
holding the note would; an unlooped one is written as is. Waveforms shorter than 0.15 s
that do not loop are left out (no sample library sells a 70 ms note as a one-shot), and so
are byte-identical copies. Files are converted to the corpus' format/rate cycle with
opaque names; the split alternates whole patches (instruments) per group by hash.
"""
import hashlib
import math
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

FREEPATS = "/usr/share/midi/freepats"
NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
MAX_CENTS_OFF = 30.0
HELD_NOTE_S = 1.0
FADE_S = 0.05
MIN_UNLOOPED_S = 0.15
EFFECT_PROGRAMS = range(120, 128)
DRUM_PROGRAMS = {115}
NOT_KIT_HITS = {25, 32, 33, 34, 71, 72, 73, 74, 78, 79, 84}

HEADER_BYTES = 129 + 63 + 47  # file header, one instrument header, one layer header
WAVE_HEADER_BYTES = 96
MODE_16_BIT, MODE_UNSIGNED, MODE_LOOPING, MODE_PING_PONG = 1, 2, 4, 8


# The waveforms of one GUS patch: dicts of name, rate, root_hz, loop bounds (in frames),
# modes and the samples as signed 16-bit integers. Raises ValueError on a broken file.
def parse_patch(data):
    if not data.startswith(b"GF1PATCH1") or len(data) < HEADER_BYTES:
        raise ValueError("not a GUS patch")
    count = data[129 + 63 + 6]
    offset = HEADER_BYTES
    waves = []
    for _ in range(count):
        header = data[offset:offset + WAVE_HEADER_BYTES]
        if len(header) < WAVE_HEADER_BYTES:
            raise ValueError("truncated waveform header")
        length, loop_start, loop_end = struct.unpack_from("<III", header, 8)
        rate, = struct.unpack_from("<H", header, 20)
        root_mhz, = struct.unpack_from("<I", header, 30)
        modes = header[55]
        body = data[offset + WAVE_HEADER_BYTES:offset + WAVE_HEADER_BYTES + length]
        if len(body) < length or rate == 0:
            raise ValueError("truncated waveform data")
        width = 2 if modes & MODE_16_BIT else 1
        if width == 2:
            samples = list(struct.unpack("<%dH" % (length // 2) if modes & MODE_UNSIGNED else "<%dh" % (length // 2),
                                         body[:length // 2 * 2]))
            if modes & MODE_UNSIGNED:
                samples = [s - 32768 for s in samples]
        else:
            samples = [((b - 128) if modes & MODE_UNSIGNED else (b - 256 if b > 127 else b)) * 256 for b in body]
        waves.append({"name": header[:7].split(b"\0")[0].decode("latin-1"), "rate": rate,
                      "root_hz": root_mhz / 1000.0, "loop": (loop_start // width, loop_end // width),
                      "modes": modes, "samples": samples})
        offset += WAVE_HEADER_BYTES + length
    return waves


# The waveform as a sampler holding the note plays it once (module docstring).
def played_once(wave_info):
    samples = wave_info["samples"]
    rate = wave_info["rate"]
    start, end = wave_info["loop"]
    looping = wave_info["modes"] & MODE_LOOPING and 0 <= start < end <= len(samples)
    if not looping or len(samples) >= HELD_NOTE_S * rate:
        return list(samples)
    loop = samples[start:end]
    if wave_info["modes"] & MODE_PING_PONG:
        loop = loop + loop[::-1]
    out = list(samples[:end])
    target = int(HELD_NOTE_S * rate)
    while len(out) < target:
        out.extend(loop[:target - len(out)])
    fade = max(1, int(FADE_S * rate))
    for i in range(fade):
        out[-fade + i] = int(out[-fade + i] * (fade - 1 - i) / fade)
    return out


# (midi note, cents off it) of a root frequency.
def midi_of(root_hz):
    exact = 69.0 + 12.0 * math.log2(root_hz / 440.0)
    note = int(round(exact))
    return note, 100.0 * (exact - note)


# (category, extra labels, detail) of one waveform, or None when it is left out.
def label(folder, program, wave_info):
    looping = wave_info["modes"] & MODE_LOOPING
    if not looping and len(wave_info["samples"]) < MIN_UNLOOPED_S * wave_info["rate"]:
        return None
    if folder == "Drum_000":
        return None if program in NOT_KIT_HITS else ("drum_hit", {}, "drum map note %d" % program)
    if program in EFFECT_PROGRAMS:
        return "noise_fx", {}, "GM sound effect %d" % program
    if program in DRUM_PROGRAMS:
        return "drum_hit", {}, "GM percussive %d" % program
    if wave_info["root_hz"] <= 0:
        return None
    note, cents = midi_of(wave_info["root_hz"])
    if abs(cents) > MAX_CENTS_OFF or not 12 <= note <= 120:
        return None
    return "pitched_hit", {"key": NAMES[note % 12], "root_midi": note}, "root %.1f Hz (%+.0f cents)" % (
        wave_info["root_hz"], cents)



def build(out_dir, root=FREEPATS):
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    seen = set()
    with tempfile.TemporaryDirectory() as scratch:
        for folder in ("Tone_000", "Drum_000"):
            for entry in sorted(os.listdir(os.path.join(root, folder))):
                if not entry.endswith(".pat"):
                    continue
                program = int(entry[:3])
                group = "freepats_drums" if folder == "Drum_000" else "freepats_tones"
                patch = folder + "/" + entry
                with open(os.path.join(root, folder, entry), "rb") as f:
                    waves = parse_patch(f.read())
                for index, wave_info in enumerate(waves):
                    labels = label(folder, program, wave_info)
                    digest = hashlib.sha256(struct.pack("<%dh" % len(wave_info["samples"]), *wave_info["samples"])).hexdigest()
                    if labels is None or digest in seen:
                        manifest.reserve(group, patch)
                        continue
                    seen.add(digest)
                    category, extra, detail = labels
                    src = os.path.join(scratch, "wave.wav")
                    common.write_mono_wav(src, played_once(wave_info), wave_info["rate"])
                    manifest.add_sample(group, patch, "freepats:%s:%d" % (patch, index), src, category, extra,
                                        detail, "freepats:%s#%d %s" % (patch, index, wave_info["name"]))
    return manifest.write()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: real_corpus_freepats.py OUT_DIR")
    common.require_package(FREEPATS, "freepats")
    print("freepats corpus: %d files in %s" % (build(sys.argv[1]), sys.argv[1]))


if __name__ == "__main__":
    main()
