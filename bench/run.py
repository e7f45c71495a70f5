"""Benchmark nnscratch's train() and estimators against the article's scripts, scikit-learn and PyTorch.

Run from the repository root, after `make bench-deps` (or without the
optional peers, which are then skipped with a note):

    .venv/bin/python bench/run.py            # full run, writes bench/results.md
    .venv/bin/python bench/run.py --quick    # smoke run of a minute or two, writes nothing

Each language runs in a worker process of its own (bench/bench_py.py,
bench/bench.R), with its BLAS limited to --threads threads. A case runs in
--reps rounds; each round runs every contender of both languages once, and
every ratio is the median over the rounds of the ratio within a round. See
bench/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple, Optional

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
    optimizer: str = "sgd"
    batch_size: Optional[int] = None  # None: the full batch
    adam_too: bool = False  # also time the same run with Adam
    data: Optional[str] = None  # a data set run.py writes (digits), fitted by the estimators with their defaults


# The synthetic cases have one sigmoid output and the loss 1/2 sum (y -
# output)^2 (its mean for Adam). The article's lr on its toy data; elsewhere
# lr / n keeps the summed gradient of a larger batch tame. Exact mode runs
# fewer epochs on moons and large: its cost per epoch is its own ratio to the
# default mode's. digits is each estimator's default fit (100 relu units,
# Adam at 0.001 on mini-batches of 200, standardized inputs, stopping when
# the loss improves by less than 1e-4 for 10 epochs); n, p and hidden only
# describe it.
CASES = {
    "toy": Case(3, 4, (3,), "sigmoid", 5000, 5000, 0.1),
    "moons": Case(1000, 2, (10,), "sigmoid", 2000, 200, 0.1 / 1000),
    "large": Case(100000, 20, (64,), "sigmoid", 5, 2, 0.1 / 100000, adam_too=True),
    "deep": Case(100000, 20, (64, 32), "tanh", 5, 0, 0.1 / 100000),
    "adam": Case(100000, 20, (64, 32), "tanh", 2, 0, 0.001, optimizer="adam", batch_size=200),
    "digits": Case(1257, 64, (100,), "relu", 0, 0, 0.001, optimizer="adam", batch_size=200, data="digits"),
}
# --quick: few epochs, and no exact mode on large (some seconds an epoch in Python).
QUICK = {"toy": (300, 300), "moons": (30, 5), "large": (1, 0), "deep": (1, 0), "adam": (1, 0), "digits": (0, 0)}
# The data sets of the estimators' table: scikit-learn's bundled ones, each
# split 70/30 (stratified by class for classification) with random_state 0.
SETS = ("iris", "wine", "breast_cancer", "digits", "diabetes")

ROWS = [
    ("nnscratch_py", "nnscratch, Python"),
    ("nnscratch_r", "nnscratch, R"),
    ("article_numpy", "article numpy script loop"),
    ("article_r", "article R script loop, bias fixed"),
    ("sklearn", "scikit-learn"),
    ("torch", "PyTorch float64"),
    ("floor_py", "floor, numpy: products + exp/tanh"),
    ("floor_r", "floor, R: products + exp/tanh"),
    ("exact_py", "nnscratch, Python, exact=True"),
    ("exact_r", "nnscratch, R, exact = TRUE"),
    ("adam_py", "nnscratch, Python, Adam"),
    ("adam_r", "nnscratch, R, Adam"),
]

PEERS = ("sklearn", "torch")
SYNTHETIC = [case for case, c in CASES.items() if not c.data]
# (case, numerator, denominator, limit, what the target says)
TARGETS = [
    *[(case, "nnscratch_r", "floor_r", 1.3, f"R <= 1.3x its floor, {case}") for case in ("large", "deep")],
    *[(case, "nnscratch_r", "nnscratch_py", 2.5, f"R <= 2.5x Python, {case}") for case in ("large", "deep")],
    ("toy", "nnscratch_py", "article_numpy", 1.0, "Python <= 1.0x article numpy, toy"),
    ("moons", "nnscratch_py", "article_numpy", 0.8, "Python <= 0.8x article numpy, moons"),
    ("toy", "nnscratch_r", "article_r", 1.0, "R <= 1.0x article R script, toy"),
    *[(case, "nnscratch_py", "floor_py", 1.3, f"Python <= 1.3x its floor, {case}") for case in ("large", "deep")],
    *[(case, "nnscratch_py", peer, 0.7, f"Python <= 0.7x {label}, {case}")
      for case in CASES for peer, label in (("sklearn", "scikit-learn"), ("torch", "PyTorch"))
      if not (CASES[case].data and peer == "torch")],
    ("large", "adam_py", "nnscratch_py", 1.15, "Python: an Adam epoch <= 1.15x an sgd epoch, large"),
    ("large", "adam_r", "nnscratch_r", 1.15, "R: an Adam epoch <= 1.15x an sgd epoch, large"),
    ("large", "exact_py", "nnscratch_py", 10.0, "Python exact mode <= 10x its default mode, large"),
]
MEMORY_LIMIT = 3.0
# the article's moons run, which exact mode must finish in under a minute
MOONS_EPOCHS, MOONS_SECONDS = 10000, 60
# the estimators against scikit-learn's defaults: accuracy at least its
# minus 0.02, R^2 at least its minus 0.05, the Python fit at most 1.5x its time
ACCURACY_MARGIN, R2_MARGIN, FIT_TIME_LIMIT = 0.02, 0.05, 1.5


# What limits a target when it is not met, with the figures of the same run
# that show it (r(case, a, b): the median per-round ratio of a to b; t(case,
# a): the median time per epoch of a, in seconds); bench/README.md says more.
def peer_limit(case, peer, label):
    return lambda r, t: (
        "{label} is itself {:.2f}x numpy's floor here, so 0.7x of it is {:.2f}x the floor; nnscratch is at {:.2f}x "
        "the floor.".format(r(case, peer, "floor_py"), 0.7 * r(case, peer, "floor_py"),
                            r(case, "nnscratch_py", "floor_py"), label=label)
        if r(case, peer, "floor_py") is not None else
        "nnscratch's epoch is {:.2f}x {label}'s. On mini-batches of 200 rows both do the same work a step: the same "
        "products, and for Adam some 80 array operations over the weight arrays (13 for each of the 6). One "
        "update over all the weights at once took 26 us against 58 us a step when measured apart, but an "
        "optimizer of the registry updates one weight array at a time.".format(r(case, "nnscratch_py", peer),
                                                                                 label=label))


def r_floor_limit(case):
    return lambda r, t: (
        "R's sigmoid is stats::plogis(), about 2.5 times exp()'s cost per value (12.6 against 5.0 ns on a 512 x 64 "
        "block), and R adds the bias, the "
        "slope, the delta and the column sums in passes of their own, one fresh vector each; train() is {:.2f}x "
        "the floor, which is {:.2f}x Python's.".format(r(case, "nnscratch_r", "floor_r"), r(case, "floor_r", "floor_py")))


def r_python_limit(case):
    return lambda r, t: (
        "R's own floor (products and exp or tanh only) is {:.2f}x Python's floor, and R's train() {:.2f}x its "
        "floor.".format(r(case, "floor_r", "floor_py"), r(case, "nnscratch_r", "floor_r")))


def floor_limit(case):
    return lambda r, t: (
        "train() is {:.2f}x the floor: on top of the floor's products and exp/tanh, each hidden value goes through "
        "the bias, the activation's other arithmetic, the slope, the delta and the bias's column sums.".format(
            r(case, "nnscratch_py", "floor_py")))


LIMITS = {
    "Python <= 1.0x article numpy, toy": lambda r, t: (
        "on 3 samples an epoch is interpreter overhead: numpy's floor is {:.2f}x the article's loop. The loop makes "
        "some 32 numpy calls in one frame; train()'s step makes some 37 (it also computes each epoch's loss) "
        "through some 45 Python calls (the layers, the activation, loss and optimizer registries, the kernels) and "
        "the epoch's bookkeeping (schedule, history, stopping rule). Each is a fraction of a microsecond; only a "
        "separate path for tiny networks, which the design rules out, would remove them.".format(
            r("toy", "floor_py", "article_numpy"))),
    "R <= 1.0x article R script, toy": lambda r, t: (
        "the same overhead in R, where a call costs more: R's floor alone is {:.2f}x the script; train()'s step "
        "calls some 45 R functions (registries, kernels, list building) of 0.3 to 1 microsecond each where the "
        "script makes some 25 operations in one frame.".format(r("toy", "floor_r", "article_r"))),
    "Python <= 0.8x article numpy, moons": lambda r, t: (
        "train() is {:.2f}x the article's loop. Both make the same nine passes a step over the 10 000 hidden values "
        "(the bias, the sigmoid's four, the slope's two, the delta, the column sums) and the same products; train() "
        "also computes each epoch's loss (three passes over the 1000 outputs) and goes through the registries. "
        "numpy adds the bias and sums the columns of this row-major 1000 x 10 matrix in inner loops of 10 values "
        "(7.7 and 17 us, against 4.4 and 2.8 us in column-major order, whose sums round differently).".format(
            r("moons", "nnscratch_py", "article_numpy"))),
    **{f"R <= 1.3x its floor, {case}": r_floor_limit(case) for case in ("large", "deep")},
    **{f"R <= 2.5x Python, {case}": r_python_limit(case) for case in ("large", "deep")},
    **{f"Python <= 1.3x its floor, {case}": floor_limit(case) for case in ("large", "deep")},
    **{f"Python <= 0.7x {label}, {case}": peer_limit(case, peer, label)
       for case in CASES for peer, label in (("sklearn", "scikit-learn"), ("torch", "PyTorch"))},
    "Python exact mode <= 10x its default mode, large": lambda r, t: (
        "an exact epoch takes {:.2f} s. Exact mode adds every product in long double, one after another, as R's "
        "matrix product does, and numpy's long double arithmetic runs on the x87 unit, 6 to 9 ns per term with "
        "its 80-bit loads and stores: X %*% W and t(X) %*% delta are 100000 x 20 x 64 terms each. Its exp() is "
        "the C library's, called value by value from Python (some 60 ns each), on the 6.4 million hidden values. "
        "Python's default epoch takes {:.1f} ms.".format(t("large", "exact_py"), 1e3 * t("large", "nnscratch_py"))),
}


def thread_env(threads):
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def case_json(case, epochs, exact_epochs, data_dir):
    """Return a case as the workers read it: one line of JSON."""
    c = CASES[case]._replace(epochs=epochs, exact_epochs=exact_epochs)
    d = c._asdict()
    d["hidden"] = list(c.hidden)
    d["data"] = data_dir if c.data else None
    return json.dumps(d)


def worker_commands(what, threads, *extra):
    """Return the command of each language's bench process: `what` is serve, info, memory or baseline."""
    return {
        "Python": [sys.executable, str(HERE / "bench_py.py"), what, str(threads), *extra],
        "R": ["Rscript", str(HERE / "bench.R"), what, *extra],
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
            sys.exit(f"{' '.join(self.cmd)} failed on {line[:200]!r}: {reply or 'no answer'}")
        return reply

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait()


def rotated(order, r):
    """The round-r order: the start moves by one each round."""
    return order[r % len(order):] + order[:r % len(order)]


def time_case(workers, spec, reps, notes):
    """Return {contender: [seconds per epoch, one per round]} for one case.

    Every round runs every contender of both languages once, so that a busy
    spell on the shared machine hits all of a round alike; the start of the
    round's order moves by one each round.
    """
    order = []
    for worker in workers.values():
        _, names, skipped = worker.ask(f"case {spec}").split("\t")
        order += [(worker, name) for name in names.split(",")]
        for note in filter(None, skipped.split("|")):
            if note not in notes:
                notes.append(note)
                print("note:", note, file=sys.stderr)
    times = {name: [] for _, name in order}
    for r in range(reps):
        for worker, name in rotated(order, r):
            times[name].append(float(worker.ask(f"run {name}")))
    return times


def fit_sets(workers, data_dir, reps, have_sklearn):
    """Return {set: {who: [(seconds, epochs, score), one per round]}}: each estimator's default fit on each data set,
    the three fitters interleaved round by round."""
    fitters = [("nnscratch_py", workers["Python"], f"fit {data_dir} {{}} nnscratch"),
               ("nnscratch_r", workers["R"], f"fit {data_dir} {{}}")]
    if have_sklearn:
        fitters.append(("sklearn", workers["Python"], f"fit {data_dir} {{}} sklearn"))
    fits = {}
    for name in SETS:
        fits[name] = {who: [] for who, _, _ in fitters}
        for r in range(reps):
            for who, worker, command in rotated(fitters, r):
                fits[name][who].append(tuple(float(v) for v in worker.ask(command.format(name)).split("\t")))
        print(f"estimators, {name}: done", file=sys.stderr)
    return fits


def write_sets(directory):
    """Write scikit-learn's bundled data sets, split 70/30 with random_state 0 (stratified for classes), as CSV files
    both languages read; return False without scikit-learn."""
    try:
        import numpy as np
        from sklearn import datasets
        from sklearn.model_selection import train_test_split
    except ImportError:
        return False
    for name in SETS:
        X, y = getattr(datasets, f"load_{name}")(return_X_y=True)
        regression = name == "diabetes"
        parts = train_test_split(X, y, test_size=0.3, random_state=0, stratify=None if regression else y)
        for part, Xp, yp in (("train", parts[0], parts[2]), ("test", parts[1], parts[3])):
            np.savetxt(Path(directory) / f"{name}_X_{part}.csv", Xp, delimiter=",", fmt="%.17g")
            np.savetxt(Path(directory) / f"{name}_y_{part}.csv", yp, fmt="%.17g" if regression else "%d")
    return True


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


def data_mb(case):
    """The size of a case's X, y and widest hidden layer (n x h), in float64, in MB."""
    c = CASES[case]
    return 8 * (c.n * c.p + c.n + c.n * max(c.hidden)) / 2**20


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
    parser.add_argument("--cases", default=",".join([*CASES, "estimators"]),
                        help="cases to run, comma-separated, and `estimators` for the estimators' table (default all)")
    parser.add_argument("--out", default=None, help="markdown file to write (default bench/results.md; none with --quick)")
    opts = parser.parse_args(argv)
    reps = opts.reps or (1 if opts.quick else 5)
    out_path = opts.out or (None if opts.quick else str(HERE / "results.md"))
    wanted = opts.cases.split(",")
    env = thread_env(opts.threads)

    with tempfile.TemporaryDirectory() as data_dir:
        have_sets = write_sets(data_dir)
        cases = [case for case in CASES if case in wanted and (have_sets or not CASES[case].data)]
        info = {lang: dict(run_tsv(worker_commands("info", opts.threads)[lang], env)) for lang in ("Python", "R")}
        workers = {lang: Worker(cmd, env) for lang, cmd in worker_commands("serve", opts.threads).items()}
        timings, epochs_run, specs, notes, fits = {}, {}, {}, [], {}
        if not have_sets:
            notes.append("sklearn is not installed, so neither are its data sets: no digits case and no "
                         "estimators' table; make bench-deps")
        try:
            for case in cases:
                c = CASES[case]
                epochs_run[case] = QUICK[case] if opts.quick else (c.epochs, c.exact_epochs)
                specs[case] = case_json(case, *epochs_run[case], data_dir)
                timings[case] = time_case(workers, specs[case], reps, notes)
                print(f"{case}: done", file=sys.stderr)
            if "estimators" in wanted and have_sets:
                fits = fit_sets(workers, data_dir, reps, "sklearn" in info["Python"])
        finally:
            for worker in workers.values():
                worker.close()

        # Memory: the peak RSS of a process that makes a case's data and
        # trains, and of the same process without training.
        memory = {}
        for case in cases:
            memory[case] = {}
            for lang in ("Python", "R"):
                peak = peak_rss_mb(worker_commands("memory", opts.threads, specs[case])[lang], env)
                base = peak_rss_mb(worker_commands("baseline", opts.threads, specs[case])[lang], env)
                memory[case][lang] = (peak, base)
            print(f"memory, {case}: done", file=sys.stderr)

    lines = report(timings, epochs_run, memory, fits, info, notes, opts, reps)
    text = "\n".join(lines) + "\n"
    print(text)
    if out_path:
        Path(out_path).write_text(text)
        print(f"wrote {out_path}", file=sys.stderr)


def shape(case, epochs_run):
    c = CASES[case]
    hidden = ", ".join(map(str, c.hidden))
    if c.data:
        return f"{case} (n={c.n}, p={c.p}, hidden {hidden} {c.activation}, estimators' defaults: {c.optimizer}, " \
               f"batches of {c.batch_size})"
    how = f"{c.optimizer}, batches of {c.batch_size}" if c.batch_size else "full batch"
    return f"{case} (n={c.n}, p={c.p}, hidden {hidden} {c.activation}, {how}, {epochs_run[case][0]} epochs)"


def report(timings, epochs_run, memory, fits, info, notes, opts, reps):
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
    for key in PEERS:
        if key in info["Python"]:
            lines.append(f"- Peer: {info['Python'][key]}.")
    lines += [f"- Skipped: {note}." for note in notes]
    lines += [
        f"- {reps} rounds; each round runs every contender of a case once, both languages, one after another. "
        "Each figure: the median time per epoch over the rounds; in brackets, the median over the rounds of its "
        "ratio to nnscratch Python's time in the same round.",
        "",
    ]

    def r(case, a, b):
        return per_round_ratio(timings.get(case, {}), a, b)

    def t(case, a):
        return statistics.median(timings[case][a])

    lines += ["| | " + " | ".join(shape(case, epochs_run) for case in cases) + " |",
              "|---" * (len(cases) + 1) + "|"]
    for key, label in ROWS:
        if not any(key in timings[case] for case in cases):
            continue
        cells = []
        for case in cases:
            if key not in timings[case]:
                skipped = key in PEERS and any(note.startswith(key) for note in notes)
                cells.append("skipped" if skipped else "-")
            else:
                cells.append(f"{fmt_time(t(case, key))} ({r(case, key, 'nnscratch_py'):.2f}×)")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "\"-\": not run on that case. The article's scripts have one sigmoid hidden layer and take the full "
              "batch; the floors are full-batch epochs; exact mode is timed on toy, moons and large; Adam against "
              "sgd on large; digits is each estimator's own default fit, timed per epoch it ran (scikit-learn's "
              "MLPClassifier behind a StandardScaler, as nnscratch standardizes its inputs).", ""]

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
            cells = [f"{r(case, exact, default):.1f}×" for case in exact_cases]
            lines.append(f"| {lang} | " + " | ".join(cells) + " |")
        if "moons" in exact_cases:
            est = {lang: t("moons", key) * MOONS_EPOCHS for lang, key in (("Python", "exact_py"), ("R", "exact_r"))}
            lines += ["", f"The article's full moons run ({MOONS_EPOCHS} epochs) in exact mode, from this run's time "
                      f"per epoch: Python {est['Python']:.0f} s, R {est['R']:.0f} s (asked: under {MOONS_SECONDS} s "
                      "each on this machine)."]
        lines.append("")

    lines += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    unmet = []
    for case, num, den, limit, text in TARGETS:
        ratio = r(case, num, den)
        if ratio is None:
            if case in cases:
                lines.append(f"| {text} | - | skipped |")
            continue
        lines.append(f"| {text} | {ratio:.2f}× | {'met' if ratio <= limit else 'NOT met'} |")
        if ratio > limit:
            unmet.append(text)
    if "large" in memory:
        for lang, (peak, _) in memory["large"].items():
            ratio = peak / data_mb("large")
            text = f"{lang}: peak memory <= {MEMORY_LIMIT:g}x the data, large"
            lines.append(f"| {text} | {ratio:.2f}× | {'met' if ratio <= MEMORY_LIMIT else 'NOT met'} |")
            if ratio > MEMORY_LIMIT:
                unmet.append(text)
    if unmet:
        lines += ["", "What limits the targets that are not met (more in bench/README.md):", ""]
        lines += [f"- {text}: " + (LIMITS[text](r, t) if text in LIMITS else "not analysed yet.") for text in unmet]
    if memory:
        lines += [
            "",
            "## Memory",
            "",
            "Peak RSS of a process that makes a case's data and trains once (`train()`, or the estimator's default "
            "fit on digits); baseline: the same process without training. The data: X, y and the widest hidden "
            "layer (n×h), float64.",
            "",
            "| case | data | Python peak | Python baseline | Python peak / data | R peak | R baseline | "
            "R peak / data |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for case, langs in memory.items():
            mb = data_mb(case)
            cells = [f"{case}", f"{mb:.1f} MB"]
            for lang in ("Python", "R"):
                peak, base = langs[lang]
                cells += [f"{peak:.0f} MB", f"{base:.0f} MB", f"{peak / mb:.2f}×" if mb >= 1 else "-"]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "\"-\": data under 1 MB, where the interpreter's own memory (the baseline) is the peak."]
    if fits:
        lines += estimators_report(fits)
    return lines


def estimators_report(fits):
    """The estimators' table: each default fit's test score and fit time, against scikit-learn's defaults."""
    lines = [
        "",
        "## The estimators' defaults on scikit-learn's data sets",
        "",
        "Each estimator with its default settings and a fixed seed (nnscratch `MLPClassifier(seed=0)` or "
        "`MLPRegressor(seed=0)`, R `mlp(X, y, seed = 0)`, scikit-learn `MLPClassifier(random_state=0)` or "
        "`MLPRegressor(random_state=0)` on the raw inputs), fitted on the same 70% of the rows (split with "
        "random_state 0, stratified by class for the classifications) and scored on the other 30%: accuracy, or "
        "R² for diabetes. Fit time: the median over the rounds of the fit's time over scikit-learn's in the same "
        "round.",
        "",
        "| data set | score: Python | R | scikit-learn | score target | epochs: Python / R / scikit-learn | "
        "fit time: Python / scikit-learn | R / scikit-learn | fit time target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, by in fits.items():
        sk = by.get("sklearn")
        score = {who: rounds[0][2] for who, rounds in by.items()}
        epochs = {who: int(rounds[0][1]) for who, rounds in by.items()}
        if sk is None:
            lines.append(f"| {name} | {score['nnscratch_py']:.3f} | {score['nnscratch_r']:.3f} | skipped | | | | | |")
            continue
        margin = R2_MARGIN if name == "diabetes" else ACCURACY_MARGIN
        floor = score["sklearn"] - margin
        met = all(score[who] >= floor for who in ("nnscratch_py", "nnscratch_r"))
        ratio = {who: statistics.median(a[0] / b[0] for a, b in zip(by[who], sk)) for who in ("nnscratch_py", "nnscratch_r")}
        lines.append(
            f"| {name} | {score['nnscratch_py']:.3f} | {score['nnscratch_r']:.3f} | {score['sklearn']:.3f} | "
            f">= {floor:.3f}: {'met' if met else 'NOT met'} | {epochs['nnscratch_py']} / {epochs['nnscratch_r']} / "
            f"{epochs['sklearn']} | {ratio['nnscratch_py']:.2f}× | {ratio['nnscratch_r']:.2f}× | "
            f"<= {FIT_TIME_LIMIT}×: {'met' if ratio['nnscratch_py'] <= FIT_TIME_LIMIT else 'NOT met'} |")
    return lines


if __name__ == "__main__":
    main()
