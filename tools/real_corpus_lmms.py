"""Tonal (and some drum) loops from the LMMS demo and shorties projects (package lmms-common).

Each project is copied with every song-level clip that starts at or after LIMIT_BARS removed
(so the render is short; the clips kept are untouched), rendered headless with
`lmms render` (QT_QPA_PLATFORM=offscreen), then cut at bar lines (bar length from the
time signature: 192 ticks per 4/4 bar, 48 per quarter) into 1-, 2- and 4-bar loops.
Tempo = the `bpm` attribute of <head>; projects whose tempo is automated are skipped.
"""
import os
import subprocess
import xml.etree.ElementTree as ET
import zlib
from concurrent.futures import ThreadPoolExecutor

import real_corpus_common as common
import real_corpus_lmms_notes as notes

PROJECT_DIRS = ["/usr/share/lmms/projects/demos", "/usr/share/lmms/projects/shorties"]
LIMIT_BARS = 24
CUTS = [(1, 8), (1, 16), (2, 10), (2, 18), (4, 4), (4, 12), (4, 20)]
CLIP_TAGS = ("pattern", "bbtco", "sampletco", "automationpattern")


def find_projects():
    found = []
    for d in PROJECT_DIRS:
        for dirpath, _, files in os.walk(d):
            found += [os.path.join(dirpath, f) for f in files if f.endswith((".mmp", ".mmpz"))]
    return sorted(found)


# Parses .mmp (XML) or .mmpz (Qt qCompress: 4-byte length + zlib stream).
def load(path):
    data = open(path, "rb").read()
    if path.endswith(".mmpz"):
        data = zlib.decompress(data[4:])
    return ET.fromstring(data)


def tempo_automated(root):
    bpm = root.find("head/bpm")
    if bpm is None or bpm.get("id") is None:
        return False
    return any(o.get("id") == bpm.get("id") for o in root.iter("object"))


# Drops song-level clips starting at or after the limit; writes the copy as plain .mmp.
def write_truncated(root, limit_ticks, dst):
    for track in root.find("song/trackcontainer").findall("track"):
        for clip in [c for c in track if c.tag in CLIP_TAGS]:
            if int(clip.get("pos", "0")) >= limit_ticks:
                track.remove(clip)
    ET.ElementTree(root).write(dst, encoding="UTF-8", xml_declaration=True)


def render(job):
    src, wav = job
    if os.path.exists(wav):
        return True
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = ["lmms", "render", src, "-o", wav + ".tmp.wav", "-f", "wav", "-s", "44100"]
    if os.getuid() == 0:
        cmd.insert(1, "--allowroot")
    try:
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=400, check=True)
        os.rename(wav + ".tmp.wav", wav)
        return True
    except (subprocess.SubprocessError, OSError):
        return False


# Renders all projects and cuts labelled loops; returns the number kept.
def build(out_dir, work_dir, manifest, log):
    plans, jobs = [], []
    for path in find_projects():
        name = os.path.basename(path).rsplit(".", 1)[0]
        try:
            root = load(path)
        except (ET.ParseError, zlib.error) as err:
            log.write("lmms:%s\tskipped: cannot parse (%s)\n" % (name, err))
            continue
        head = root.find("head")
        if tempo_automated(root) or head.get("bpm") is None:
            log.write("lmms:%s\tskipped: tempo automated or missing\n" % name)
            continue
        bpm = int(head.get("bpm"))
        num, den = int(head.get("timesig_numerator", "4")), int(head.get("timesig_denominator", "4"))
        ticks_per_bar = 192 * num // den
        events = notes.song_events(root)
        copy = os.path.join(work_dir, name + ".mmp")
        write_truncated(root, LIMIT_BARS * ticks_per_bar, copy)
        wav = os.path.join(work_dir, name + ".wav")
        jobs.append((copy, wav))
        plans.append((path, name, bpm, ticks_per_bar, events, wav))
    with ThreadPoolExecutor(max_workers=2) as pool:
        rendered = list(pool.map(render, jobs))
    kept = 0
    for (path, name, bpm, tpb, events, wav), ok in zip(plans, rendered):
        if not ok:
            log.write("lmms:%s\trender failed or timed out\n" % name)
            continue
        rate, channels, frames = common.wav_info(wav)
        beats_per_bar = tpb / 48
        for bars, first in CUTS:
            begin = int(round(first * beats_per_bar * 60.0 / bpm * rate))
            length = int(round(bars * beats_per_bar * 60.0 / bpm * rate))
            if begin + length > frames:
                continue
            category, tonic, mode, why = notes.label_range(events, first * tpb, (first + bars) * tpb)
            source = "lmms:%s@%dbpm bars %d-%d" % (os.path.relpath(path, "/usr/share/lmms/projects"), bpm,
                                                    first + 1, first + bars)
            fmt, out_rate = common.pick_variant(source)
            fname = common.opaque_id(source) + "." + fmt
            dst = os.path.join(out_dir, fname)
            common.convert(wav, dst, out_rate, begin, length)
            ok, reason, frac, n = common.check_loop(dst, bpm, beats_per_bar, bars)
            log.write("%s\t%s\t%s\tgrid=%.2f onsets=%d\t%s %s %s\n" % (source, fname, reason, frac, n, category, tonic, why))
            if not ok:
                os.remove(dst)
                continue
            manifest.add("lmms", "lmms:" + name, {
                "file": fname, "category": category, "bpm": bpm, "key": tonic, "mode": mode,
                "format": fmt, "rate": out_rate, "channels": channels,
                "detail": "%dbar lmms %s" % (bars, why.replace("\t", " ")), "source": source})
            kept += 1
    return kept
