"""A small reader of standard MIDI files, for labelling the real corpus from notes.

Only what the corpus builders need: the division, tempo and time-signature events and
every sounding note (start tick, end tick, pitch, channel). SMPTE time and running
status are handled; system-exclusive and other meta events are skipped.
"""


# A MIDI variable-length number at chunk[i]: (value, index after it).
def varlen(chunk, i):
    value = 0
    while True:
        byte = chunk[i]
        i += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i


class MidiFile:
    """division: ticks per quarter; tempos: [(tick, microseconds per quarter)];
    meters: [(tick, numerator, denominator)]; notes: [(start, end, pitch, channel)]."""

    def __init__(self, division):
        self.division = division
        self.tempos = []
        self.meters = []
        self.notes = []


# Reads one track chunk's events into `song`.
def read_track(chunk, song):
    i, tick, status, sounding = 0, 0, 0, {}
    while i < len(chunk):
        delta, i = varlen(chunk, i)
        tick += delta
        if chunk[i] >= 0x80:
            status = chunk[i]
            i += 1
        if status == 0xFF:
            meta, i = chunk[i], i + 1
            size, i = varlen(chunk, i)
            if meta == 0x51:
                song.tempos.append((tick, int.from_bytes(chunk[i:i + 3], "big")))
            elif meta == 0x58 and size >= 2:
                song.meters.append((tick, chunk[i], 2 ** chunk[i + 1]))
            i += size
        elif status in (0xF0, 0xF7):
            size, i = varlen(chunk, i)
            i += size
        else:
            high, channel = status & 0xF0, status & 0x0F
            width = 1 if high in (0xC0, 0xD0) else 2
            args, i = chunk[i:i + width], i + width
            if high in (0x80, 0x90):
                key = (args[0], channel)
                if high == 0x90 and args[1] > 0:
                    sounding.setdefault(key, tick)
                elif key in sounding:
                    song.notes.append((sounding.pop(key), tick, args[0], channel))


# The parsed file, or None when it is not a MIDI file with ticks per quarter.
def read_midi(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"MThd":
        return None
    division = int.from_bytes(data[12:14], "big")
    if division & 0x8000:
        return None  # SMPTE time: not written by abc2midi or MMA
    song, pos = MidiFile(division), 14
    while pos + 8 <= len(data):
        kind, length = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "big")
        if kind == b"MTrk":
            read_track(data[pos + 8:pos + 8 + length], song)
        pos += 8 + length
    song.tempos.sort()
    song.meters.sort()
    return song


# Seconds from tick 0 to `tick` through the tempo map (500000 us per quarter before any).
def tick_seconds(song, tick):
    seconds, at, tempo = 0.0, 0, 500000
    for t, value in song.tempos:
        if t >= tick:
            break
        seconds += (t - at) * tempo / 1e6 / song.division
        at, tempo = t, value
    return seconds + (tick - at) * tempo / 1e6 / song.division


# The one tempo (us per quarter) in force over [start, end) ticks, or None if it changes.
def tempo_over(song, start, end):
    tempo = 500000
    for t, value in song.tempos:
        if t <= start:
            tempo = value
        elif t < end and value != tempo:
            return None
    return tempo


# Duration-weighted pitch-class histogram of the notes sounding in [start, end) ticks,
# drum channel 10 left out.
def pitch_histogram(song, start, end):
    hist = [0.0] * 12
    for s, e, pitch, channel in song.notes:
        if channel != 9 and s < end and e > start:
            hist[pitch % 12] += min(e, end) - max(s, start)
    return hist
