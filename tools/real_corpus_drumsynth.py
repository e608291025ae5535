"""Noise/effect one-shots from LMMS DrumSynth effect patches (lmms-common samples/drumsynth).

The .ds files are synthesis recipes that LMMS's sample player renders.  One generated
project holds one sample-player track per patch, each played once at base note in its
own SLOT_BARS slot; a single `lmms render` gives all of them, and each slot is cut out
and its trailing silence trimmed.  Label: noise_fx (tempo and key expected null).
"""
import os
import xml.etree.ElementTree as ET

import real_corpus_common as common
import real_corpus_lmms as lmms

DS_DIRS = ["drumsynth/effects", "drumsynth/misc_fx"]
SAMPLES = "/usr/share/lmms/samples"
COUNT = 40
SLOT_BARS = 3  # 6 s per patch at 120 BPM


def patches():
    found = []
    for d in DS_DIRS:
        found += [d + "/" + f for f in os.listdir(os.path.join(SAMPLES, d)) if f.endswith(".ds")]
    found.sort(key=lambda p: (common.stable_hash(p), p))
    return found[:COUNT]


# The project: 120 BPM 4/4, one audiofileprocessor track per patch.
def project_xml(chosen):
    root = ET.Element("lmms-project", version="1.0", creator="LMMS", creatorversion="1.2.2", type="song")
    ET.SubElement(root, "head", timesig_numerator="4", timesig_denominator="4", bpm="120",
                  mastervol="100", masterpitch="0")
    song = ET.SubElement(root, "song")
    container = ET.SubElement(song, "trackcontainer", type="song")
    for i, rel in enumerate(chosen):
        track = ET.SubElement(container, "track", muted="0", type="0", name="fx%d" % i, solo="0")
        inst_track = ET.SubElement(track, "instrumenttrack", pan="0", fxch="0", pitch="0", basenote="57", vol="100")
        inst = ET.SubElement(inst_track, "instrument", name="audiofileprocessor")
        ET.SubElement(inst, "audiofileprocessor", reversed="0", looped="0", eframe="1", sframe="0", src=rel, amp="100")
        pattern = ET.SubElement(track, "pattern", pos=str(i * SLOT_BARS * 192), len="192", steps="16",
                                muted="0", type="1", name="fx")
        ET.SubElement(pattern, "note", pan="0", key="57", vol="100", pos="0", len="96")
    ET.SubElement(song, "timeline", lp0pos="0", lp1pos="192", lpstate="0")
    return ET.ElementTree(root)


# Renders all chosen patches once and writes one noise_fx file per audible patch.
def build(out_dir, work_dir, manifest, log):
    chosen = patches()
    mmp = os.path.join(work_dir, "drumsynth-fx.mmp")
    wav = os.path.join(work_dir, "drumsynth-fx.wav")
    project_xml(chosen).write(mmp, encoding="UTF-8", xml_declaration=True)
    if not lmms.render((mmp, wav)):
        log.write("drumsynth: render failed\n")
        return 0
    rate, channels, frames = common.wav_info(wav)
    slot = SLOT_BARS * 2 * rate  # 2 s per bar at 120 BPM
    kept = 0
    for i, rel in enumerate(chosen):
        if (i + 1) * slot > frames:
            break
        src = "lmms:samples/" + rel
        fmt, out_rate = common.pick_variant(src)
        fname = common.opaque_id(src) + "." + fmt
        dst = os.path.join(out_dir, fname)
        common.convert(wav, dst, out_rate, i * slot, slot, extra=["reverse", "silence", "1", "0.02", "-60d", "reverse"])
        peak_db, _ = common.levels(dst)
        if peak_db < -40:
            log.write("%s\t%s\tsilent (peak %.0f dB)\n" % (src, fname, peak_db))
            os.remove(dst)
            continue
        manifest.add("fx", "drumsynth:" + rel, {
            "file": fname, "category": "noise_fx", "format": fmt, "rate": out_rate, "channels": channels,
            "detail": "lmms drumsynth fx", "source": src})
        kept += 1
    return kept
