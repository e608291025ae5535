#!/usr/bin/python3
"""Writes one small audio file per tag kind with a tag of MB megabytes, for
scripts/bench_tag_memory.sh: an MP3 behind an ID3v2 tag, an MP3 with an APE tag at its end, a
WAV with a LIST/INFO comment, a FLAC with pictures, an Ogg Vorbis file with a comment, and a
plain WAV. Needs Debian's python3-numpy, python3-soundfile and python3-mutagen.
    tools/make_big_tag_files.py OUT_DIR MB
"""
import io
import os
import struct
import sys

import numpy as np
import soundfile as sf
from mutagen.apev2 import APEv2
from mutagen.flac import FLAC, Picture
from mutagen.id3 import ID3, PRIV
from mutagen.oggvorbis import OggVorbis

RATE = 22050


def tone(seconds=1.0):
    t = np.arange(int(RATE * seconds)) / RATE
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype("float32")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, mb = sys.argv[1], int(sys.argv[2])
    size = mb << 20
    os.makedirs(out, exist_ok=True)
    sf.write(os.path.join(out, "plain.wav"), tone(), RATE, subtype="PCM_16")

    mp3 = os.path.join(out, "id3v2.mp3")
    sf.write(mp3, tone(), RATE, format="MP3")
    tag = ID3()
    tag.add(PRIV(owner="bench", data=b"\0" * size))
    tag.save(mp3, padding=lambda info: 0)

    ape = os.path.join(out, "ape.mp3")
    sf.write(ape, tone(), RATE, format="MP3")
    apev2 = APEv2()
    apev2["Comment"] = "a" * size
    apev2.save(ape)

    buffer = io.BytesIO()
    sf.write(buffer, tone(), RATE, format="WAV", subtype="PCM_16")
    wav = buffer.getvalue()
    body = b"INFO" + b"ICMT" + struct.pack("<I", size) + b"a" * size
    wav += b"LIST" + struct.pack("<I", len(body)) + body
    wav = wav[:4] + struct.pack("<I", len(wav) - 8) + wav[8:]
    with open(os.path.join(out, "list.wav"), "wb") as f:
        f.write(wav)

    flac_path = os.path.join(out, "pictures.flac")
    sf.write(flac_path, tone(), RATE, subtype="PCM_16")
    flac = FLAC(flac_path)
    block = 16 * 1024 * 1024 - 256
    for _ in range(max(1, size // block)):
        picture = Picture()
        picture.type, picture.mime, picture.data = 3, "image/png", b"\x89PNG" + b"\0" * (block - 4)
        flac.add_picture(picture)
    flac.save()

    ogg_path = os.path.join(out, "comment.ogg")
    sf.write(ogg_path, tone(), RATE, format="OGG", subtype="VORBIS")
    ogg = OggVorbis(ogg_path)
    ogg["COMMENT"] = "a" * size
    ogg.save()


if __name__ == "__main__":
    main()
