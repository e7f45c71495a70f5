"""The command line: ``nnscratch train``, ``nnscratch predict``, ``nnscratch demo`` and ``nnscratch export``.

It reads CSV files with a header row using the standard library and numpy
only. Models are written and read with `save_model` and `load_model`, so a
model trained here loads in R with ``load_model()``, and the other way round.
``train`` has a flag for every setting of the estimators, made from the
parameter table (params.py): its name with dashes, its help and its
default.

Errors: every error is one line on standard error, ``nnscratch: error:
...``, and a non-zero exit status (1; 2 for a malformed command line),
never a traceback. Messages name the flag (`--lr`) or the file, not the
Python argument behind it: an error carries its argument (`arg`), and the
message is made again about the flag. Warnings are one line each,
``nnscratch: warning: ...``. Standard output is written only once a
command has succeeded, so a failing ``predict`` never leaves half a CSV
behind; `--verbose` and `--progress` report on standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

import numpy as np

from .demo import demo_article
from .errors import NnscratchError, abort
from .mlp import Classifying, Estimator, MLPClassifier, MLPRegressor
from .model_file import load_model, save_model
from .params import AUTO, PARAMS, Param
from .peers import save_onnx
from .printing import architecture

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
    # A numeric target column is a regression's, unless --task says classes;
    # any other column is class labels, as a factor in R.
    classes = args.task == "classification" or (args.task == AUTO and not is_numeric(target))
    if classes:
        y: np.ndarray = np.asarray(target)
        if len(set(target)) < 2:
            abort('column `%s` of "%s" must hold at least two classes, not 1 ("%s").', args.target, args.data, target[0])
        model: Estimator = MLPClassifier(**settings_of(args))
    else:
        if args.task == "regression" and not is_numeric(target):
            abort('column `%s` of "%s" must be numeric for a regression.', args.target, args.data)
        y = as_numbers(target, args.target, args.data, lines)
        model = MLPRegressor(**settings_of(args))
    # train() prints its --verbose lines to standard output; here they are a
    # log, so they go to standard error and standard output keeps the result.
    with contextlib.redirect_stdout(sys.stderr):
        model.fit(X, y, feature_names=features)
    try:
        save_model(model, args.out)
    except OSError as e:
        # The file named is the target, not the temporary file beside it.
        abort('`--out` ("%s") cannot be written: %s.', args.out, e.strerror or e)
    return (f"a {architecture(model)} network trained for {model.n_epochs_} epochs; "
            f"final loss {model.loss_curve_[-1]:.6g}; saved to {args.out}\n")


def settings_of(args: argparse.Namespace) -> dict:
    """The estimator's settings given on the command line; the others keep the table's defaults. A flag not given
    leaves no attribute (argparse.SUPPRESS), so that a value of none (NULL) counts as given."""
    return {p.name: getattr(args, p.name) for p in PARAMS if p.flag is not None and hasattr(args, p.name)}


def read_model_file(path: str) -> Any:
    """Return the model saved in `path`; a missing, unreadable or refused file is an error that names it."""
    if not os.path.isfile(path):
        abort('the model file "%s" must be an existing file.', path)
    try:
        return load_model(path)
    except OSError as e:
        abort('the model file "%s" cannot be read: %s.', path, e.strerror or e)
    except NnscratchError as e:
        raise NnscratchError(e.about('the model file "%s"' % path)) from None


def cmd_predict(args: argparse.Namespace) -> str:
    model = read_model_file(args.model)
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
    kind = args.type or ("raw" if model.is_regression() else "class")
    if kind == "class":
        if model.is_regression():
            abort("`--type` must be raw for a regression, whose predictions are numbers, not class.")
        writer.writerow(["class"])
        writer.writerows([c] for c in np.asarray(model.predict(X)).tolist())
        return out.getvalue()
    if kind == "prob":
        if not isinstance(model, Classifying):
            abort("`--type` must be raw for a regression, whose predictions are numbers, not prob.")
        output = model.predict_proba(X)
        names = [str(c) for c in model.classes_] if model.classes_ is not None else \
            ["p%d" % (k + 1) for k in range(output.shape[1])]
    else:
        output = model.predict_raw(X)
        classes = model.classes_
        names = [str(c) for c in classes] if classes is not None and len(classes) == output.shape[1] else \
            [f"o{k + 1}" for k in range(output.shape[1])]
    writer.writerow(names)
    # repr is the shortest text that reads back to the same double.
    writer.writerows([repr(float(v)) for v in row] for row in output)
    return out.getvalue()


def cmd_demo(args: argparse.Namespace) -> str:
    out = io.StringIO()
    demo_article(out)
    return out.getvalue()


def cmd_steps(args: argparse.Namespace) -> str:
    from .export_steps import export_steps
    from .scenario import load_scenario

    s = load_scenario(args.scenario)
    export_steps(s["init"], s["X"], s["y"], s["lr"], args.out, epochs=args.epochs, activation=s["activation"],
                 output_activation=s["output_activation"], loss=s["loss"], decay=s["decay"])
    return "Steps 0-11 of %d epoch(s) of the %s scenario, each cell a formula, written to %s\n" % (
        args.epochs, args.scenario, args.out)


def cmd_export(args: argparse.Namespace) -> str:
    model = read_model_file(args.model)
    try:
        save_onnx(model, args.out, float64=args.float64)
    except ImportError:
        abort("exporting to ONNX needs the onnx package: pip install 'nnscratch[onnx]'.")
    except NnscratchError as e:
        raise NnscratchError(e.about('the ONNX file "%s"' % args.out)) from None
    return "a %s network saved to %s as ONNX (%s)\n" % (architecture(model), args.out,
                                                       "float64" if args.float64 else "float32")


def listed(convert: Any, what: str) -> Any:
    """A flag's reader of one value, or several separated by commas (one per hidden layer)."""
    def read(text: str) -> Any:
        try:
            values = [convert(v) for v in text.split(",")]
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid value: '{text}' ({what}, or several separated by commas)") \
                from None
        return values[0] if len(values) == 1 else values
    return read


def optional_int(text: str) -> Any:
    """A whole number, or none (NULL)."""
    if text.lower() in ("none", "null"):
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value: '{text}' (a whole number, or none)") from None


def batch_size(text: str) -> Any:
    """--batch-size: a whole number, auto (min(200, n)) or full (all the samples)."""
    if text in (AUTO, "full"):
        return text if text == AUTO else None
    return optional_int(text)


# How each kind of flag of the table reads its text: the argparse type and metavar.
FLAG_READERS = {
    "int": (optional_int, "K"),
    "float": (float, "X"),
    "floats": (listed(float, "a number"), "X[,X...]"),
    "sizes": (listed(int, "a whole number"), "N[,N...]"),
    "names": (listed(str, "a name"), "NAME[,NAME...]"),
    "batch": (batch_size, "K|auto|full"),
}


def add_setting(p: argparse.ArgumentParser, param: Param) -> None:
    """Add the flag of one setting of the table: its name with dashes, its help and default."""
    flag = "--" + param.name.replace("_", "-")
    default = param.default
    shown = "none" if default is None else ",".join(map(str, default)) if isinstance(default, list) else default
    help_text = "%s (default: %s)" % (param.help, str(shown).lower() if isinstance(shown, bool) else shown)
    if param.flag == "switch":
        # a setting that is on by default is turned off by --no-<name>
        if default:
            p.add_argument("--no-" + param.name.replace("_", "-"), dest=param.name, action="store_false",
                           default=argparse.SUPPRESS, help="not: " + help_text)
        else:
            p.add_argument(flag, dest=param.name, action="store_true", default=argparse.SUPPRESS, help=help_text)
    elif param.flag == "text":
        names = param.rule.names()  # type: ignore[attr-defined]
        if param.rule.auto:  # type: ignore[attr-defined]
            names = [*names, AUTO]
        p.add_argument(flag, dest=param.name, choices=names, default=argparse.SUPPRESS, help=help_text)
    else:
        kind, metavar = FLAG_READERS[param.flag]  # type: ignore[index]
        p.add_argument(flag, dest=param.name, type=kind, metavar=metavar, default=argparse.SUPPRESS, help=help_text)


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
    sub = parser.add_subparsers(dest="command", metavar="{train,predict,demo,steps,export}", parser_class=Parser)
    sub.required = True
    sep_help = "the field separator of the CSV file; by default the one of , ; or tab its header holds most often"

    p = sub.add_parser("train", help="train a network on a CSV file and save it as JSON",
                       description="Train a network on a CSV file with a header row and save it as a JSON model "
                       "file (readable by load_model in R and Python). Every column but the target is an input "
                       "and must be numeric. A numeric target is a regression's (MLPRegressor), any other target "
                       "class labels (MLPClassifier), unless --task says otherwise. No cell may be empty. Every "
                       "setting of the estimators has a flag; those not given keep the estimators' defaults.")
    p.add_argument("data", help="the training data, a CSV file with a header row")
    p.add_argument("--target", required=True, help="the name of the target column")
    p.add_argument("--task", choices=[AUTO, "classification", "regression"], default=AUTO,
                   help="auto: a numeric target is a regression, any other classes (default: auto)")
    p.add_argument("--sep", type=separator, default=None, help=sep_help)
    p.add_argument("--out", required=True, help="the model file to write, e.g. model.json")
    settings = p.add_argument_group("settings", "the estimators' settings, as in MLPClassifier and R's mlp()")
    for param in PARAMS:
        if param.flag is not None:
            add_setting(settings, param)  # type: ignore[arg-type]
    p.set_defaults(run=cmd_train)

    p = sub.add_parser("predict", help="print a saved model's predictions for a CSV file, as CSV",
                       description="Print the predictions of a saved model for the rows of a CSV file with a "
                       "header row, as CSV on standard output. The inputs are read by name when the file has "
                       "the training columns, by position otherwise; a model trained with --scale scales them "
                       "as it was trained.")
    p.add_argument("model", help="a model file from `nnscratch train` or save_model (R or Python)")
    p.add_argument("data", help="the new data, a CSV file with a header row")
    p.add_argument("--sep", type=separator, default=None, help=sep_help)
    p.add_argument("--type", choices=["class", "prob", "raw"], default=None,
                   help="class: the predicted class; prob: each class's probability; raw: the network's outputs, "
                   "a regression's predictions (default: class for classes, raw for a regression)")
    p.set_defaults(run=cmd_predict)

    p = sub.add_parser("demo", help="print the article's run, step by step",
                       description="Print the article's run step by step: epoch 1 matrix by matrix, the loss "
                       "every 1000 epochs and the output after 5000. The same text comes from "
                       "nnscratch.demo_article() in Python and from demo_article() in the R package; "
                       "`python -m nnscratch demo` runs this command too.")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("steps", help="write a scenario's epochs as a workbook of formulas, Steps 0-11",
                       description="Write the article's Steps 0-11 for a shared scenario (its data, initial weights "
                       "and settings) as an .xlsx workbook, one sheet per epoch, every cell of Steps 2-11 a formula "
                       "over the blocks above it; see export_steps. Needs XlsxWriter (pip install 'nnscratch[xlsx]').")
    p.add_argument("--scenario", default="article",
                   help="a shared scenario, such as article or article_nobias (default article)")
    p.add_argument("--epochs", type=int, default=1, help="the number of epochs, one sheet each (default 1)")
    p.add_argument("--out", required=True, help="the workbook to write, e.g. steps.xlsx")
    p.set_defaults(run=cmd_steps, aliases={"name": "`--scenario`", "path": "`--out`"})

    p = sub.add_parser("export", help="write a saved model as an ONNX graph",
                       description="Write a model file (from `nnscratch train` or save_model, in R or Python) as an "
                       "ONNX graph whose output is the model's raw outputs, for onnxruntime and the tools that read "
                       "ONNX. Needs the onnx package (pip install 'nnscratch[onnx]').")
    p.add_argument("model", help="a model file from `nnscratch train` or save_model (R or Python)")
    p.add_argument("out", help="the ONNX file to write, e.g. model.onnx")
    p.add_argument("--float64", action="store_true", help="write float64 numbers instead of float32")
    p.set_defaults(run=cmd_export)
    return parser


def for_the_command_line(e: NnscratchError, args: argparse.Namespace) -> str:
    """Return an error's message about the flag (`--lr`) or the file that set its argument (see `NnscratchError.arg`)."""
    aliases = getattr(args, "aliases", {})
    if e.arg in aliases:
        return e.about(aliases[e.arg])
    if e.arg == "path" and getattr(args, "command", None) == "predict":
        return e.about('the model file "%s"' % args.model)
    if e.arg == "path":
        return e.about('`--out` ("%s")' % args.out)
    if e.arg is not None and hasattr(args, e.arg):
        return e.about("`--%s`" % e.arg.replace("_", "-"))
    return str(e)


def warned(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    """Print a warning as one line on standard error, without the package's file and line."""
    sys.stderr.write("nnscratch: warning: %s\n" % message)


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
        with warnings.catch_warnings():
            warnings.showwarning = warned
            text = args.run(args)
    except NnscratchError as e:
        return fail(for_the_command_line(e, args))
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
