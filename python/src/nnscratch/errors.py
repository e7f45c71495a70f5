"""The one vocabulary of errors: the error class, and how a value is shown in a message. Twin of R/errors.R.

Every message that refuses an argument is built here, so that the same bad
value gives the same words in both languages; the parity suite checks that,
value by value. The checks themselves are in validate.py.
"""

from __future__ import annotations

import inspect
import numbers
from typing import Any, NoReturn, Optional

import numpy as np


class NnscratchError(ValueError):
    """Bad input to a public nnscratch function; the message names the argument.

    R raises the same message as a condition of class ``nnscratch_error``.
    Its fields, for programs that report errors in their own words (the
    command line names its flags with them):

    * ``arg``, the argument the message is about (e.g. "lr"), or None;
    * ``expected`` and ``given``, for a value outside its rule: what it must
      be ("a positive number") and how the value given is shown ("-1"), so
      that the message is "`lr` must be a positive number, not -1."; None
      for other messages;
    * ``subject``, the words that name the argument where the message
      starts ("`lr`", or "`path` (\"m.json\")" for a file).
    """

    def __init__(self, message: str, arg: Optional[str] = None, expected: Optional[str] = None,
                 given: Optional[str] = None, subject: Optional[str] = None) -> None:
        super().__init__(message)
        self.arg = arg
        self.expected = expected
        self.given = given
        self.subject = quote_arg(arg) if subject is None and arg is not None else subject

    def about(self, name: str) -> str:
        """Return the message with the argument called `name` instead (the command line's flag or file)."""
        if self.arg is None or self.subject is None:
            return str(self)
        if self.expected is not None:
            return "%s must be %s, not %s." % (name, self.expected, self.given)
        text = str(self)
        return name + text[len(self.subject):] if text.startswith(self.subject) else text


def abort(msg: str, *args: Any, arg: Optional[str] = None) -> NoReturn:
    """Raise an NnscratchError with the message msg % args, about the argument `arg`."""
    raise NnscratchError(msg % args, arg=arg)


def must(arg: str, expected: str, x: Any) -> NoReturn:
    """Raise the error of a value outside its rule: "`arg` must be <expected>, not <x described>."."""
    given = describe(x)
    raise NnscratchError("%s must be %s, not %s." % (quote_arg(arg), expected, given), arg=arg, expected=expected,
                         given=given)


def one_of(names: Any) -> str:
    """Return names as messages list them: '"a"', '"a" or "b"', '"a", "b" or "c"'."""
    quoted = ['"%s"' % n for n in names]
    return quoted[0] if len(quoted) == 1 else "%s or %s" % (", ".join(quoted[:-1]), quoted[-1])


# The largest whole number an argument that counts something may take: R's
# largest integer, so that both languages have the same bounds.
MAX_COUNT = 2147483647

# How a value is shown in a message. R/errors.R's describe() gives the same
# text for the same kind of value, and the parity suite checks that, value by
# value. The kinds, in the order they are tried:
#
#   value (R)                   value (Python)                       text
#   NULL                        None                                 NULL
#   a function                  a function or method                 a function
#   a data frame                a pandas DataFrame                   a data frame with a text column `b` (its
#                                                                      first column that is not numeric), or
#                                                                      a 3 x 2 data frame of numbers
#   a factor                    a pandas Categorical, or a Series    a factor of length 3
#                                 of dtype category
#   a list                      a list, tuple or dict                a list of length 1
#   a matrix (2 dimensions)     a 2-d array                          a 3 x 4 matrix of strings
#   an array of 3 or more       an array of 3 or more dimensions     a 2 x 3 x 4 array of numbers
#     dimensions
#   NA of any type              pandas.NA                            NA
#   TRUE or FALSE               a bool                               TRUE, FALSE
#   one number (a vector or a   an int, a float, a numpy number,     C's "%.15g": 0.1, 1e+20, -0, and NaN,
#     1-d array of length 1)      a 0-d or 1-d array of one number     Inf, -Inf
#   one string                  a str (or an array of one)           "abc", in double quotes
#   one complex number          a complex (or an array of one)       a complex number
#   a vector of another length  a 1-d array or a Series              a numeric vector of length 4
#   anything else               anything else                        an object of class `date`
#
# The type of the elements is said with one word per kind: numeric
# (integer or double), logical, text (character, str), complex, factor
# (a data frame's column only); the elements of a matrix or an array are
# numbers, logical values, strings, complex numbers, or values (a list
# matrix in R, a numpy array of mixed Python objects). A 1-d R array is a
# vector, and of length 1 a number, as a 1-d numpy array is. A numpy array of
# Python objects takes the kind its elements share (all str: text), and is
# a list when they share none.
def describe(x: Any) -> str:
    """Return how `x` is shown in a message, as R's describe() shows its twin (see the table above)."""
    if x is None:
        return "NULL"
    if inspect.isroutine(x):
        return "a function"
    if is_pandas(x) and type(x).__name__ == "DataFrame":
        return describe_data_frame(x)
    if is_factor(x):
        return "a factor of length %d" % len(x)
    if isinstance(x, (list, tuple, dict)):
        return "a list of length %d" % len(x)
    if is_pandas(x) and type(x).__name__ == "Series":
        x = series_values(x)
    if isinstance(x, np.ndarray):
        if x.ndim == 0 or (x.ndim == 1 and x.size == 1 and x.dtype.kind != "O"):
            return describe(x.reshape(()).item())
        kind = value_kind(x)
        if x.ndim >= 2:
            return "a %s %s of %s" % (
                " x ".join(str(d) for d in x.shape), "matrix" if x.ndim == 2 else "array", ELEMENT_NOUNS[kind]
            )
        if kind == "values":
            return "a list of length %d" % len(x)
        return "a %s vector of length %d" % (kind, len(x))
    if type(x).__name__ == "NAType":
        return "NA"
    if isinstance(x, (bool, np.bool_)):
        return "TRUE" if x else "FALSE"
    if isinstance(x, numbers.Real):
        return format_number(x)
    if isinstance(x, str):
        return '"%s"' % x
    if isinstance(x, numbers.Complex):
        return "a complex number"
    return "an object of class `%s`" % type(x).__name__


def describe_setting(x: Any) -> str:
    """Return how a message shows a setting's value: a list of one value per layer as R shows its vector."""
    return describe(np.asarray(x) if isinstance(x, list) else x)


def label_text(label: Any) -> str:
    """Return a class label as R's as.character() writes it: TRUE and FALSE for booleans."""
    if isinstance(label, (bool, np.bool_)):
        return "TRUE" if label else "FALSE"
    return str(label)


def format_number(x: Any) -> str:
    """Format a number as R's sprintf("%.15g") does, NaN and the infinities included."""
    v = to_float(x)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return format(v, ".15g")


def to_float(x: Any) -> float:
    """Return a real number as a float; an int beyond the doubles becomes inf, as R reads it."""
    try:
        return float(x)
    except OverflowError:
        return float("inf") if x > 0 else float("-inf")


def value_kind(a: np.ndarray) -> str:
    """Return the kind of the elements of an array, as the table above names it."""
    k = a.dtype.kind
    if k == "b":
        return "logical"
    if k in "iuf":
        return "numeric"
    if k == "c":
        return "complex"
    if k in "US":
        return "text"
    items = a.ravel().tolist()
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        return "logical"
    if items and all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in items):
        return "numeric"
    if items and all(isinstance(v, str) for v in items):
        return "text"
    if items and all(isinstance(v, numbers.Complex) for v in items):
        return "complex"
    return "values"


ELEMENT_NOUNS = {
    "numeric": "numbers", "logical": "logical values", "text": "strings",
    "complex": "complex numbers", "values": "values",
}


def describe_data_frame(x: Any) -> str:
    for name in x.columns:
        column = x[name]
        kind = "factor" if is_factor(column) else value_kind(series_values(column))
        if kind != "numeric":
            if kind == "values":
                kind = str(column.dtype)
            return "a data frame with a %s column `%s`" % (kind, name)
    return "a %d x %d data frame of numbers" % x.shape


def is_pandas(x: Any) -> bool:
    """Whether `x` is a pandas object; pandas itself is never imported for this."""
    return type(x).__module__.split(".")[0] == "pandas"


def is_factor(x: Any) -> bool:
    """Whether `x` is R's factor in pandas: a Categorical, or a Series of dtype category."""
    return is_pandas(x) and (type(x).__name__ == "Categorical" or str(getattr(x, "dtype", "")) == "category")


def series_values(s: Any) -> np.ndarray:
    """Return the values of a pandas Series as numpy holds them: nullable numbers as floats, else objects."""
    try:
        return np.asarray(s.to_numpy())
    except (TypeError, ValueError):
        return np.asarray(list(s), dtype=object)


def quote_arg(arg: str) -> str:
    """Return the name of an argument as messages show it, in backticks; an element such as `wh` in `params` comes quoted."""
    return arg if "`" in arg else "`%s`" % arg


def element_arg(name: str, arg: str) -> str:
    """Return how messages name an element of a list argument, the same in both languages: "`wh` in `params`"."""
    return "`%s` in `%s`" % (name, arg)


def scalar(x: Any) -> Any:
    """Return the one element of a 0-d or 1-d array of length 1 (R's vector of length 1), `x` itself otherwise."""
    return x.reshape(()).item() if isinstance(x, np.ndarray) and x.ndim <= 1 and x.size == 1 else x


def is_number(x: Any) -> bool:
    """Whether `x` is one number: not a bool, not NaN; a 0-d or 1-d array of one number is one, a (1, 1) array is not, as in R."""
    x = scalar(x)
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)) and not np.isnan(to_float(x))


def is_whole(x: Any) -> bool:
    x = scalar(x)
    return is_number(x) and bool(np.isfinite(to_float(x))) and to_float(x) == round(to_float(x))


