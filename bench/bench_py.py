"""Times, for one size, the Python side of the benchmark. Called by bench/run.py:

    python bench/bench_py.py n p h epochs reps lr what

what: "time" prints "label<TAB>seconds per epoch (median of reps)" lines for
nnscratch, the article's numpy loop, the floor, and scikit-learn and PyTorch
when installed (a "skip<TAB>reason" line otherwise); "info" prints numpy's
BLAS and the threads; "memory" trains once, for the peak RSS measured by the
caller; "baseline" loads the same and does not train.
"""

import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nnscratch as nn  # noqa: E402

from article_loops import article_numpy_loop, floor_loop  # noqa: E402


def problem(n, p, h, seed=1):
    """Return random data of the size: the cost of an epoch does not depend on the values."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.uniform(size=(n, 1))
    init = {"wh": rng.standard_normal((p, h)), "bh": rng.uniform(size=(1, h)),
            "wout": rng.standard_normal((h, 1)), "bout": rng.uniform(size=(1, 1))}
    return X, y, init


def sklearn_run(X, y, h, lr, epochs):
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPRegressor
    except ImportError:
        return None
    # Full batch plain SGD for exactly `epochs` epochs: no momentum, no
    # penalty, no shuffling, no early stop. Its output is the identity and
    # its loss a mean, so it is the same work per epoch, not the same model.
    model = MLPRegressor(
        hidden_layer_sizes=(h,), activation="logistic", solver="sgd", batch_size=X.shape[0],
        momentum=0, alpha=0, shuffle=False, tol=0, n_iter_no_change=2**31 - 1,
        learning_rate_init=lr, max_iter=epochs,
    )
    target = y.ravel()

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, target)
    return run


def torch_run(X, y, init, lr, epochs, threads):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    p, h = init["wh"].shape

    def run():
        hidden = torch.nn.Linear(p, h, dtype=torch.float64)
        out = torch.nn.Linear(h, 1, dtype=torch.float64)
        with torch.no_grad():
            hidden.weight.copy_(torch.from_numpy(init["wh"].T))
            hidden.bias.copy_(torch.from_numpy(init["bh"].ravel()))
            out.weight.copy_(torch.from_numpy(init["wout"].T))
            out.bias.copy_(torch.from_numpy(init["bout"].ravel()))
        model = torch.nn.Sequential(hidden, torch.nn.Sigmoid(), out, torch.nn.Sigmoid())
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(epochs):
            opt.zero_grad()
            loss = 0.5 * ((yt - model(Xt)) ** 2).sum()
            loss.backward()
            opt.step()
    return run


def info():
    print(f"version\tPython {sys.version.split()[0]}, numpy {np.__version__}")
    try:
        from threadpoolctl import threadpool_info
        for lib in threadpool_info():
            print(f"blas\t{lib.get('internal_api')} {lib.get('version')} "
                  f"({Path(lib.get('filepath', '')).name}), threads: {lib.get('num_threads')}")
    except ImportError:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        print(f"blas\t{blas.get('name')} {blas.get('version')} (threadpoolctl not installed)")
    try:
        import torch
        print(f"torch\ttorch {torch.__version__}")
    except ImportError:
        pass
    try:
        import sklearn
        print(f"sklearn\tscikit-learn {sklearn.__version__}")
    except ImportError:
        pass


def main():
    n, p, h, epochs, reps = (int(a) for a in sys.argv[1:6])
    lr, what = float(sys.argv[6]), sys.argv[7]
    threads = int(sys.argv[8]) if len(sys.argv) > 8 else 1
    if what == "info":
        return info()
    X, y, init = problem(n, p, h)
    if what == "baseline":
        return
    if what == "memory":
        nn.train(init, X, y, lr, epochs)
        return
    runs = {
        "nnscratch_py": lambda: nn.train(init, X, y, lr, epochs),
        "article_numpy": lambda: article_numpy_loop(
            X, y, *(init[k].copy() for k in ("wh", "bh", "wout", "bout")), lr, epochs),
        "floor_py": lambda: floor_loop(X, y, init["wh"], init["wout"], epochs),
    }
    for name, run in (("sklearn", sklearn_run(X, y, h, lr, epochs)),
                      ("torch", torch_run(X, y, init, lr, epochs, threads))):
        if run is None:
            print(f"skip\t{name} is not installed; pip install -e 'python[bench]'")
        else:
            runs[name] = run
    times = {name: [] for name in runs}
    # Interleave the runs, so that a busy spell on the machine hits all alike.
    for _ in range(reps):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    for name, t in times.items():
        print(f"{name}\t{statistics.median(t) / epochs!r}")


if __name__ == "__main__":
    main()
