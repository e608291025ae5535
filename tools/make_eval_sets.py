#!/usr/bin/env python3
"""Builds the evaluation sets of docs/evaluation.md in one go, each with its documented command.

  python3 tools/make_eval_sets.py [--build-dir DIR] [--dry-run] [--rebuild] [NAME...]

With no NAME, every set is built; a NAME brings the sets it is made from (sampleloops needs
sonicpi and lmmsloops, perturbed needs real). A set whose folder already holds a manifest.tsv is
kept unless --rebuild is given, so a second run after an interruption builds only what is
missing. --dry-run prints the commands, in order, without running them. The builders install
their Debian packages when run as root (as each one does alone). Then score them side by side:
  scripts/eval_all_sets.sh pooled=build/corpus-real,build/corpus-s2,build/corpus-s3 ...
Standard library only.
"""
import argparse
import os
import shlex
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FLUID_SF2 = "/usr/share/sounds/sf2/FluidR3_GM.sf2"


def corpus(build_dir, name):
    return os.path.join(build_dir, "corpus-" + name)


def script(name):
    return os.path.join(ROOT, "scripts", name)


def tool(name):
    return os.path.join(ROOT, "tools", name)


# Each set: (name, the sets it is made from, a function of the build folder giving
# (environment additions, command)). In dependency order; the times are docs/evaluation.md's.
def set_table(build_dir):
    c = lambda name: corpus(build_dir, name)  # noqa: E731
    python = sys.executable or "python3"
    return [
        ("real", [], ({}, [script("make_real_corpus.sh"), c("real")])),
        ("s2", [], ({"SAMPLEMIND_MMA_SEED": "2"}, [script("make_real_corpus.sh"), c("s2")])),
        ("s3", [], ({"SAMPLEMIND_MMA_SEED": "3"}, [script("make_real_corpus.sh"), c("s3")])),
        ("perturbed", ["real"], ({}, [python, tool("real_corpus_perturb.py"), c("real"), c("perturbed")])),
        ("frac", ["real"], ({}, [python, tool("real_corpus_perturb.py"), c("real"), c("frac"), "frac"])),
        ("songs", ["real"], ({}, [python, tool("real_corpus_songs.py"), c("real"), c("songs")])),
        ("sonicpi", [], ({}, [python, tool("real_corpus_sonicpi.py"), c("sonicpi")])),
        ("lmmsloops", [], ({}, [python, tool("real_corpus_lmms_loops.py"), c("lmmsloops")])),
        ("sampleloops", ["sonicpi", "lmmsloops"],
         ({}, [python, tool("real_corpus_sample_loops.py"), c("sonicpi"), c("lmmsloops"), c("sampleloops")])),
        ("freepats", [], ({}, [python, tool("real_corpus_freepats.py"), c("freepats")])),
        ("avldrums", [], ({}, [python, tool("real_corpus_avldrums.py"), c("avldrums")])),
        ("sfx", [], ({}, [python, tool("real_corpus_sfx.py"), c("sfx")])),
        ("songloops", [], ({}, [python, tool("real_corpus_song_loops.py"), c("songloops")])),
        # The FluidR3 soundfont comes from fluid-soundfont-gm, which make_real_corpus.sh
        # does not install: install it first (as root), or leave this set out.
        ("fluid", [], ({"SAMPLEMIND_SF2": FLUID_SF2}, [script("make_real_corpus.sh"), c("fluid")])),
    ]


# Why: a fresh machine needs a dozen commands, some only after others; this picks them in order.
# The names asked for with every set they are made from, in the table's order.
def plan(table, wanted):
    names = [name for name, _, _ in table]
    needs = {name: deps for name, deps, _ in table}
    unknown = [w for w in wanted if w not in needs]
    if unknown:
        raise ValueError("unknown set %s (known: %s)" % (", ".join(unknown), " ".join(names)))
    chosen = set()
    stack = list(wanted) if wanted else list(names)
    while stack:
        name = stack.pop()
        if name not in chosen:
            chosen.add(name)
            stack.extend(needs[name])
    return [name for name in names if name in chosen]


# Why: a set already built is hours of rendering; only a folder with a manifest counts as built.
def is_built(build_dir, name):
    return os.path.isfile(os.path.join(corpus(build_dir, name), "manifest.tsv"))


def shell_line(environment, command):
    assignments = ["%s=%s" % (key, shlex.quote(value)) for key, value in sorted(environment.items())]
    return " ".join(assignments + [shlex.quote(part) for part in command])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"), help="where the corpus-* folders go")
    parser.add_argument("--dry-run", action="store_true", help="print the commands without running them")
    parser.add_argument("--rebuild", action="store_true", help="build again the sets that already exist")
    parser.add_argument("names", nargs="*", help="sets to build (default: all)")
    args = parser.parse_args(argv)
    table = set_table(args.build_dir)
    commands = {name: spec for name, _, spec in table}
    try:
        order = plan(table, args.names)
    except ValueError as error:
        print("make_eval_sets: %s" % error, file=sys.stderr)
        return 2
    for name in order:
        environment, command = commands[name]
        if is_built(args.build_dir, name) and not args.rebuild:
            print("make_eval_sets: %s exists (%s), kept" % (name, corpus(args.build_dir, name)))
            continue
        sf2 = environment.get("SAMPLEMIND_SF2")
        if sf2 and not os.path.isfile(sf2):
            message = "make_eval_sets: %s needs %s (apt-get install fluid-soundfont-gm)" % (name, sf2)
            if name in args.names:
                print(message, file=sys.stderr)
                return 1
            print(message + "; left out")
            continue
        print(("would run: " if args.dry_run else "make_eval_sets: ") + shell_line(environment, command), flush=True)
        if args.dry_run:
            continue
        result = subprocess.run(command, env={**os.environ, **environment}, check=False)
        if result.returncode != 0:
            print("make_eval_sets: %s failed (exit %d); the sets before it are kept" % (name, result.returncode),
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
