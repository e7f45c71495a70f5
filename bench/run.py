"""Benchmark nnscratch's train() against the article's scripts, scikit-learn and PyTorch.

Run from the repository root, after `make bench-deps` (or without the
optional peers, which are then skipped with a note):

    .venv/bin/python bench/run.py            # full run, writes bench/results.md
    .venv/bin/python bench/run.py --quick    # smoke run in a few seconds, writes nothing

Each language runs in a worker process of its own (bench/bench_py.py,
bench/bench.R), with its BLAS limited to --threads threads. A case runs in
--reps rounds; each round runs every contender of both languages once, and
every ratio is the median over the rounds of the ratio within a round. See
bench/README.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class Case(NamedTuple):
    n: int
    p: int
    hidden: tuple
    activation: str
    epochs: int
    exact_epochs: int  # epochs of the exact-mode runs; 0: none
    lr: float


# All with one sigmoid output and the loss 1/2 sum (y - output)^2. The
# article's lr on its toy data; elsewhere lr / n keeps the summed gradient
# of a larger batch tame. Exact mode runs fewer epochs on moons and large:
# its cost per epoch is its own ratio to the default mode's.
CASES = {
    "toy": Case(3, 4, (3,), "sigmoid", 5000, 5000, 0.1),
    "moons": Case(1000, 2, (10,), "sigmoid", 2000, 200, 0.1 / 1000),
    "large": Case(100000, 20, (64,), "sigmoid", 5, 1, 0.1 / 100000),
    "deep": Case(100000, 20, (64, 32), "tanh", 5, 0, 0.1 / 100000),
}
# --quick: few epochs, and no exact mode on large (some 15 s an epoch in Python).
QUICK = {"toy": (300, 300), "moons": (30, 5), "large": (1, 0), "deep": (1, 0)}

ROWS = [
    ("nnscratch_py", "nnscratch, Python train()"),
    ("nnscratch_r", "nnscratch, R train()"),
    ("article_numpy", "article numpy script loop"),
    ("article_r", "article R script loop, bias fixed"),
    ("sklearn", "scikit-learn MLPRegressor, sgd"),
    ("torch", "PyTorch float64 SGD"),
    ("floor_py", "floor, numpy: products + exp/tanh"),
    ("floor_r", "floor, R: products + exp/tanh"),
    ("exact_py", "nnscratch, Python train(exact=True)"),
    ("exact_r", "nnscratch, R train(exact = TRUE)"),
    ("nnscratch_r_kept", "nnscratch, R train(), glibc keeping freed memory"),
]

# (case, numerator, denominator, limit, what the target says)
TARGETS = [
    ("toy", "nnscratch_py", "article_numpy", 1.0, "Python <= 1.0x article numpy, toy"),
    *[(case, "nnscratch_py", peer, 0.7, f"Python <= 0.7x {label}, {case}")
      for case in CASES for peer, label in (("sklearn", "scikit-learn"), ("torch", "PyTorch"))],
    ("large", "nnscratch_py", "floor_py", 1.3, "Python <= 1.3x its floor, large"),
    ("deep", "nnscratch_py", "floor_py", 1.3, "Python <= 1.3x its floor, deep"),
    ("toy", "nnscratch_r", "article_r", 0.6, "R <= 0.6x article R script, toy"),
    ("large", "nnscratch_r", "nnscratch_py", 2.0, "R <= 2x Python, large"),
]
MEMORY_LIMIT = 3.0

# R allocates every result afresh; glibc hands a freed large block back to
# the operating system, which maps and zeroes fresh pages at the next one.
# A second R worker, whose glibc keeps freed memory, times R's train() on
# the large cases to show what that costs; nnscratch itself sets nothing.
KEPT_ENV = {"MALLOC_MMAP_THRESHOLD_": str(2**32), "MALLOC_TRIM_THRESHOLD_": str(2**32),
            "MALLOC_TOP_PAD_": str(2**29)}
KEPT_CASES = ("large", "deep")
# the article's moons run, which exact mode must finish in under a minute
MOONS_EPOCHS, MOONS_SECONDS = 10000, 60

# What limits a target when it is not met, with the figures of the same run
# that show it (r(case, a, b): the median per-round ratio of a to b);
# bench/README.md says more.
def sklearn_limit(case):
    return lambda r: (
        "scikit-learn runs the same products in place; it is itself {:.2f}× numpy's floor here, so 0.7× of it is "
        "{:.2f}× the floor, and train() is at {:.2f}× the floor (see the floor target).".format(
            r(case, "sklearn", "floor_py"), 0.7 * r(case, "sklearn", "floor_py"), r(case, "nnscratch_py", "floor_py")))


def floor_limit(case):
    return lambda r: (
        "train() is {:.2f}× the floor: on top of the floor's products and exp/tanh, each hidden unit's value "
        "passes through the bias, the activation's other arithmetic, the slope, the delta and the bias's column "
        "sums, about eight elementwise passes that row blocks keep in cache but do not remove; train() also "
        "copies and checks X once per call. scikit-learn, which does the same, is {:.2f}× the floor.".format(
            r(case, "nnscratch_py", "floor_py"), r(case, "sklearn", "floor_py")))


LIMITS = {
    "Python <= 1.0x article numpy, toy": lambda r: (
        "on 3 samples an epoch is interpreter overhead (numpy's floor is {:.2f}× the article's loop): the loop "
        "makes about 22 numpy calls in one frame; train() makes about 35, since it also computes every epoch's "
        "loss, and some 40 Python calls through the layers, the activation and loss registries and kernels "
        "(kernels.exp enters np.errstate, kernels.total goes through np.sum). Only a separate path for tiny "
        "networks, which the design rules out, would close it.".format(r("toy", "floor_py", "article_numpy"))),
    "R <= 0.6x article R script, toy": lambda r: (
        "the same overhead in R: R's floor alone is {:.2f}× the script, and train() adds to the script's "
        "some 25 operations about 40 R function calls per epoch (registries, kernels, list building), a "
        "microsecond or so each.".format(r("toy", "floor_r", "article_r"))),
    "R <= 2x Python, large": lambda r: (
        "R's own floor (products and exp only) is {:.2f}× Python's whole train(), and R's train() is {:.2f}× "
        "that floor: R has no in-place arithmetic, so every step of an epoch (product, bias, sigmoid, slope, "
        "delta) allocates a fresh 100000 × 64 matrix, about eight per epoch, which glibc maps afresh from the "
        "operating system each time; with glibc keeping freed memory the same train() is {:.2f}× Python. "
        "Row blocks, which help Python, cost R more to bind back together than they save.".format(
            r("large", "floor_r", "nnscratch_py"), r("large", "nnscratch_r", "floor_r"),
            r("large", "nnscratch_r_kept", "nnscratch_py"))),
    **{f"Python <= 0.7x scikit-learn, {case}": sklearn_limit(case) for case in CASES},
    **{f"Python <= 1.3x its floor, {case}": floor_limit(case) for case in ("large", "deep")},
}


def thread_env(threads):
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def worker_commands(what, threads, *extra):
    """Return the command of each language's bench process: `what` is serve, info, memory or baseline."""
    return {
        "Python": [sys.executable, str(HERE / "bench_py.py"), what, str(threads), *extra],
        "R": ["Rscript", str(HERE / "bench.R"), what, *extra],
        "R, memory kept": ["Rscript", str(HERE / "bench.R"), what, "kept", *extra],
    }


def run_tsv(cmd, env):
    """Run `cmd`; return its "key<TAB>value" lines as (key, value) pairs."""
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{res.stderr}")
    return [tuple(line.split("\t", 1)) for line in res.stdout.splitlines() if "\t" in line]


class Worker:
    """One language's bench process, which answers one line per command (see bench_py.py)."""

    def __init__(self, cmd, env):
        self.cmd = cmd
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().rstrip("\n")
        if not reply or reply.startswith("error"):
            self.proc.kill()
            sys.exit(f"{' '.join(self.cmd)} failed on {line!r}: {reply or 'no answer'}")
        return reply

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait()


def time_case(workers, case, epochs, exact_epochs, reps, notes):
    """Return {contender: [seconds per epoch, one per round]} for one case.

    Every round runs every contender of both languages once, so that a busy
    spell on the shared machine hits all of a round alike; the start of the
    round's order moves by one each round.
    """
    c = CASES[case]
    order = []
    for worker in workers.values():
        _, names, skipped = worker.ask(
            f"case {c.n} {c.p} {','.join(map(str, c.hidden))} {c.activation} {epochs} {exact_epochs} {c.lr!r}"
        ).split("\t")
        order += [(worker, name) for name in names.split(",")]
        for note in filter(None, skipped.split("|")):
            if note not in notes:
                notes.append(note)
                print("note:", note, file=sys.stderr)
    times = {name: [] for _, name in order}
    for r in range(reps):
        for worker, name in order[r % len(order):] + order[:r % len(order)]:
            times[name].append(float(worker.ask(f"run {name}")))
    return times


def per_round_ratio(times, a, b):
    """Return the median over the rounds of a's time over b's in the same round; None if either is missing."""
    if a not in times or b not in times:
        return None
    return statistics.median(x / y for x, y in zip(times[a], times[b]))


def peak_rss_mb(cmd, env):
    """Return the peak resident memory of `cmd`, in MB, from a fresh process of its own.

    RUSAGE_CHILDREN holds the largest child of the process that asks, so a
    wrapper process runs `cmd` alone and reports it.
    """
    wrapper = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return int(out.split()[-1]) / 1024  # ru_maxrss is in KB on Linux


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt_time(seconds):
    return f"{seconds * 1e6:,.1f} µs" if seconds < 1e-2 else f"{seconds * 1e3:,.1f} ms"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few epochs, one round, no file")
    parser.add_argument("--reps", type=int, default=None, help="rounds per case (default 5)")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads per process (default 1)")
    parser.add_argument("--cases", default=",".join(CASES), help="cases to run, comma-separated (default all)")
    parser.add_argument("--out", default=None, help="markdown file to write (default bench/results.md; none with --quick)")
    opts = parser.parse_args(argv)
    reps = opts.reps or (1 if opts.quick else 5)
    out_path = opts.out or (None if opts.quick else str(HERE / "results.md"))
    cases = opts.cases.split(",")
    env = thread_env(opts.threads)

    info = {lang: dict(run_tsv(worker_commands("info", opts.threads)[lang], env)) for lang in ("Python", "R")}
    workers = {lang: Worker(cmd, {**env, **KEPT_ENV} if lang == "R, memory kept" else env)
               for lang, cmd in worker_commands("serve", opts.threads).items()}
    timings, epochs_run, notes = {}, {}, []
    try:
        for case in cases:
            c = CASES[case]
            epochs, exact_epochs = QUICK[case] if opts.quick else (c.epochs, c.exact_epochs)
            epochs_run[case] = (epochs, exact_epochs)
            case_workers = {lang: w for lang, w in workers.items() if lang != "R, memory kept" or case in KEPT_CASES}
            timings[case] = time_case(case_workers, case, epochs, exact_epochs, reps, notes)
            print(f"{case}: done", file=sys.stderr)
    finally:
        for worker in workers.values():
            worker.close()

    # Memory on `large`: peak RSS of training, against X, y and one n x h
    # hidden layer, in float64.
    memory, data_mb = {}, None
    if "large" in cases:
        c = CASES["large"]
        data_mb = 8 * (c.n * c.p + c.n + c.n * c.hidden[0]) / 2**20
        mem_epochs = str(epochs_run["large"][0])
        for lang in ("Python", "R"):
            cmd = worker_commands("memory", opts.threads, "large", mem_epochs)[lang]
            base = peak_rss_mb(worker_commands("baseline", opts.threads, "large")[lang], env)
            memory[lang] = (peak_rss_mb(cmd, env), base)

    lines = report(timings, epochs_run, memory, data_mb, info, notes, opts, reps)
    text = "\n".join(lines) + "\n"
    print(text)
    if out_path:
        Path(out_path).write_text(text)
        print(f"wrote {out_path}", file=sys.stderr)


def report(timings, epochs_run, memory, data_mb, info, notes, opts, reps):
    cases = list(timings)
    today = datetime.date.today().isoformat()
    lines = [
        f"# nnscratch benchmark, {today}" + (" (quick smoke run: few epochs, ratios unreliable)" if opts.quick else ""),
        "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs, shared with other work: "
        "compare ratios, not absolute times.",
        f"- Threads: {opts.threads} per process (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, "
        "MKL_NUM_THREADS, torch.set_num_threads).",
        f"- Python: {info['Python'].get('version', '?')}; BLAS {info['Python'].get('blas', '?')}.",
        f"- R: {info['R'].get('version', '?')}; BLAS {info['R'].get('blas', '?')}.",
    ]
    for key in ("sklearn", "torch"):
        if key in info["Python"]:
            lines.append(f"- Peer: {info['Python'][key]}.")
    lines += [f"- Skipped: {note}." for note in notes]
    lines += [
        f"- {reps} rounds; each round runs every contender of a case once, both languages, one after another. "
        "Each figure: the median time per epoch over the rounds; in brackets, the median over the rounds of its "
        "ratio to nnscratch Python's time in the same round.",
        "",
    ]

    def shape(case):
        c = CASES[case]
        hidden = ", ".join(map(str, c.hidden))
        return f"{case} (n={c.n}, p={c.p}, hidden {hidden} {c.activation}, {epochs_run[case][0]} epochs)"

    lines += ["| | " + " | ".join(shape(case) for case in cases) + " |", "|---" * (len(cases) + 1) + "|"]
    for key, label in ROWS:
        cells = []
        for case in cases:
            t = timings[case].get(key)
            if t is None:
                skipped = key in ("sklearn", "torch") and any(note.startswith(key) for note in notes)
                cells.append("skipped" if skipped else "-")
            else:
                cells.append(f"{fmt_time(statistics.median(t))} ({per_round_ratio(timings[case], key, 'nnscratch_py'):.2f}×)")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "\"-\": not run on that case (the article's scripts have one sigmoid hidden layer; "
              "exact mode is timed on toy, moons and large).", ""]

    exact_cases = [case for case in cases if epochs_run[case][1] > 0]
    if exact_cases:
        lines += [
            "## Exact mode's cost",
            "",
            "Time per epoch of `train(exact = TRUE)` over the same language's default mode: the median of the "
            "per-round ratios. Exact mode runs fewer epochs where it is slow; the epochs are in the header.",
            "",
            "| | " + " | ".join(f"{case} ({epochs_run[case][1]} exact epochs)" for case in exact_cases) + " |",
            "|---" * (len(exact_cases) + 1) + "|",
        ]
        for lang, exact, default in (("Python", "exact_py", "nnscratch_py"), ("R", "exact_r", "nnscratch_r")):
            cells = [f"{per_round_ratio(timings[case], exact, default):.1f}×" for case in exact_cases]
            lines.append(f"| {lang} | " + " | ".join(cells) + " |")
        if "moons" in exact_cases:
            est = {lang: statistics.median(timings["moons"][key]) * MOONS_EPOCHS
                   for lang, key in (("Python", "exact_py"), ("R", "exact_r"))}
            lines += ["", f"The article's full moons run ({MOONS_EPOCHS} epochs) in exact mode, from this run's time "
                      f"per epoch: Python {est['Python']:.0f} s, R {est['R']:.0f} s (asked: under {MOONS_SECONDS} s "
                      "each on this machine)."]
        lines.append("")

    lines += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    unmet = []
    for case, num, den, limit, text in TARGETS:
        ratio = per_round_ratio(timings.get(case, {}), num, den)
        if ratio is None:
            lines.append(f"| {text} | - | skipped |")
            continue
        lines.append(f"| {text} | {ratio:.2f}× | {'met' if ratio <= limit else 'NOT met'} |")
        if ratio > limit:
            unmet.append(text)
    if unmet:
        def r(case, a, b):
            return per_round_ratio(timings[case], a, b)
        lines += ["", "What limits the targets that are not met (more in bench/README.md):", ""]
        lines += [f"- {text}: " + (LIMITS[text](r) if text in LIMITS else "not analysed yet.") for text in unmet]
    if memory:
        lines += [
            "",
            "## Memory, training on `large`",
            "",
            f"X, y and one hidden layer (n×h), float64: {data_mb:.1f} MB. Peak RSS of a process that "
            "makes the data and trains; baseline: the same process without training.",
            "",
            "| language | peak RSS | peak / data | baseline | (peak − baseline) / data | target peak ≤ 3× |",
            "|---|---|---|---|---|---|",
        ]
        for lang, (peak, base) in memory.items():
            ratio = peak / data_mb
            lines.append(f"| {lang} | {peak:.0f} MB | {ratio:.2f}× | {base:.0f} MB | "
                         f"{(peak - base) / data_mb:.2f}× | {'met' if ratio <= MEMORY_LIMIT else 'NOT met'} |")
        if memory["R"][0] / data_mb > MEMORY_LIMIT:
            lines += ["", "R's peak holds, until its garbage collector runs, the fresh n×h matrices that every step "
                      "of an epoch allocates (about eight per epoch); Python's untraced epochs write into a "
                      "workspace."]
    return lines


if __name__ == "__main__":
    main()
