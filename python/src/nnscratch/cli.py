"""The command line: ``nnscratch train``, ``nnscratch predict`` and ``nnscratch demo``.

It reads CSV files with a header row using the standard library and numpy
only. Models are written and read with `save_model` and `load_model`, so a
model trained here loads in R with ``load_model()``, and the other way round.

Errors: every error is one line on standard error, ``nnscratch: error:
...``, and a non-zero exit status (1; 2 for a malformed command line),
never a traceback. Messages name the flag (`--lr`) or the file, not the
Python argument behind it. Standard output is written only once a command
has succeeded, so a failing ``predict`` never leaves half a CSV behind;
`--verbose` and `--progress` report on standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import numpy as np

from .demo import demo_article
from .mlp import MLP, apply_scale
from .model_file import load_model, save_model
from .printing import architecture
from .validate import NnscratchError, abort

# The separators tried when --sep is not given, in the order that breaks a tie.
SEPARATORS = (",", ";", "\t")


class CommandLineError(Exception):
    """A malformed command line (an unknown flag, a value of the wrong type)."""


class Parser(argparse.ArgumentParser):
    # argparse prints its usage and exits; here the message becomes one line
    # like every other error, and main() sets the status.
    def error(self, message: str) -> NoReturn:
        raise CommandLineError(message)


def detect_sep(first_line: str) -> str:
    """The separator of a header line: the one of `SEPARATORS` it holds most often (a comma if none)."""
    counts = [first_line.count(s) for s in SEPARATORS]
    return SEPARATORS[counts.index(max(counts))] if max(counts) > 0 else ","


def read_csv(path: str, sep: str | None) -> tuple[list[str], list[list[str]], list[int]]:
    """Return the header, the rows of a CSV file as text, and each row's line number in the file.

    `sep` None detects the separator from the header (see `detect_sep`).
    """
    try:
        # utf-8-sig: a byte-order mark, as spreadsheets write, is not part of the first name
        with open(path, newline="", encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as e:
        abort('the data file "%s" cannot be read: %s.', path, e.strerror or e)
    except UnicodeDecodeError:
        abort('the data file "%s" is not UTF-8 text.', path)
    if sep is None:
        sep = detect_sep(next((line for line in text.splitlines() if line.strip()), ""))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        # blank lines are skipped, so each row keeps the line it was on
        numbered = [(reader.line_num, r) for r in reader if r]
    except csv.Error as e:
        abort('the data file "%s" is not valid CSV on line %d: %s.', path, reader.line_num, e)
    if len(numbered) < 2:
        abort('the data file "%s" must have a header row and at least one row of data.', path)
    header = [h.strip() for h in numbered[0][1]]
    lines = [n for n, _ in numbered[1:]]
    body = [r for _, r in numbered[1:]]
    for line, r in zip(lines, body):
        if len(r) != len(header):
            abort('the data file "%s" has %d fields on line %d, not %d as in its header%s.',
                  path, len(r), line, len(header), " (is `--sep` right?)" if len(header) == 1 else "")
    return header, body, lines


def column(header: list[str], body: list[list[str]], lines: list[int], name: str, path: str) -> list[str]:
    """Return one column's cells, refusing an empty one with its line."""
    j = header.index(name)
    cells = [r[j].strip() for r in body]
    for i, v in enumerate(cells):
        if v == "":
            abort('column `%s` of "%s" is empty on line %d; every row needs a value.', name, path, lines[i])
    return cells


def as_numbers(values: list[str], name: str, path: str, lines: list[int]) -> np.ndarray:
    """Return a column of text as float64, or say which value, on which line, is not a finite number."""
    out = np.empty(len(values))
    for i, v in enumerate(values):
        try:
            out[i] = float(v)
        except ValueError:
            abort('column `%s` of "%s" must be numeric; found "%s" on line %d.', name, path, v, lines[i])
        if not np.isfinite(out[i]):
            abort('column `%s` of "%s" must hold finite numbers; found "%s" on line %d.', name, path, v, lines[i])
    return out


def is_numeric(values: list[str]) -> bool:
    try:
        [float(v) for v in values]
    except ValueError:
        return False
    return True


def min_max(X: np.ndarray) -> dict:
    """The column minima and maxima that `--scale` maps to 0 and 1."""
    return {"min": X.min(axis=0), "max": X.max(axis=0)}


def check_out(path: str) -> None:
    """Refuse an `--out` that cannot be written before training, not after."""
    if os.path.isdir(path):
        abort('`--out` ("%s") is a folder; give a file path, such as "%s".', path, os.path.join(path, "model.json"))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        abort('`--out` ("%s") must be in an existing folder; "%s" does not exist.', path, os.path.dirname(path))
    if not os.access(folder, os.W_OK):
        abort('`--out` ("%s") cannot be written: the folder "%s" is read-only.', path, os.path.dirname(path) or ".")


def cmd_train(args: argparse.Namespace) -> str:
    check_out(args.out)
    header, body, lines = read_csv(args.data, args.sep)
    if args.target not in header:
        abort('`--target` must name a column of "%s" (%s), not "%s".', args.data, ", ".join(header), args.target)
    features = [c for c in header if c != args.target]
    if not features:
        abort('the data file "%s" must have at least one column besides the target.', args.data)
    target = column(header, body, lines, args.target, args.data)
    X = np.column_stack([as_numbers(column(header, body, lines, c, args.data), c, args.data, lines) for c in features])
    # A numeric target column is the network's target in [0, 1]; any other
    # column is class labels, as a factor in R.
    if is_numeric(target):
        y: np.ndarray = as_numbers(target, args.target, args.data, lines)
        outside = np.flatnonzero((y < 0) | (y > 1))
        if len(outside):
            i = outside[0]
            abort('column `%s` of "%s" must lie in [0, 1], as a numeric target does; found "%s" on line %d. '
                  "Class labels must hold a letter.", args.target, args.data, target[i], lines[i])
    else:
        y = np.asarray(target)
        if len(set(target)) < 2:
            abort('column `%s` of "%s" must hold at least two classes, not 1 ("%s").', args.target, args.data, target[0])
    scale = min_max(X) if args.scale else None
    model = MLP(hidden=args.hidden, lr=args.lr, epochs=args.epochs, bias=not args.no_bias, seed=args.seed,
                scheme=args.scheme, batch_size=args.batch_size, verbose=args.verbose, progress=args.progress)
    # train() prints its --verbose lines to standard output; here they are a
    # log, so they go to standard error and standard output keeps the result.
    with contextlib.redirect_stdout(sys.stderr):
        model.fit(apply_scale(X, scale), y)
    model.feature_names_in_ = np.asarray(features, dtype=object)
    if scale is not None:
        # the model file keeps the scaling (format version 2); `Any`, as MLP
        # itself does not declare `scale_`
        fitted: Any = model
        fitted.scale_ = scale
    try:
        save_model(model, args.out)
    except OSError as e:
        # The file named is the target, not the temporary file beside it.
        abort('`--out` ("%s") cannot be written: %s.', args.out, e.strerror or e)
    return (f"a {architecture(model)} network trained for {model.n_epochs_} epochs; "
            f"final loss {model.loss_curve_[-1]:.6g}; saved to {args.out}\n")


def cmd_predict(args: argparse.Namespace) -> str:
    if not os.path.isfile(args.model):
        abort('the model file "%s" must be an existing file.', args.model)
    try:
        model = load_model(args.model)
    except OSError as e:
        abort('the model file "%s" cannot be read: %s.', args.model, e.strerror or e)
    header, body, lines = read_csv(args.data, args.sep)
    names = getattr(model, "feature_names_in_", None)
    if names is not None and all(n in header for n in names):
        columns = [str(n) for n in names]
    elif len(header) == model.n_features_in_:
        columns = header
    else:
        wanted = "" if names is None else " (%s)" % ", ".join(str(n) for n in names)
        abort('the data file "%s" must have the %d input columns the model was trained on%s; it has %d (%s).',
              args.data, model.n_features_in_, wanted, len(header), ", ".join(header))
    X = np.column_stack([as_numbers(column(header, body, lines, c, args.data), c, args.data, lines) for c in columns])
    # the model applies its own scale_, kept in its file
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if args.type == "class":
        writer.writerow(["class"])
        writer.writerows([c] for c in np.asarray(model.predict(X)).tolist())
        return out.getvalue()
    output = model.predict_raw(X)
    classes = model.classes_
    if classes is not None and len(classes) > 2:
        writer.writerow([str(c) for c in classes])
    else:
        writer.writerow([f"o{k + 1}" for k in range(output.shape[1])])
    # repr is the shortest text that reads back to the same double.
    writer.writerows([repr(float(v)) for v in row] for row in output)
    return out.getvalue()


def cmd_demo(args: argparse.Namespace) -> str:
    out = io.StringIO()
    demo_article(out)
    return out.getvalue()


def hidden_sizes(text: str) -> Any:
    """--hidden: one whole number, or several separated by commas (one per hidden layer)."""
    try:
        sizes = [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value: '{text}' (a whole number, or several separated by commas)") from None
    return sizes[0] if len(sizes) == 1 else tuple(sizes)


def separator(text: str) -> str:
    text = "\t" if text in ("\\t", "tab") else text
    if len(text) != 1:
        raise argparse.ArgumentTypeError(f"invalid value: '{text}' (one character, such as ';', or \\t)")
    return text


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = Parser(
        prog="nnscratch",
        description="The neural network of 'Understanding and coding Neural Networks from scratch', "
        "from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"nnscratch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{train,predict,demo}", parser_class=Parser)
    sub.required = True
    sep_help = "the field separator of the CSV file; by default the one of , ; or tab its header holds most often"

    p = sub.add_parser("train", help="train a network on a CSV file and save it as JSON",
                       description="Train a network on a CSV file with a header row and save it as a JSON model "
                       "file (readable by load_model in R and Python). Every column but the target is an input "
                       "and must be numeric. A numeric target must lie in [0, 1]; any other target is class labels. "
                       "No cell may be empty.")
    p.add_argument("data", help="the training data, a CSV file with a header row")
    p.add_argument("--target", required=True, help="the name of the target column")
    p.add_argument("--sep", type=separator, default=None, help=sep_help)
    p.add_argument("--hidden", type=hidden_sizes, default=3, help="the number of hidden neurons (default 3)")
    p.add_argument("--lr", type=float, default=0.1, help="the learning rate (default 0.1)")
    p.add_argument("--epochs", type=int, default=5000, help="the number of epochs (default 5000)")
    p.add_argument("--batch-size", type=int, default=None,
                   help="the samples per step, from 1 (SGD) to the number of rows (default: all, full batch)")
    p.add_argument("--seed", type=int, default=None,
                   help="the seed of the initial weights and of the samples' order (default: none)")
    p.add_argument("--scheme", default="article_r", choices=["article_r", "article_numpy"],
                   help="how initial weights are drawn, as init_params draws them (default article_r)")
    p.add_argument("--no-bias", action="store_true", help="a network without biases")
    p.add_argument("--scale", action="store_true",
                   help="scale each input column to [0, 1] (min-max); the model file keeps the minima and "
                   "maxima, and predict applies them")
    p.add_argument("--verbose", type=int, default=0, metavar="K",
                   help="print the article's error line every K epochs, on standard error (default 0: none)")
    p.add_argument("--progress", action="store_true", help="show a progress bar on standard error (needs tqdm)")
    p.add_argument("--out", required=True, help="the model file to write, e.g. model.json")
    p.set_defaults(run=cmd_train, flags={
        "hidden": "--hidden", "lr": "--lr", "epochs": "--epochs", "seed": "--seed", "batch_size": "--batch-size",
        "verbose": "--verbose", "scheme": "--scheme", "path": "--out",
    })

    p = sub.add_parser("predict", help="print a saved model's predictions for a CSV file, as CSV",
                       description="Print the predictions of a saved model for the rows of a CSV file with a "
                       "header row, as CSV on standard output. The inputs are read by name when the file has "
                       "the training columns, by position otherwise; a model trained with --scale scales them "
                       "as it was trained.")
    p.add_argument("model", help="a model file from `nnscratch train` or save_model (R or Python)")
    p.add_argument("data", help="the new data, a CSV file with a header row")
    p.add_argument("--sep", type=separator, default=None, help=sep_help)
    p.add_argument("--type", choices=["class", "raw"], default="class",
                   help="class: the predicted class (default); raw: the network's outputs")
    p.set_defaults(run=cmd_predict, flags={})

    p = sub.add_parser("demo", help="print the article's run, step by step",
                       description="Print the article's run step by step: epoch 1 matrix by matrix, the loss "
                       "every 1000 epochs and the output after 5000. The same text comes from "
                       "nnscratch.demo_article() in Python and from demo_article() in the R package; "
                       "`python -m nnscratch demo` runs this command too.")
    p.set_defaults(run=cmd_demo, flags={})
    return parser


def for_the_command_line(message: str, args: argparse.Namespace) -> str:
    """Rename the Python arguments a message names (`lr`) to the flags that set them (`--lr`), and a
    model file's `path` to the file."""
    flags = dict(getattr(args, "flags", {}))
    if getattr(args, "command", None) == "predict":
        message = message.replace('`path` ("%s")' % args.model, 'the model file "%s"' % args.model)
    for name, flag in flags.items():
        if "`%s`" % name in message:
            # a flag left out is not given, rather than R's NULL
            message = message.replace("`%s`" % name, "`%s`" % flag).replace("must be NULL or ", "must be ")
    return message


def fail(message: str, status: int = 1) -> int:
    sys.stderr.write(f"nnscratch: error: {message}\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (sys.argv[1:] by default); return the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except CommandLineError as e:
        return fail(str(e), 2)
    try:
        text = args.run(args)
    except NnscratchError as e:
        return fail(for_the_command_line(str(e), args))
    except OSError as e:
        return fail(f'"{e.filename}": {e.strerror or e}.' if e.filename else str(e))
    except KeyboardInterrupt:
        return fail("interrupted.", 130)
    except Exception as e:  # noqa: BLE001 - the command line prints one line, never a traceback
        return fail(f"unexpected {type(e).__name__}: {e}. Please report it with the command that caused it.")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `nnscratch predict ... | head`: the reader left, which is not an
        # error; stdout goes to devnull so that Python's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
