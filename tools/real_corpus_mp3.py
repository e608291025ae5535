"""An evaluation corpus copied as MP3, with or without the gapless header.

Usage: real_corpus_mp3.py CORPUS OUT_DIR gapless|no-gapless

None of the evaluation sets holds an MP3, yet MP3 is one of the formats samplemind reads
and many sample libraries hold. An MP3 encoder adds a delay before the first sample (576
samples for LAME, plus the decoder's 529) and fills the last frame (1152 samples at
32-48 kHz, 576 below) with silence. LAME writes both lengths in the header of its first
frame (the "Info" or "Xing" tag), and a gapless decoder (libsndfile's mpg123, which
samplemind uses) cuts them off again, so the decoded file is as long as the source.
An MP3 from an encoder that writes no such header, or read by a decoder that ignores it,
keeps them: the loop then starts about 50 ms into the file and ends a frame early.

Every file of CORPUS (its manifest.tsv) is encoded at constant bitrate with libsndfile's
LAME (compression level 0.3: 256 kbit/s stereo at 44.1 kHz), at its own rate and channels;
with `no-gapless` the first frame's tag is renamed so that decoders read the frame as
silence and keep the delay and fill, as a file without the header is read. The labels are
the source's (tempo, key, root, split), the names the source's with `.mp3`.

Standard library only (ctypes to the libsndfile that samplemind links).
"""
import ctypes
import ctypes.util
import csv
import os
import sys

SFM_READ, SFM_WRITE = 0x10, 0x20
SF_FORMAT_MPEG, SF_FORMAT_MPEG_LAYER_III = 0x230000, 0x0082
SFC_SET_COMPRESSION_LEVEL, SFC_SET_BITRATE_MODE = 0x1301, 0x1305
SF_BITRATE_MODE_CONSTANT = 0
COMPRESSION_LEVEL = 0.3
BLOCK_FRAMES = 4096
TAG_SEARCH_BYTES = 400  # the tag sits in the first frame, after its header and side info


class SfInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


def load_libsndfile():
    """The libsndfile C library with the signatures used here."""
    name = ctypes.util.find_library("sndfile")
    if name is None:
        sys.exit("real_corpus_mp3.py: libsndfile not found (apt-get install libsndfile1)")
    lib = ctypes.CDLL(name)
    lib.sf_open.restype = ctypes.c_void_p
    lib.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(SfInfo)]
    lib.sf_readf_float.restype = ctypes.c_int64
    lib.sf_readf_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_int64]
    lib.sf_writef_float.restype = ctypes.c_int64
    lib.sf_writef_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_int64]
    lib.sf_command.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    lib.sf_close.argtypes = [ctypes.c_void_p]
    lib.sf_strerror.restype = ctypes.c_char_p
    lib.sf_strerror.argtypes = [ctypes.c_void_p]
    return lib


def encode(lib, source, target):
    """Encodes source as a constant-bitrate MP3 at target; raises on any libsndfile error."""
    info = SfInfo()
    reader = lib.sf_open(source.encode(), SFM_READ, ctypes.byref(info))
    if not reader:
        raise RuntimeError("%s: %s" % (source, lib.sf_strerror(None).decode()))
    out_info = SfInfo(0, info.samplerate, info.channels, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 0, 0)
    writer = lib.sf_open(target.encode(), SFM_WRITE, ctypes.byref(out_info))
    if not writer:
        lib.sf_close(reader)
        raise RuntimeError("%s: %s" % (target, lib.sf_strerror(None).decode()))
    level, mode = ctypes.c_double(COMPRESSION_LEVEL), ctypes.c_int(SF_BITRATE_MODE_CONSTANT)
    lib.sf_command(writer, SFC_SET_COMPRESSION_LEVEL, ctypes.byref(level), ctypes.sizeof(level))
    lib.sf_command(writer, SFC_SET_BITRATE_MODE, ctypes.byref(mode), ctypes.sizeof(mode))
    block = (ctypes.c_float * (BLOCK_FRAMES * info.channels))()
    while True:
        frames = lib.sf_readf_float(reader, block, BLOCK_FRAMES)
        if frames <= 0:
            break
        lib.sf_writef_float(writer, block, frames)
    lib.sf_close(writer)
    lib.sf_close(reader)


def drop_gapless_header(path):
    """Renames the first frame's Info/Xing tag, so decoders keep the delay and the fill."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    for tag in (b"Info", b"Xing"):
        at = data.find(tag, 0, TAG_SEARCH_BYTES)
        if at >= 0:
            data[at:at + 4] = b"None"
            with open(path, "wb") as f:
                f.write(bytes(data))
            return
    raise RuntimeError("%s: no Info/Xing tag in the first frame" % path)


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("gapless", "no-gapless"):
        sys.exit("usage: real_corpus_mp3.py CORPUS OUT_DIR gapless|no-gapless")
    source_dir, out_dir, gapless = sys.argv[1], sys.argv[2], sys.argv[3] == "gapless"
    lib = load_libsndfile()
    with open(os.path.join(source_dir, "manifest.tsv"), newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        header, rows = reader.fieldnames, list(reader)
    os.makedirs(out_dir, exist_ok=True)
    encoded, failed = set(), 0
    with open(os.path.join(out_dir, "manifest.tsv"), "w") as manifest:
        manifest.write("\t".join(header) + "\n")
        for row in rows:
            name = os.path.splitext(row["file"])[0] + ".mp3"
            if row["file"] not in encoded:
                target = os.path.join(out_dir, name)
                try:
                    encode(lib, os.path.join(source_dir, row["file"]), target)
                    if not gapless:
                        drop_gapless_header(target)
                except RuntimeError as error:
                    print("real_corpus_mp3.py: %s" % error, file=sys.stderr)
                    failed += 1
                    continue
                encoded.add(row["file"])
            manifest.write("\t".join(dict(row, file=name, format="mp3")[h] for h in header) + "\n")
    print("real_corpus_mp3.py: %d files encoded into %s, %d failed" % (len(encoded), out_dir, failed))


if __name__ == "__main__":
    main()
