"""The Python side of the benchmark: a worker that bench/run.py drives round by round.

    python bench/bench_py.py serve THREADS     # the worker, on stdin/stdout
    python bench/bench_py.py info THREADS      # numpy's BLAS, the threads, the peers' versions
    python bench/bench_py.py memory THREADS CASE EPOCHS  # trains once, for the peak RSS the caller measures
    python bench/bench_py.py baseline THREADS CASE       # the same process without training

The worker reads one command a line and answers one line:

- ``case N P H1,H2,... ACTIVATION EPOCHS EXACT_EPOCHS LR``: make the data and
  the contenders of a case; answers ``ok<TAB>name,name,...<TAB>note|note``,
  the contenders it can time and why the others are skipped;
- ``run NAME``: time one call of a contender; answers its seconds per epoch;
- ``quit``.

bench/bench.R is the same worker in R. Both make random data of the case's
shapes: the cost of an epoch does not depend on the values.
"""

import gc
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nnscratch as nn  # noqa: E402

from article_loops import article_numpy_loop, floor_loop  # noqa: E402

# The cases run.py names on the command line of `memory` and `baseline`;
# keep in step with run.py's CASES.
MEMORY_CASES = {"large": (100000, 20, (64,), "sigmoid", 0.1 / 100000)}


def problem(n, p, hidden, seed=1):
    """Return X (n, p), y (n, 1) in [0, 1] and a list of layers with weights N(0, 1 / fan_in) and biases U(0, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.uniform(size=(n, 1))
    sizes = [p, *hidden, 1]
    layers = [{"W": rng.standard_normal((i, o)) / np.sqrt(i), "b": rng.uniform(size=(1, o))}
              for i, o in zip(sizes[:-1], sizes[1:])]
    return X, y, layers


def sklearn_run(X, y, hidden, activation, lr, epochs):
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPRegressor
    except ImportError:
        return None
    # Full batch plain SGD for exactly `epochs` epochs: no momentum, no
    # penalty, no shuffling, no early stop. Its output is the identity and
    # its loss a mean, so it is the same work per epoch, not the same model.
    model = MLPRegressor(
        hidden_layer_sizes=hidden, activation={"sigmoid": "logistic"}.get(activation, activation),
        solver="sgd", batch_size=X.shape[0], momentum=0, alpha=0, shuffle=False, tol=0,
        n_iter_no_change=2**31 - 1, learning_rate_init=lr, max_iter=epochs,
    )
    target = y.ravel()

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, target)
    return run


def torch_run(X, y, layers, activation, lr, epochs):
    """Plain SGD on 1/2 sum (y - output)^2 in float64, the same layers and activations; None without torch."""
    try:
        import torch
    except ImportError:
        return None
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    hidden_f = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh}[activation]

    def run():
        modules = []
        for i, layer in enumerate(layers):
            linear = torch.nn.Linear(*layer["W"].shape, dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(layer["W"].T))
                linear.bias.copy_(torch.from_numpy(layer["b"].ravel()))
            modules += [linear, hidden_f() if i < len(layers) - 1 else torch.nn.Sigmoid()]
        model = torch.nn.Sequential(*modules)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        for _ in range(epochs):
            opt.zero_grad()
            loss = 0.5 * ((yt - model(Xt)) ** 2).sum()
            loss.backward()
            opt.step()
    return run


def contenders(n, p, hidden, activation, epochs, exact_epochs, lr):
    """Return ({name: (run, epochs)}, [notes on the skipped ones]) for one case."""
    X, y, layers = problem(n, p, hidden)
    runs = {
        "nnscratch_py": (lambda: nn.train(layers, X, y, lr, epochs, activation=activation), epochs),
        "floor_py": (lambda: floor_loop(X, [layer["W"] for layer in layers], activation, epochs), epochs),
    }
    if exact_epochs > 0:
        runs["exact_py"] = (lambda: nn.train(layers, X, y, lr, exact_epochs, activation=activation, exact=True),
                            exact_epochs)
    if len(hidden) == 1 and activation == "sigmoid":
        article = [layers[0]["W"], layers[0]["b"], layers[1]["W"], layers[1]["b"]]
        runs["article_numpy"] = (lambda: article_numpy_loop(X, y, *(m.copy() for m in article), lr, epochs), epochs)
    notes = []
    for name, run in (("sklearn", sklearn_run(X, y, hidden, activation, lr, epochs)),
                      ("torch", torch_run(X, y, layers, activation, lr, epochs))):
        if run is None:
            notes.append(f"{name} is not installed; make bench-deps")
        else:
            runs[name] = (run, epochs)
    return runs, notes


def serve(threads):
    try:
        import torch
        torch.set_num_threads(threads)
    except ImportError:
        pass
    runs = {}
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] == "case":
            n, p = int(cmd[1]), int(cmd[2])
            hidden = tuple(int(h) for h in cmd[3].split(","))
            runs, notes = contenders(n, p, hidden, cmd[4], int(cmd[5]), int(cmd[6]), float(cmd[7]))
            reply = f"ok\t{','.join(runs)}\t{'|'.join(notes)}"
        elif cmd[0] == "run":
            run, epochs = runs[cmd[1]]
            gc.collect()
            start = time.perf_counter()
            run()
            reply = repr((time.perf_counter() - start) / epochs)
        else:
            reply = f"error\tunknown command {cmd[0]}"
        print(reply, flush=True)


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
    what = sys.argv[1]
    if what == "serve":
        return serve(int(sys.argv[2]))
    if what == "info":
        return info()
    n, p, hidden, activation, lr = MEMORY_CASES[sys.argv[3]]
    X, y, layers = problem(n, p, hidden)
    if what == "memory":
        nn.train(layers, X, y, lr, int(sys.argv[4]), activation=activation)


if __name__ == "__main__":
    main()
