"""Krumhansl-Kessler key matching of a duration-weighted pitch-class histogram.

Used only to label the real corpus from notes written in project files, never from audio.
A key is returned only when the histogram is clearly tonal (best correlation >= MIN_R),
the best key beats every other key, its relative included, by MIN_MARGIN, and at least
MIN_CLASSES pitch classes sound; otherwise None (label '-').
"""
import math

NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
MINOR = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
MIN_R = 0.75
MIN_MARGIN = 0.10
MIN_CLASSES = 4


def pearson(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    num = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    den = math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))
    return num / den if den > 0 else 0.0


# All 24 correlations, best first: (r, tonic name, mode).
def rank(hist):
    scores = []
    for tonic in range(12):
        for mode, profile in (("major", MAJOR), ("minor", MINOR)):
            rotated = [profile[(pc - tonic) % 12] for pc in range(12)]
            scores.append((pearson(hist, rotated), NAMES[tonic], mode))
    return sorted(scores, reverse=True)


# (tonic, mode, r, margin) when the match is unambiguous, else None.
def estimate(hist):
    total = sum(hist)
    if total <= 0 or sum(1 for h in hist if h > 0.02 * total) < MIN_CLASSES:
        return None
    ranked = rank(hist)
    (r, tonic, mode), second = ranked[0], ranked[1][0]
    if r < MIN_R or r - second < MIN_MARGIN:
        return None
    return tonic, mode, r, r - second
