"""A fifth real set: the recorded acoustic drum kits of Debian's avldrums.lv2-soundfont.

Usage: python3 tools/real_corpus_avldrums.py OUT_DIR   (root: installs avldrums.lv2-soundfont)

The AVL Drumkits (Glen MacArthur) are two acoustic kits recorded hit by hit, Black Pearl
and Red Zeppelin, stored as SoundFont 2 files for the AVLdrums plugin: kicks, snares and
their rims and side sticks, toms and their edges, hi-hats closed, pedalled, half open and
open, crashes, rides and their bells, splashes, tambourine, cowbell, maracas, each at up to
five velocities. None of these recordings is in another set, and no threshold of samplemind
was fitted on them. Labels:

  every sample    a drum_hit (key and tempo null expected). The detail names the sample
                  ("avl kit 36-Pearl22Kick", its General MIDI drum note and instrument), so
                  tools/eval_category.py can score the category by the instrument's name.

Each sample of the SoundFont's sample table (shdr) is written as it is recorded, mono, at its
own rate; byte-identical copies are left out. The split keeps every velocity of one drum
(one kit, one drum note) on one side, alternating by hash.
"""
import hashlib
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

FOLDER = "/usr/share/sounds/sf2"
KITS = ["Black_Pearl_4_LV2.sf2", "Red_Zeppelin_4_LV2.sf2"]
PLUGIN_FOLDER = "/usr/lib/lv2/avldrums.lv2"  # only the package makes it (sf2/ is shared with other soundfonts)
SAMPLE_HEADER_BYTES = 46
MAX_CHUNKS = 4096  # a SoundFont has a handful; more is a broken or hostile file


# (id, offset of the body, size) of each RIFF chunk between offset and end.
def chunks(data, offset, end):
    for _ in range(MAX_CHUNKS):
        if offset + 8 > end:
            return
        size, = struct.unpack_from("<I", data, offset + 4)
        if offset + 8 + size > end:
            raise ValueError("chunk runs past its parent")
        yield data[offset:offset + 4], offset + 8, size
        offset += 8 + size + (size & 1)
    raise ValueError("too many chunks")


# The samples of a SoundFont 2 file: dicts of name, rate, and the samples as signed 16-bit
# integers, from the sample table (shdr) and the sample data (sdta/smpl). Raises ValueError.
def read_samples(data):
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"sfbk":
        raise ValueError("not a SoundFont 2 file")
    pcm = headers = None
    for chunk_id, offset, size in chunks(data, 12, len(data)):
        if chunk_id != b"LIST" or size < 4:
            continue
        for inner_id, inner, inner_size in chunks(data, offset + 4, offset + size):
            if inner_id == b"smpl":
                pcm = data[inner:inner + inner_size]
            elif inner_id == b"shdr":
                headers = data[inner:inner + inner_size]
    if pcm is None or headers is None:
        raise ValueError("no sample data or no sample table")
    samples = []
    for i in range(len(headers) // SAMPLE_HEADER_BYTES - 1):  # the last record is the terminal "EOS"
        record = headers[i * SAMPLE_HEADER_BYTES:(i + 1) * SAMPLE_HEADER_BYTES]
        start, end, _, _, rate = struct.unpack_from("<IIIII", record, 20)
        if not 0 <= start < end <= len(pcm) // 2 or rate == 0:
            raise ValueError("sample %d lies outside the sample data" % i)
        samples.append({"name": record[:20].split(b"\0")[0].decode("latin-1"), "rate": rate,
                        "samples": list(struct.unpack_from("<%dh" % (end - start), pcm, start * 2))})
    return samples


# The drum of a sample's name: "36-Pearl22Kick-3" -> "36-Pearl22Kick" (its velocity dropped).
def drum_of(name):
    head, _, tail = name.rpartition("-")
    return head if head and tail.isdigit() and "-" in head else name



def build(out_dir, folder=FOLDER, kits=KITS):
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    seen = set()
    with tempfile.TemporaryDirectory() as scratch:
        for kit in kits:
            with open(os.path.join(folder, kit), "rb") as f:
                samples = read_samples(f.read())
            for index, sample in enumerate(samples):
                drum = drum_of(sample["name"])
                split_source = "%s:%s" % (kit, drum.split("-")[0])
                digest = hashlib.sha256(struct.pack("<%dh" % len(sample["samples"]), *sample["samples"])).hexdigest()
                if digest in seen:
                    manifest.reserve("avldrums", split_source)
                    continue
                seen.add(digest)
                src = os.path.join(scratch, "hit.wav")
                common.write_mono_wav(src, sample["samples"], sample["rate"])
                manifest.add_sample("avldrums", split_source, "avldrums:%s:%d" % (kit, index), src, "drum_hit", {},
                                    "avl kit %s" % drum, "avldrums:%s#%d %s" % (kit, index, sample["name"]))
    return manifest.write()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: real_corpus_avldrums.py OUT_DIR")
    common.require_package(PLUGIN_FOLDER, "avldrums.lv2-soundfont")
    print("avldrums corpus: %d files in %s" % (build(sys.argv[1]), sys.argv[1]))


if __name__ == "__main__":
    main()
