# The one vocabulary of errors: the error condition, and how a value is
# shown in a message. Twin of python/src/nnscratch/errors.py.
#
# Every message that refuses an argument is built here, so that the same bad
# value gives the same words in both languages; the parity suite checks that,
# value by value. The checks themselves are in R/validate.R.

# Signal an error of class `nnscratch_error` with the message
# sprintf(fmt, ...), about the argument `arg`. Python raises the same message
# as an NnscratchError. Its fields, for programs that report errors in their
# own words:
# - `arg`, the argument the message is about (e.g. "lr"), or NULL;
# - `expected` and `given`, for a value outside its rule (see must()): what
#   it must be ("a positive number") and how the value given is shown ("-1");
#   NULL for other messages;
# - `subject`, the words that name the argument where the message starts
#   ("`lr`", or "`path` (\"m.json\")" for a file).
abort <- function(fmt, ..., arg = NULL) {
  signal_error(sprintf(fmt, ...), arg)
}

signal_error <- function(message, arg = NULL, expected = NULL, given = NULL, subject = NULL) {
  if (is.null(subject) && !is.null(arg)) subject <- quote_arg(arg)
  stop(structure(
    class = c("nnscratch_error", "error", "condition"),
    list(message = message, call = NULL, arg = arg, expected = expected, given = given, subject = subject)
  ))
}

# The error of a value outside its rule: "`arg` must be <expected>, not <x
# described>.".
must <- function(arg, expected, x) {
  given <- describe(x)
  signal_error(sprintf("%s must be %s, not %s.", quote_arg(arg), expected, given), arg, expected, given)
}

# Names as messages list them: '"a"', '"a" or "b"', '"a", "b" or "c"'.
one_of <- function(names) {
  quoted <- sprintf("\"%s\"", names)
  n <- length(quoted)
  if (n == 1) quoted else sprintf("%s or %s", paste(quoted[-n], collapse = ", "), quoted[n])
}

# The largest whole number an argument that counts something may take:
# R's largest integer, so that as.integer() never overflows to NA and both
# languages have the same bounds.
max_count <- 2147483647

# How a value is shown in a message. errors.py's describe() gives the same
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
#   anything else               anything else                        an object of class `Date`
#
# The type of the elements is said with one word per kind: numeric
# (integer or double), logical, text (character, str), complex, factor
# (a data frame's column only); the elements of a matrix or an array are
# numbers, logical values, strings, complex numbers, or values (a list
# matrix in R, a numpy array of mixed Python objects). A 1-d R array is a
# vector, and of length 1 a number, as a 1-d numpy array is. A numpy array of
# Python objects takes the kind its elements share (all str: text), and is
# a list when they share none.
describe <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.function(x)) return("a function")
  if (is.data.frame(x)) return(describe_data_frame(x))
  if (is.factor(x)) return(sprintf("a factor of length %d", length(x)))
  kind <- value_kind(x)
  if (is.list(x) && is.null(dim(x))) return(sprintf("a list of length %d", length(x)))
  if (is.null(kind) || (!is.null(oldClass(x)) && !is.list(x))) {
    return(sprintf("an object of class `%s`", class(x)[1]))
  }
  d <- dim(x)
  if (length(d) >= 2) {
    return(sprintf(
      "a %s %s of %s", paste(d, collapse = " x "), if (length(d) == 2) "matrix" else "array",
      element_nouns[[kind]]
    ))
  }
  if (length(x) == 1 && length(d) <= 1) {
    if (is.na(x) && !is.nan(x)) return("NA")
    return(switch(kind,
      logical = if (x) "TRUE" else "FALSE",
      numeric = format_number(x),
      text = sprintf("\"%s\"", x),
      complex = "a complex number"
    ))
  }
  sprintf("a %s vector of length %d", kind, length(x))
}

# A class label as messages write it: TRUE and FALSE for logical labels, as
# as.character() writes them (Python writes its booleans the same way).
label_text <- function(label) {
  as.character(label)
}

# A number as C's "%.15g" writes it, NaN and the infinities included.
format_number <- function(x) {
  sprintf("%.15g", as.double(x))
}

# The kind of the elements of an atomic vector, matrix or list, as the
# table above names it; NULL for types that have none (raw, environment, ...).
value_kind <- function(x) {
  switch(typeof(x),
    double = , integer = "numeric", logical = "logical", character = "text",
    complex = "complex", list = "values", NULL
  )
}

element_nouns <- list(
  numeric = "numbers", logical = "logical values", text = "strings",
  complex = "complex numbers", values = "values"
)

describe_data_frame <- function(x) {
  numeric <- vapply(x, is.numeric, logical(1))
  if (all(numeric)) {
    return(sprintf("a %d x %d data frame of numbers", nrow(x), ncol(x)))
  }
  j <- which(!numeric)[1]
  column <- x[[j]]
  kind <- if (is.factor(column)) "factor" else if (is.null(oldClass(column))) value_kind(column)
  if (is.null(kind) || kind == "values") kind <- class(column)[1]
  sprintf("a data frame with a %s column `%s`", kind, names(x)[j])
}

# The name of an argument as messages show it, in backticks; an element of
# an argument, such as `wh` in `params`, comes already quoted.
quote_arg <- function(arg) {
  if (grepl("`", arg, fixed = TRUE)) arg else sprintf("`%s`", arg)
}

# How messages name an element of a list argument, the same in both
# languages: "`wh` in `params`".
element_arg <- function(name, arg) {
  sprintf("`%s` in `%s`", name, arg)
}

# One number: a vector (or a 1-d array) of length 1, as Python's number or
# 0-d or 1-d array of one element; not a 1 x 1 matrix, in both languages.
is_number <- function(x) {
  is.numeric(x) && length(x) == 1 && length(dim(x)) <= 1 && !is.object(x) && !is.na(x)
}

is_whole <- function(x) {
  is_number(x) && is.finite(x) && x == round(x)
}
