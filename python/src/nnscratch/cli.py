"""The command line: ``nnscratch train``, ``nnscratch predict`` and ``nnscratch demo``.

It reads CSV files with a header row using the standard library and numpy
only. Models are written and read with `save_model` and `load_model`, so a
model trained here loads in R with ``load_model()``, and the other way round.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence

import numpy as np

from .demo import demo_article
from .mlp import MLP
from .model_file import load_model, save_model
from .validate import NnscratchError, abort


def read_csv(path: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Return the header, the rows of a CSV file as text, and each row's line number in the file."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            # blank lines are skipped, so each row keeps the line it was on
            numbered = [(reader.line_num, r) for r in reader if r]
    except OSError as e:
        abort('`data` must be a readable CSV file; "%s": %s.', path, e.strerror)
    if len(numbered) < 2:
        abort('`data` ("%s") must have a header row and at least one row of data.', path)
    header = numbered[0][1]
    lines = [n for n, _ in numbered[1:]]
    body = [r for _, r in numbered[1:]]
    for line, r in zip(lines, body):
        if len(r) != len(header):
            abort('`data` ("%s") has %d fields on line %d, not %d as in its header.', path, len(r), line, len(header))
    return header, body, lines


def as_numbers(values: list[str], column: str, path: str, lines: list[int]) -> np.ndarray:
    """Return a column of text as float64, or say which value, on which line, is not a number."""
    out = np.empty(len(values))
    for i, v in enumerate(values):
        try:
            out[i] = float(v)
        except ValueError:
            abort('column `%s` of "%s" must be numeric; found "%s" on line %d.', column, path, v, lines[i])
    return out


def is_numeric(values: list[str]) -> bool:
    try:
        [float(v) for v in values]
    except ValueError:
        return False
    return True


def cmd_train(args: argparse.Namespace) -> None:
    header, body, lines = read_csv(args.data)
    if args.target not in header:
        abort('`--target` must name a column of "%s" (%s), not "%s".', args.data, ", ".join(header), args.target)
    j = header.index(args.target)
    features = [c for c in header if c != args.target]
    if not features:
        abort('`data` ("%s") must have at least one column besides the target.', args.data)
    X = np.column_stack([as_numbers([r[header.index(c)] for r in body], c, args.data, lines) for c in features])
    target = [r[j] for r in body]
    # A numeric target column is the network's target in [0, 1]; any other
    # column is class labels, as a factor in R.
    y = as_numbers(target, args.target, args.data, lines) if is_numeric(target) else np.asarray(target)
    model = MLP(hidden=args.hidden, lr=args.lr, epochs=args.epochs, bias=not args.no_bias,
                seed=args.seed, scheme=args.scheme)
    model.fit(X, y)
    model.feature_names_in_ = np.asarray(features, dtype=object)
    save_model(model, args.out)
    print(f"a {X.shape[1]}-{model.hidden}-{model.wout_.shape[1]} network trained for {model.n_epochs_} epochs; "
          f"final loss {model.loss_curve_[-1]:.6g}; saved to {args.out}")


def cmd_predict(args: argparse.Namespace) -> None:
    model = load_model(args.model)
    header, body, lines = read_csv(args.data)
    names = getattr(model, "feature_names_in_", None)
    if names is not None and all(n in header for n in names):
        columns = [str(n) for n in names]
    else:
        columns = header
    X = np.column_stack([as_numbers([r[header.index(c)] for r in body], c, args.data, lines) for c in columns])
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.type == "class":
        writer.writerow(["class"])
        writer.writerows([c] for c in np.asarray(model.predict(X)).tolist())
        return
    output = model.predict_proba(X)
    classes = model.classes_
    if classes is not None and len(classes) > 2:
        writer.writerow([str(c) for c in classes])
    else:
        writer.writerow([f"o{k + 1}" for k in range(output.shape[1])])
    # repr is the shortest text that reads back to the same double.
    writer.writerows([repr(float(v)) for v in row] for row in output)


def cmd_demo(args: argparse.Namespace) -> None:
    demo_article()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nnscratch",
        description="The neural network of 'Understanding and coding Neural Networks from scratch', "
        "from the command line.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{train,predict,demo}")
    sub.required = True

    p = sub.add_parser("train", help="train a network on a CSV file and save it as JSON",
                       description="Train a network on a CSV file with a header row and save it as a JSON model "
                       "file (readable by load_model in R and Python). Every column but the target is an input "
                       "and must be numeric. A numeric target must lie in [0, 1]; any other target is class labels.")
    p.add_argument("data", help="the training data, a CSV file with a header row")
    p.add_argument("--target", required=True, help="the name of the target column")
    p.add_argument("--hidden", type=int, default=3, help="the number of hidden neurons (default 3)")
    p.add_argument("--lr", type=float, default=0.1, help="the learning rate (default 0.1)")
    p.add_argument("--epochs", type=int, default=5000, help="the number of epochs (default 5000)")
    p.add_argument("--seed", type=int, default=None, help="the seed of the initial weights (default: none)")
    p.add_argument("--scheme", default="article_r", choices=["article_r", "article_numpy"],
                   help="how initial weights are drawn, as init_params draws them (default article_r)")
    p.add_argument("--no-bias", action="store_true", help="a network without biases")
    p.add_argument("--out", required=True, help="the model file to write, e.g. model.json")
    p.set_defaults(run=cmd_train)

    p = sub.add_parser("predict", help="print a saved model's predictions for a CSV file, as CSV",
                       description="Print the predictions of a saved model for the rows of a CSV file with a "
                       "header row, as CSV on standard output. The inputs are read by name when the file has "
                       "the training columns, by position otherwise.")
    p.add_argument("model", help="a model file from `nnscratch train` or save_model (R or Python)")
    p.add_argument("data", help="the new data, a CSV file with a header row")
    p.add_argument("--type", choices=["class", "raw"], default="class",
                   help="class: the predicted class (default); raw: the network's outputs")
    p.set_defaults(run=cmd_predict)

    p = sub.add_parser("demo", help="print the article's run, step by step",
                       description="Print the article's run step by step, as inst/scripts/demo_article.R "
                       "prints it in R.")
    p.set_defaults(run=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (sys.argv[1:] by default); return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except NnscratchError as e:
        print(f"nnscratch: error: {e}", file=sys.stderr)
        return 1
    return 0
