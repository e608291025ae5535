#!/usr/bin/env python3
"""Refits the tempo score's weights on labelled loops and scores the fit on loops it never saw.

  build/dump_onsets LOOP... > DIR.dump.jsonl         (per corpus: its labelled loops)
  tools/fit_tempo_score.py [--fit TERM,...] [--ridge R] [--balance] [--changes] [--by-category NAME]
                           MANIFEST DUMP [MANIFEST DUMP]...

The extractor ranks a file's readings by a weighted sum of named terms
(src/audio/tempo_score.hpp); dump_onsets prints the readings it ranked for each file (its own
length's whole-beat counts, stretched lengths, after every gate and trim), each with its terms,
and the shipped weights. This tool treats the ranking as a conditional logit: for each
labelled loop, the readings within 4% of its label (as Acc1 counts them) are the right choice
among the file's readings. It fits the chosen terms by maximum likelihood (Newton's method, a small ridge) on
the tuning half of every corpus given, keeps the other weights as shipped, and prints:
  - the shipped and the fitted weights;
  - per source (the manifest's `source` up to its first colon) and half, Acc1 of the top
    reading under each set of weights (a loop whose label is no reading counts as a miss);
  - leave one source out: fitted on the other sources' tuning halves, scored on this source,
    so a weight that only learns one source's tempo mix shows;
  - with --changes, every loop the fit turns from right to wrong or back, with both readings;
  - with --by-category NAME (a category the extractor gives, such as "music loop"), the fitted
    terms become changes that apply only to loops of that category, the rest keeping the
    shipped weights: whether a kind of loop needs weights of its own.
With the shipped weights its Acc1 is the extractor's, to within a loop whose printed tempo is
refined from the onsets (a stretched reading). A refit holds fixed what the shipped weights
decided before the ranking: which files have a tempo, and which stretched length stands for
each beat count. A refit is kept only after the built binary is scored with it
(scripts/eval_all_sets.sh).
Standard library only.
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

DEFAULT_FIT = ("periodicity", "on_beat", "half_beat", "quarter_beat", "whole_bars", "even_beats")
MIN_SOURCE_LOOPS = 20  # a source is left out on its own only when it has this many loops


class Loop:
    """One labelled loop: its readings' terms, which of them are right, where it comes from."""

    def __init__(self, name, source, half, terms, bpms, label_bpm, category=None):
        self.name, self.source, self.half, self.terms = name, source, half, terms
        self.category = category  # the extractor's category from the audio (dump "category")
        self.bpms, self.label_bpm = bpms, label_bpm
        self.right = right_readings(bpms, label_bpm)
        self.weight = 1.0  # its share of the likelihood (balance_sources)
        self.binary_right = False  # the extractor's own reading is within 4% of the label


# Indices of the readings within 4% of the label (Acc1's line): any of them is right.
def right_readings(bpms, label_bpm):
    return [i for i, bpm in enumerate(bpms) if common.tempo_matches(bpm, label_bpm)]


# (loops, term names, shipped weights) from manifest/dump pairs; files without a label are left out.
def load(pairs):
    loops, names, shipped = [], None, None
    for manifest, dump in pairs:
        rows = {row["file"]: row for row in common.manifest_rows(manifest)}
        with open(dump, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                row = rows.get(os.path.basename(record.get("path", "")))
                if row is None or row.get("bpm", "-") in ("", "-"):
                    continue
                pulse = record["pulse"]
                names, shipped = pulse["term_names"], pulse["term_weights"]
                ranking = pulse["ranking"]
                source = row.get("source", "").split(":", 1)[0] or os.path.basename(os.path.dirname(manifest))
                loop = Loop(row["file"], source, row.get("set", "all"), [r[4] for r in ranking],
                            [float(r[1]) for r in ranking], float(row["bpm"]), pulse.get("category"))
                loop.binary_right = common.tempo_matches(pulse.get("tempo_bpm"), loop.label_bpm)
                loops.append(loop)
    return loops, names, shipped


# Adds, for each fitted term, a copy that is the term on loops of the category and 0 elsewhere,
# weighted 0: fitting the copies fits that category's changes to the shipped weights.
# Returns the names, the weights and the indices of the copies.
def split_by_category(loops, names, shipped, fit_indices, category):
    copies = [f"{names[j]} ({category})" for j in fit_indices]
    for loop in loops:
        inside = 1.0 if loop.category == category else 0.0
        loop.terms = [list(t) + [inside * t[j] for j in fit_indices] for t in loop.terms]
    count = len(names)
    return names + copies, list(shipped) + [0.0] * len(copies), list(range(count, count + len(copies)))


def scores(loop, weights):
    return [sum(w * t for w, t in zip(weights, terms)) for terms in loop.terms]


# Probabilities of a loop's readings under the weights (softmax of their scores).
def probabilities(loop, weights):
    s = scores(loop, weights)
    top = max(s)
    e = [math.exp(v - top) for v in s]
    total = sum(e)
    return [v / total for v in e]


# Sum over loops of log P(a right reading), less the ridge on the fitted weights.
def log_likelihood(loops, weights, fit, ridge):
    total = 0.0
    for loop in loops:
        s = scores(loop, weights)
        top = max(s)
        right = sum(math.exp(s[i] - top) for i in loop.right)
        total += loop.weight * (math.log(right) - math.log(sum(math.exp(v - top) for v in s)))
    return total - 0.5 * ridge * sum(weights[j] ** 2 for j in fit)


def solve(matrix, vector):
    """x with matrix x = vector (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    a = [list(row) + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            raise ValueError("singular system: a fitted term does not vary among the readings")
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col])]
    return [a[i][n] / a[i][i] for i in range(n)]


def fit(loops, start, fit_indices, ridge=1.0, iterations=50):
    """Weights maximising the ridge-penalised likelihood over the fitted terms (the rest as given).
    Each step solves with the readings' covariance (the Fisher information), which keeps the
    step uphill when several readings are right; the line search keeps the likelihood rising."""
    usable = [loop for loop in loops if loop.right and len(loop.terms) > len(loop.right)]
    weights = list(start)
    current = log_likelihood(usable, weights, fit_indices, ridge)
    for _ in range(iterations):
        k = len(fit_indices)
        gradient, hessian = [0.0] * k, [[0.0] * k for _ in range(k)]
        for loop in usable:
            p = probabilities(loop, weights)
            mean = [sum(pc * t[j] for pc, t in zip(p, loop.terms)) for j in fit_indices]
            right_total = sum(p[i] for i in loop.right)
            for a, j in enumerate(fit_indices):
                right_mean = sum(p[i] * loop.terms[i][j] for i in loop.right) / right_total
                gradient[a] += loop.weight * (right_mean - mean[a])
            for pc, t in zip(p, loop.terms):
                d = [t[j] - m for j, m in zip(fit_indices, mean)]
                for a in range(k):
                    for b in range(k):
                        hessian[a][b] -= loop.weight * pc * d[a] * d[b]
        for a, j in enumerate(fit_indices):
            gradient[a] -= ridge * weights[j]
            hessian[a][a] -= ridge
        step = solve(hessian, [-g for g in gradient])
        scale, accepted = 1.0, None
        while scale > 1e-6 and accepted is None:  # backtracking: the likelihood must not fall
            trial = list(weights)
            for a, j in enumerate(fit_indices):
                trial[j] += scale * step[a]
            value = log_likelihood(usable, trial, fit_indices, ridge)
            if value >= current - 1e-12:
                accepted = trial
            else:
                scale /= 2
        if accepted is None:
            break
        moved = max((abs(scale * s) for s in step), default=0.0)
        weights, current = accepted, value
        if moved < 1e-7:
            break
    return weights


# Weights every loop so that each source adds the same total to the likelihood (as many as its
# average share), so the source with the most loops cannot set the tempo mix alone.
def balance_sources(loops):
    counts = {}
    for loop in loops:
        counts[loop.source] = counts.get(loop.source, 0) + 1
    for loop in loops:
        loop.weight = len(loops) / (len(counts) * counts[loop.source])


# Share of the loops whose top reading is right (a loop with no reading at the label misses).
def accuracy(loops, weights):
    if not loops:
        return None
    return sum(is_right(loop, weights) for loop in loops) / len(loops)


def is_right(loop, weights):
    return bool(loop.terms) and top_reading(loop, weights) in loop.right


# Index of the loop's top reading under the weights.
def top_reading(loop, weights):
    s = scores(loop, weights)
    return s.index(max(s))


# The loops whose top reading turns from right to wrong or back under the fitted weights.
def write_changes(loops, shipped, fitted, out):
    out.write("\nLoops the fit moves (label: shipped -> fitted reading)\n")
    for loop in sorted(loops, key=lambda l: (l.source, l.half, l.name)):
        if not loop.terms or is_right(loop, shipped) == is_right(loop, fitted):
            continue
        before, after = top_reading(loop, shipped), top_reading(loop, fitted)
        gain = "gained" if is_right(loop, fitted) else "lost"
        out.write(f"{loop.source:<17} {loop.half:<8} {loop.name}  {loop.label_bpm:g}: "
                  f"{loop.bpms[before]:.1f} -> {loop.bpms[after]:.1f}  {gain}\n")


def text(value):
    return "    -" if value is None else f"{value:.3f}"


def report(loops, names, shipped, fit_indices, ridge, out=sys.stdout, changes=False):
    tuning = [loop for loop in loops if loop.half == "tune"]
    fitted = fit(tuning, shipped, fit_indices, ridge)
    out.write("term               shipped   fitted on the tuning halves\n")
    width = max(18, max(len(name) for name in names))
    for j, name in enumerate(names):
        mark = "" if j in fit_indices else "   (held at the shipped value)"
        out.write(f"{name:<{width}} {shipped[j]:7.3f}   {fitted[j]:7.3f}{mark}\n")
    out.write("\nAcc1 of the top reading   (n: loops; at label: loops with a reading within 4%;\n"
              "binary: the extractor's own reading, which the shipped column should match)\n")
    out.write("source            half        n  at label   binary  shipped  fitted\n")
    sources = sorted({loop.source for loop in loops})
    for source in sources + ["all"]:
        for half in ("tune", "heldout"):
            part = [l for l in loops if l.half == half and (source == "all" or l.source == source)]
            if part:
                at_label = sum(bool(l.right) for l in part)
                binary = sum(l.binary_right for l in part) / len(part)
                out.write(f"{source:<17} {half:<8} {len(part):5d}  {at_label:8d}    {binary:.3f}    "
                          f"{text(accuracy(part, shipped))}   {text(accuracy(part, fitted))}\n")
    out.write("\nLeave one source out: fitted on the other sources' tuning halves, scored on this source\n")
    out.write("source          tune shipped / left-out fit   held out shipped / left-out fit\n")
    for source in sources:
        own = [l for l in loops if l.source == source]
        if len(own) < MIN_SOURCE_LOOPS:
            continue
        others = [l for l in tuning if l.source != source]
        weights = fit(others, shipped, fit_indices, ridge)
        t = [l for l in own if l.half == "tune"]
        h = [l for l in own if l.half == "heldout"]
        out.write(f"{source:<15} {text(accuracy(t, shipped))} / {text(accuracy(t, weights))}            "
                  f"{text(accuracy(h, shipped))} / {text(accuracy(h, weights))}\n")
    if changes:
        write_changes(loops, shipped, fitted, out)
    return fitted


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", default=",".join(DEFAULT_FIT), help="terms to fit, comma separated")
    parser.add_argument("--ridge", type=float, default=1.0, help="ridge on the fitted weights (default 1)")
    parser.add_argument("--balance", action="store_true",
                        help="every source weighs the same in the fit, whatever its number of loops")
    parser.add_argument("--changes", action="store_true",
                        help="list the loops whose top reading the fit turns right or wrong")
    parser.add_argument("--by-category", metavar="NAME",
                        help="fit the terms as changes for loops of this extractor category only")
    parser.add_argument("pairs", nargs="+", help="MANIFEST DUMP pairs")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2 or args.ridge < 0 or not math.isfinite(args.ridge):
        parser.error("give MANIFEST DUMP pairs and a finite ridge >= 0")
    loops, names, shipped = load(zip(args.pairs[0::2], args.pairs[1::2]))
    if not loops:
        parser.error("no labelled loop of the manifests is in the dumps")
    if args.balance:
        balance_sources(loops)
    unknown = [t for t in args.fit.split(",") if t not in names]
    if unknown:
        parser.error(f"unknown term(s) {', '.join(unknown)}; the terms are {', '.join(names)}")
    fit_indices = [names.index(t) for t in args.fit.split(",")]
    if args.by_category is not None:
        if not any(loop.category == args.by_category for loop in loops):
            parser.error(f"no labelled loop has the category '{args.by_category}' in the dumps")
        names, shipped, fit_indices = split_by_category(loops, names, shipped, fit_indices, args.by_category)
    report(loops, names, shipped, fit_indices, args.ridge, changes=args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
