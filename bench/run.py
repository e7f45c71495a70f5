"""Benchmark nnscratch's train() against the article's scripts, scikit-learn and PyTorch.

Run from the repository root, after `make bench-deps` (or without the
optional peers, which are then skipped with a note):

    .venv/bin/python bench/run.py            # full run, writes bench/results.md
    .venv/bin/python bench/run.py --quick    # smoke run in a few seconds, writes nothing

Each language runs in its own process (bench/bench_py.py, bench/bench.R),
with its BLAS limited to --threads threads. Every figure is the median of
--reps runs, the runs of one size interleaved, so that every ratio in a
column is measured in the same run. See bench/README.md.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# name: (n, p, h, epochs, lr); all with one output. The article's lr on its
# toy data; elsewhere lr / n keeps the summed gradient of a larger batch tame.
SIZES = {
    "toy": (3, 4, 3, 5000, 0.1),
    "moons": (1000, 2, 10, 2000, 0.1 / 1000),
    "large": (100000, 20, 64, 5, 0.1 / 100000),
}
QUICK_EPOCHS = {"toy": 300, "moons": 30, "large": 1}

ROWS = [
    ("nnscratch_py", "nnscratch, Python train()"),
    ("nnscratch_r", "nnscratch, R train()"),
    ("article_numpy", "article numpy script loop"),
    ("article_r", "article R script loop, bias fixed"),
    ("sklearn", "scikit-learn MLPRegressor, sgd"),
    ("torch", "PyTorch float64 SGD"),
    ("floor_py", "floor, numpy: 5 products + exp"),
    ("floor_r", "floor, R: 5 products + exp"),
]

# (size, numerator, denominator, limit, what the target says)
TARGETS = [
    ("toy", "nnscratch_py", "article_numpy", 1.0, "Python <= 1.0x article numpy, toy"),
    ("moons", "nnscratch_py", "sklearn", 0.7, "Python <= 0.7x scikit-learn, moons"),
    ("moons", "nnscratch_py", "torch", 0.7, "Python <= 0.7x PyTorch, moons"),
    ("large", "nnscratch_py", "sklearn", 0.7, "Python <= 0.7x scikit-learn, large"),
    ("large", "nnscratch_py", "torch", 0.7, "Python <= 0.7x PyTorch, large"),
    ("large", "nnscratch_py", "floor_py", 1.5, "Python <= 1.5x its floor, large"),
    ("toy", "nnscratch_r", "article_r", 0.6, "R <= 0.6x article R script, toy"),
    ("large", "nnscratch_r", "nnscratch_py", 2.0, "R <= 2x Python, large"),
]
MEMORY_LIMIT = 3.0

# What limits a target when it is not met, with the figures of the same run
# that show it; bench/README.md says more.
LIMITS = {
    "R <= 2x Python, large": lambda t: (
        "R's own floor, five products and one exp, is {:.2f}× Python's whole train(): R's exp is the C "
        "library's scalar one, numpy's is vectorised, and every elementwise operation in R writes a new "
        "array. Under 2× would take compiled code.".format(t["large"]["floor_r"] / t["large"]["nnscratch_py"])),
    "R <= 0.6x article R script, toy": lambda t: (
        "On 3 samples an epoch is some 25 interpreted operations, which the script pays too; R's floor alone "
        "is {:.2f}× the script here, and train() adds its per-epoch bookkeeping (batches, trace, verbose) "
        "and one function call.".format(t["toy"]["floor_r"] / t["toy"]["article_r"])),
}


def thread_env(threads):
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def commands(size, epochs, reps, what, threads):
    n, p, h, _, lr = SIZES[size]
    args = [str(a) for a in (n, p, h, epochs, reps, lr, what)]
    return {
        "Python": [sys.executable, str(HERE / "bench_py.py"), *args, str(threads)],
        "R": ["Rscript", str(HERE / "bench.R"), *args],
    }


def run_tsv(cmd, env):
    """Run `cmd`; return its "key<TAB>value" lines as (key, value) pairs."""
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{res.stderr}")
    out = res.stdout
    return [tuple(line.split("\t", 1)) for line in out.splitlines() if "\t" in line]


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
    parser.add_argument("--quick", action="store_true", help="few epochs, one repetition, no file")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per figure (default 5)")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads per process (default 1)")
    parser.add_argument("--out", default=None, help="markdown file to write (default bench/results.md; none with --quick)")
    opts = parser.parse_args(argv)
    reps = opts.reps or (1 if opts.quick else 5)
    out_path = opts.out or (None if opts.quick else str(HERE / "results.md"))
    env = thread_env(opts.threads)

    info = {lang: dict(run_tsv(cmd, env)) for lang, cmd in commands("toy", 1, 1, "info", opts.threads).items()}
    timings, notes = {}, []
    for size, (_n, _p, _h, epochs, _lr) in SIZES.items():
        epochs = QUICK_EPOCHS[size] if opts.quick else epochs
        timings[size] = {}
        for cmd in commands(size, epochs, reps, "time", opts.threads).values():
            for key, value in run_tsv(cmd, env):
                if key == "skip":
                    if value not in notes:
                        notes.append(value)
                        print("note:", value)
                else:
                    timings[size][key] = float(value)
        print(f"{size}: done", file=sys.stderr)

    # Memory on `large`: peak RSS of training, against X, y and one n x h
    # hidden layer, in float64.
    n, p, h, epochs, _ = SIZES["large"]
    data_mb = 8 * (n * p + n + n * h) / 2**20
    memory = {}
    for lang, cmd in commands("large", 1 if opts.quick else epochs, 1, "memory", opts.threads).items():
        base = peak_rss_mb(commands("large", 1, 1, "baseline", opts.threads)[lang], env)
        memory[lang] = (peak_rss_mb(cmd, env), base)

    lines = report(timings, memory, data_mb, info, notes, opts, reps)
    text = "\n".join(lines) + "\n"
    print(text)
    if out_path:
        Path(out_path).write_text(text)
        print(f"wrote {out_path}", file=sys.stderr)


def report(timings, memory, data_mb, info, notes, opts, reps):
    today = datetime.date.today().isoformat()
    lines = [
        f"# nnscratch benchmark, {today}" + (" (quick smoke run: few epochs, ratios unreliable)" if opts.quick else ""),
        "",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs, shared with other work: "
        "compare ratios within a column, not absolute times.",
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
        f"- Each figure: time per epoch, median of {reps} runs; in brackets, the ratio to "
        "nnscratch Python in the same column.",
        "",
    ]
    header = "| | " + " | ".join(
        f"{s} (n={SIZES[s][0]}, p={SIZES[s][1]}, h={SIZES[s][2]}, "
        f"{QUICK_EPOCHS[s] if opts.quick else SIZES[s][3]} epochs)" for s in SIZES) + " |"
    lines += [header, "|---" * (len(SIZES) + 1) + "|"]
    for key, label in ROWS:
        cells = []
        for size in SIZES:
            t = timings[size].get(key)
            ref = timings[size].get("nnscratch_py")
            cells.append("skipped" if t is None else f"{fmt_time(t)} ({t / ref:.2f}×)")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    for size, num, den, limit, text in TARGETS:
        a, b = timings[size].get(num), timings[size].get(den)
        if a is None or b is None:
            lines.append(f"| {text} | - | skipped |")
        else:
            ratio = a / b
            lines.append(f"| {text} | {ratio:.2f}× | {'met' if ratio <= limit else 'NOT met'} |")
    unmet = [text for size, num, den, limit, text in TARGETS
             if num in timings[size] and den in timings[size] and timings[size][num] / timings[size][den] > limit]
    if unmet:
        lines += ["", "What limits the targets that are not met (more in bench/README.md):", ""]
        lines += [f"- {text}: " + (LIMITS[text](timings) if text in LIMITS else "not analysed yet.") for text in unmet]
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
    return lines


if __name__ == "__main__":
    main()
