"""The Python side of the benchmark: a worker that bench/run.py drives round by round.

    python bench/bench_py.py serve THREADS           # the worker, on stdin/stdout
    python bench/bench_py.py info THREADS            # numpy's BLAS, the threads, the peers' versions
    python bench/bench_py.py memory THREADS CASE     # trains once, for the peak RSS the caller measures
    python bench/bench_py.py baseline THREADS CASE   # the same process without training

CASE is a case of run.py as one line of JSON (see `Case` there). The worker
reads one command a line and answers one line:

- ``case CASE``: make the data and the contenders of a case; answers
  ``ok<TAB>name,name,...<TAB>note|note``, the contenders it can time and why
  the others are skipped;
- ``run NAME``: time one call of a contender; answers its seconds per epoch;
- ``fit SET WHO``: fit the default estimator of WHO (nnscratch or sklearn) on
  the training rows of the data set SET and score it on its test rows;
  answers ``seconds<TAB>epochs<TAB>score``;
- ``quit``.

bench/bench.R is the same worker in R. Both make random data of the case's
shapes (the cost of an epoch does not depend on the values), or read the
data set that run.py wrote as CSV files, so that both languages fit the same
rows.
"""

import gc
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nnscratch as nn  # noqa: E402

from article_loops import article_numpy_loop, floor_loop  # noqa: E402


def problem(n, p, hidden, seed=1):
    """Return X (n, p), y (n, 1) in [0, 1] and a list of layers with weights N(0, 1 / fan_in) and biases U(0, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.uniform(size=(n, 1))
    sizes = [p, *hidden, 1]
    layers = [{"W": rng.standard_normal((i, o)) / np.sqrt(i), "b": rng.uniform(size=(1, o))}
              for i, o in zip(sizes[:-1], sizes[1:])]
    return X, y, layers


def read_set(directory, name, part):
    """Return X and y of the training or test rows of a data set run.py wrote: part is "train" or "test"."""
    X = np.loadtxt(Path(directory) / f"{name}_X_{part}.csv", delimiter=",", ndmin=2)
    y = np.loadtxt(Path(directory) / f"{name}_y_{part}.csv", delimiter=",", dtype=str)
    return X, y


def is_regression(name):
    return name == "diabetes"


def estimator(who, name):
    """Return the default estimator of who ("nnscratch" or "sklearn") for the data set `name`, seeds fixed."""
    if who == "nnscratch":
        return nn.MLPRegressor(seed=0) if is_regression(name) else nn.MLPClassifier(seed=0)
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    return MLPRegressor(random_state=0) if is_regression(name) else MLPClassifier(random_state=0)


def fit_set(directory, name, who):
    """Fit the default estimator on a data set's training rows; return (seconds, epochs, test score)."""
    X, y = read_set(directory, name, "train")
    Xt, yt = read_set(directory, name, "test")
    if is_regression(name):
        y, yt = y.astype(float), yt.astype(float)
    model = estimator(who, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()
        start = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - start
    epochs = len(model.loss_curve_)
    if is_regression(name):
        from sklearn.metrics import r2_score
        score = r2_score(yt, model.predict(Xt))
    else:
        score = float(np.mean(model.predict(Xt) == yt))
    return seconds, epochs, score


def sklearn_run(X, y, c):
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPRegressor
    except ImportError:
        return None
    # Plain SGD on the full batch (no momentum, no shuffling), or Adam on
    # shuffled mini-batches; no penalty, no early stop, exactly `epochs`
    # epochs. Its output is the identity and its loss a mean, so it is the
    # same work per epoch, not the same model.
    adam = c["optimizer"] == "adam"
    model = MLPRegressor(
        hidden_layer_sizes=tuple(c["hidden"]), activation={"sigmoid": "logistic"}.get(c["activation"], c["activation"]),
        solver="adam" if adam else "sgd", batch_size=c["batch_size"] or X.shape[0], momentum=0, alpha=0,
        shuffle=adam, tol=0, n_iter_no_change=2**31 - 1, learning_rate_init=c["lr"], max_iter=c["epochs"],
        random_state=0,
    )
    target = y.ravel()

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, target)
    return run


def torch_run(X, y, layers, c):
    """The same layers and activations in float64: plain SGD on 1/2 sum (y - output)^2 on the full batch, or Adam on
    the mean over shuffled mini-batches; None without torch."""
    try:
        import torch
    except ImportError:
        return None
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    hidden_f = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh}[c["activation"]]
    n, batch = X.shape[0], c["batch_size"] or X.shape[0]

    def run():
        modules = []
        for i, layer in enumerate(layers):
            linear = torch.nn.Linear(*layer["W"].shape, dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(layer["W"].T))
                linear.bias.copy_(torch.from_numpy(layer["b"].ravel()))
            modules += [linear, hidden_f() if i < len(layers) - 1 else torch.nn.Sigmoid()]
        model = torch.nn.Sequential(*modules)
        adam = c["optimizer"] == "adam"
        opt = torch.optim.Adam(model.parameters(), lr=c["lr"]) if adam else torch.optim.SGD(model.parameters(), lr=c["lr"])
        for _ in range(c["epochs"]):
            order = torch.randperm(n) if adam else None
            for start in range(0, n, batch):
                rows = order[start:start + batch] if adam else slice(None)
                opt.zero_grad()
                e = yt[rows] - model(Xt[rows])
                loss = 0.5 * (e * e).mean() if adam else 0.5 * (e * e).sum()
                loss.backward()
                opt.step()
    return run


def train_settings(c):
    """train()'s settings of a case besides its data and network."""
    return dict(activation=c["activation"], optimizer=c["optimizer"], batch_size=c["batch_size"],
                reduction="mean" if c["optimizer"] == "adam" else "sum", seed=1 if c["batch_size"] else None)


def digits_contenders(c):
    """Return the fits of the digits case: each estimator's default fit, timed per epoch."""
    X, y = read_set(c["data"], "digits", "train")
    runs = {"nnscratch_py": nn.MLPClassifier(seed=0)}
    notes = []
    try:
        from sklearn.neural_network import MLPClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        # the same settings: nnscratch standardizes its inputs by default
        runs["sklearn"] = make_pipeline(StandardScaler(), MLPClassifier(random_state=0))
    except ImportError:
        notes.append("sklearn is not installed; make bench-deps")

    def timed(model):
        def run():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.fit(X, y)
            fitted = model[-1] if hasattr(model, "steps") else model
            return len(fitted.loss_curve_)
        return run
    return {name: (timed(model), None) for name, model in runs.items()}, notes


def contenders(c):
    """Return ({name: (run, epochs)}, [notes on the skipped ones]) for one case; epochs None: the run returns them."""
    if c["data"]:
        return digits_contenders(c)
    X, y, layers = problem(c["n"], c["p"], c["hidden"])
    lr, epochs, settings = c["lr"], c["epochs"], train_settings(c)
    runs = {"nnscratch_py": (lambda: nn.train(layers, X, y, lr, epochs, **settings), epochs)}
    if c["adam_too"]:
        adam = dict(settings, optimizer="adam")
        runs["adam_py"] = (lambda: nn.train(layers, X, y, lr, epochs, **adam), epochs)
    if not c["batch_size"]:
        runs["floor_py"] = (lambda: floor_loop(X, [layer["W"] for layer in layers], c["activation"], epochs), epochs)
    if c["exact_epochs"] > 0:
        runs["exact_py"] = (lambda: nn.train(layers, X, y, lr, c["exact_epochs"], exact=True, **settings),
                            c["exact_epochs"])
    if len(c["hidden"]) == 1 and c["activation"] == "sigmoid" and not c["batch_size"]:
        article = [layers[0]["W"], layers[0]["b"], layers[1]["W"], layers[1]["b"]]
        runs["article_numpy"] = (lambda: article_numpy_loop(X, y, *(m.copy() for m in article), lr, epochs), epochs)
    notes = []
    for name, run in (("sklearn", sklearn_run(X, y, c)), ("torch", torch_run(X, y, layers, c))):
        if run is None:
            notes.append(f"{name} is not installed; make bench-deps")
        else:
            runs[name] = (run, epochs)
    return runs, notes


def serve(threads):
    # the short runs of random data learn nothing, as they need not
    warnings.simplefilter("ignore", nn.ConvergenceWarning)
    try:
        import torch
        torch.set_num_threads(threads)
    except ImportError:
        pass
    runs = {}
    for line in sys.stdin:
        cmd = line.split(maxsplit=1)
        if not cmd or cmd[0] == "quit":
            break
        try:
            if cmd[0] == "case":
                runs, notes = contenders(json.loads(cmd[1]))
                reply = f"ok\t{','.join(runs)}\t{'|'.join(notes)}"
            elif cmd[0] == "run":
                run, epochs = runs[cmd[1].strip()]
                gc.collect()
                start = time.perf_counter()
                ran = run()
                reply = repr((time.perf_counter() - start) / (epochs or ran))
            elif cmd[0] == "fit":
                directory, name, who = cmd[1].split()
                reply = "\t".join(map(repr, fit_set(directory, name, who)))
            else:
                reply = f"error\tunknown command {cmd[0]}"
        except Exception as e:  # the driver reports it and stops
            reply = f"error\t{type(e).__name__}: {e}"
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
    # memory / baseline: make the case's data, and train once (memory)
    c = json.loads(sys.argv[3])
    if c["data"]:
        X, y = read_set(c["data"], "digits", "train")
        if what == "memory":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nn.MLPClassifier(seed=0).fit(X, y)
        return
    X, y, layers = problem(c["n"], c["p"], c["hidden"])
    if what == "memory":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nn.train(layers, X, y, c["lr"], c["epochs"], **train_settings(c))


if __name__ == "__main__":
    main()
