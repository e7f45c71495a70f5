# export_steps(): the workbook's formulas, recomputed here, give
# train_step()'s numbers. Twin of python/tests/test_export_steps.py, which
# recomputes with the formulas package; here a small evaluator of the
# formulas the workbooks hold, written for these tests, does it.

# The article's scenario written by export_steps() for `epochs` epochs, read
# back by read_workbook().
article_book <- function(epochs = 1) {
  s <- load_scenario("article")
  path <- tempfile(fileext = ".xlsx")
  on.exit(unlink(path))
  export_steps(s$init, s$X, s$y, s$lr, path, epochs = epochs)
  read_workbook(path)
}

# A workbook as base R reads it: its sheets' cells (sheet, ref, row, col,
# formula, value, text, fill) and its defined names. The files are
# export_steps()'s own, so one regular expression per element is enough.
read_workbook <- function(path) {
  dir <- tempfile()
  utils::unzip(path, exdir = dir)
  on.exit(unlink(dir, recursive = TRUE))
  read <- function(f) paste(readLines(file.path(dir, f), warn = FALSE, encoding = "UTF-8"), collapse = "\n")
  find <- function(x, pattern) regmatches(x, gregexpr(pattern, x, perl = TRUE))[[1]]
  field <- function(x, pattern) ifelse(grepl(pattern, x, perl = TRUE), sub(paste0(".*?", pattern, ".*"), "\\1", x, perl = TRUE), NA)
  unescape <- function(x) {
    for (e in list(c("&lt;", "<"), c("&gt;", ">"), c("&quot;", "\""), c("&apos;", "'"), c("&amp;", "&"))) {
      x <- gsub(e[1], e[2], x, fixed = TRUE)
    }
    x
  }
  book <- read("xl/workbook.xml")
  sheets <- unescape(field(find(book, "<sheet [^>]*>"), 'name="([^"]+)"'))
  defined <- find(book, "<definedName [^>]*>[^<]*</definedName>")
  names <- data.frame(
    name = field(defined, 'name="([^"]+)"'),
    sheet = sheets[as.integer(field(defined, 'localSheetId="([0-9]+)"')) + 1],
    ref = unescape(field(defined, ">([^<]*)</definedName>")),
    stringsAsFactors = FALSE
  )
  strings <- unescape(gsub("<[^>]+>", "", find(read("xl/sharedStrings.xml"), "<si>.*?</si>")))
  styles <- read("xl/styles.xml")
  fills <- field(find(find(styles, "<fills.*?</fills>"), "<fill>.*?</fill>|<fill/>"), '<fgColor rgb="([^"]+)"')
  xfs <- as.integer(field(find(find(styles, "<cellXfs.*?</cellXfs>"), "<xf [^>]*>"), 'fillId="([0-9]+)"'))
  cells <- do.call(rbind, lapply(seq_along(sheets), function(s) {
    c <- find(read(sprintf("xl/worksheets/sheet%d.xml", s)), "<c [^>]*?(/>|>.*?</c>)")
    ref <- field(c, 'r="([A-Z]+[0-9]+)"')
    type <- field(c, 't="([a-zA-Z]+)"')
    v <- field(c, "<v>([^<]*)</v>")
    style <- as.integer(field(c, 's="([0-9]+)"'))
    text <- rep(NA_character_, length(c))
    text[type %in% "s"] <- strings[as.integer(v[type %in% "s"]) + 1]
    text[type %in% "inlineStr"] <- unescape(field(c[type %in% "inlineStr"], "<t[^>]*>([^<]*)</t>"))
    data.frame(
      sheet = sheets[s], ref = ref, row = as.integer(sub("[A-Z]+", "", ref)), col = column_number(sub("[0-9]+", "", ref)),
      formula = unescape(field(c, "<f>([^<]*)</f>")),
      value = ifelse(type %in% c("s", "inlineStr", "str"), NA, suppressWarnings(as.numeric(v))),
      text = text,
      fill = ifelse(is.na(style), NA, fills[xfs[style + 1] + 1]),
      stringsAsFactors = FALSE
    )
  }))
  list(sheets = sheets, names = names, cells = cells, xml = book)
}

column_number <- function(letters) {
  vapply(strsplit(letters, ""), function(l) sum((match(l, LETTERS)) * 26^rev(seq_along(l) - 1)), numeric(1))
}

# Each named range of a sheet as a matrix of its cells' refs, by name.
named_blocks <- function(book, sheet) {
  names <- book$names[book$names$sheet == sheet, ]
  stats::setNames(lapply(names$ref, function(ref) {
    corners <- strsplit(sub(".*!", "", gsub("$", "", ref, fixed = TRUE)), ":")[[1]]
    rows <- as.integer(sub("[A-Z]+", "", corners[1])):as.integer(sub("[A-Z]+", "", corners[2]))
    cols <- column_number(sub("[0-9]+", "", corners[1])):column_number(sub("[0-9]+", "", corners[2]))
    outer(rows, cols, function(r, c) paste0(LETTERS[c], r))
  }), names$name)
}

# Every formula cell's value, computed from the numbers: MMULT, SUMPRODUCT,
# SUM, EXP, TANH, MAX, IF, ROWS and arithmetic become their R functions, and
# a reference ('epoch 1'!B5, B5:E5) the value of its cells. Returns a
# function of (sheet, ref).
recompute <- function(book) {
  keys <- paste(book$cells$sheet, book$cells$ref)
  formulas <- stats::setNames(book$cells$formula, keys)
  numbers <- stats::setNames(book$cells$value, keys)
  cache <- new.env()
  value_of <- function(sheet, ref) {
    key <- paste(sheet, ref)
    if (is.null(cache[[key]])) {
      formula <- formulas[[key]]
      assign(key, if (is.na(formula)) numbers[[key]] else evaluate(formula, sheet), envir = cache)
    }
    cache[[key]]
  }
  evaluate <- function(formula, sheet) {
    code <- gsub(
      "(?:'([^']+)'!)?\\$?([A-Z]+)\\$?([0-9]+)(?::\\$?([A-Z]+)\\$?([0-9]+))?",
      "cells_of('\\1', '\\2\\3', '\\4\\5')", formula, perl = TRUE
    )
    functions <- c(MMULT = "mmult", SUMPRODUCT = "sumproduct", SUM = "sum", EXP = "exp", TANH = "tanh", MAX = "max",
                   IF = "ifelse", ROWS = "nrow")
    for (f in names(functions)) {
      code <- gsub(sprintf("\\b%s\\(", f), paste0(functions[[f]], "("), code, perl = TRUE)
    }
    env <- list(
      cells_of = function(other, from, to) {
        at <- if (nzchar(other)) other else sheet
        if (!nzchar(to)) return(value_of(at, from))
        rows <- as.integer(sub("[A-Z]+", "", from)):as.integer(sub("[A-Z]+", "", to))
        cols <- column_number(sub("[0-9]+", "", from)):column_number(sub("[0-9]+", "", to))
        matrix(vapply(as.vector(outer(rows, cols, function(r, c) paste0(LETTERS[c], r))), function(r) value_of(at, r), numeric(1)),
               length(rows))
      },
      mmult = function(a, b) a %*% b,
      sumproduct = function(...) sum(Reduce(`*`, list(...)))
    )
    as.numeric(eval(parse(text = code), env, baseenv()))[1]
  }
  value_of
}

values_of <- function(refs, value_of, sheet) {
  matrix(vapply(refs, function(r) value_of(sheet, r), numeric(1)), nrow(refs))
}

# train_step()'s matrices under the workbook's names, found here from the
# step's own lists.
expected_blocks <- function(step, X, y, lr, layers, article) {
  if (article) {
    weights <- c("wh", "bh", "wout", "bout")
    named <- step[setdiff(names(step), weights)]
    named[paste0(weights, "_new")] <- step[weights]
    named <- c(named, as_article(layers))
  } else {
    named <- list()
    for (k in seq_along(layers)) {
      named[[paste0("W_", k)]] <- layers[[k]]$W
      named[paste0(c("z_", "a_", "err_", "slope_", "delta_", "W_"), k, c("", "", "", "", "", "_new"))] <- list(
        step$z[[k]], step$a[[k + 1]], step$err[[k]], step$slope[[k]], step$delta[[k]], step$layers[[k]]$W
      )
      if (!is.null(layers[[k]]$b)) {
        named[paste0("b_", k, c("", "_new"))] <- list(layers[[k]]$b, step$layers[[k]]$b)
      }
    }
  }
  c(Filter(Negate(is.null), named), list(X = X, y = y, lr = matrix(lr)))
}

networks <- list(
  article = function() {
    s <- load_scenario("article")
    list(params = s$init, X = s$X, y = s$y, lr = s$lr)
  },
  article_nobias = function() {
    s <- load_scenario("article_nobias")
    list(params = s$init, X = s$X, y = s$y, lr = s$lr)
  },
  deep_tanh_softmax = function() {
    s <- load_scenario("blobs")
    list(params = init_params(2, c(3, 2), 3, seed = 4), X = s$X[1:4, ], y = s$y[1:4, ], lr = 0.1,
         activation = "tanh", output_activation = "softmax", loss = "log_loss")
  },
  # the other rules: relu, an identity output, half_mse and decay
  relu_identity_mse_decay = function() {
    list(params = init_params(3, c(3, 2), 2, seed = 7), X = rbind(c(0.5, -1, 2), c(1.5, 0.25, -0.5), c(0, 1, 1)),
         y = rbind(c(1.5, -2), c(0.5, 3), c(-1, 0)), lr = 0.05, activation = c("relu", "sigmoid"),
         output_activation = "identity", loss = "half_mse", decay = 0.01)
  },
  # the article's shape with a softmax output through half_sse: its delta is
  # the Jacobian's
  article_softmax_sse = function() {
    list(params = init_params(4, 3, 2, seed = 3), X = load_scenario("article")$X,
         y = rbind(c(1, 0), c(1, 0), c(0, 1)), lr = 0.1, activation = "tanh", output_activation = "softmax")
  }
)

# The article's Steps 0-11 and the names its code gives them, in its order;
# the weights an epoch ends with carry "_new", since a sheet can hold a name
# once.
article_steps <- data.frame(
  step = c(0, 0, 0, 1, 1, 1, 1, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10, 11, 10, 11),
  name = c(
    "X", "y", "lr", "wh", "bh", "wout", "bout",
    "hidden_layer_input", "hiddenlayer_activations", "output_layer_input", "output", "E",
    "slope_output_layer", "slope_hidden_layer", "d_output", "Error_at_hidden_layer",
    "d_hiddenlayer", "wout_new", "bout_new", "wh_new", "bh_new"
  ),
  stringsAsFactors = FALSE
)

test_that("the formulas recompute train_step's intermediates", {
  skip_if_not_installed("openxlsx")
  for (network in names(networks)) {
    net <- networks[[network]]()
    options <- net[intersect(names(net), c("activation", "output_activation", "loss", "decay"))]
    path <- tempfile(fileext = ".xlsx")
    do.call(export_steps, c(net[c("params", "X", "y", "lr")], list(path = path, epochs = 2), options))
    book <- read_workbook(path)
    value_of <- recompute(book)
    params <- net$params
    for (epoch in 1:2) {
      step <- do.call(train_step, c(list(params, net$X, net$y, net$lr), options))
      expected <- expected_blocks(step, net$X, as.matrix(net$y), net$lr, as_layers(params), !is.null(names(params)))
      if (!is.null(options$decay)) expected$decay <- matrix(options$decay)
      sheet <- sprintf("epoch %d", epoch)
      blocks <- named_blocks(book, sheet)
      expect_setequal(names(blocks), names(expected))
      for (name in names(expected)) {
        expect_equal(values_of(blocks[[name]], value_of, sheet), unname(expected[[name]]), tolerance = 1e-12,
                     label = paste(network, sheet, name))
      }
      params <- if (is.null(step$layers)) step[c("wh", "bh", "wout", "bout")] else step$layers
    }
    unlink(path)
  }
})

test_that("the stored values are the recomputed ones and the workbook recalculates on open", {
  skip_if_not_installed("openxlsx")
  net <- networks$deep_tanh_softmax()
  path <- tempfile(fileext = ".xlsx")
  export_steps(net$params, net$X, net$y, net$lr, path, epochs = 2, activation = "tanh",
               output_activation = "softmax", loss = "log_loss")
  book <- read_workbook(path)
  value_of <- recompute(book)
  formulas <- book$cells[!is.na(book$cells$formula), ]
  expect_gt(nrow(formulas), 100)
  recomputed <- mapply(value_of, formulas$sheet, formulas$ref)
  expect_equal(formulas$value, unname(recomputed), tolerance = 1e-12)
  expect_match(book$xml, "<calcPr[^>]*fullCalcOnLoad=\"1\"")
  unlink(path)
})

test_that("the article workbook holds every step under its article name", {
  skip_if_not_installed("openxlsx")
  book <- article_book()
  expect_identical(book$sheets, "epoch 1")
  blocks <- named_blocks(book, "epoch 1")
  expect_setequal(names(blocks), article_steps$name)
  cells <- book$cells
  titles <- cells$text[cells$col == 1 & grepl("^Step ", cells$text)]
  titles <- titles[order(cells$row[cells$col == 1 & grepl("^Step ", cells$text)])]
  # one titled block per name, in the article's order and under its step
  expect_identical(as.numeric(sub("^Step ([0-9]+):.*", "\\1", titles)), article_steps$step)
  expect_identical(sub("^Step [0-9]+: (\\w+) .*", "\\1", titles), article_steps$name)
  for (name in names(blocks)) {
    is_formula <- !is.na(cells$formula[match(blocks[[name]], cells$ref)])
    # Step 0 and 1 are values; every later cell is a formula
    expect_true(all(is_formula != name %in% c("X", "y", "lr", "wh", "bh", "wout", "bout")), label = name)
  }
  # 114 cells: X 3x4, y 3x1, lr, wh 4x3, bh 1x3, wout 3x1, bout 1x1, then
  # 3x3 (hidden) and 3x1 (output) blocks and the four updated weights
  expect_equal(sum(lengths(blocks)), 12 + 3 + 1 + 19 + 9 + 9 + 3 + 3 + 3 + 3 + 9 + 3 + 9 + 9 + 19)
})

test_that("step 7 follows the article's code and the notes answer its readers", {
  skip_if_not_installed("openxlsx")
  book <- article_book()
  blocks <- named_blocks(book, "epoch 1")
  formulas <- book$cells$formula[match(blocks$d_output, book$cells$ref)]
  # d_output = E * slope_output_layer, with no lr
  expect_identical(formulas, paste0(blocks$E, "*", blocks$slope_output_layer))
  notes <- grep("^Note:", book$cells$text, value = TRUE)
  expect_true(any(grepl("multiplies by lr", notes)))
  expect_true(any(grepl("nine values", notes)))
  # one bias per hidden neuron
  expect_identical(dim(blocks$bh_new), c(1L, 3L))
})

test_that("a block marks the blocks it reads by name and colour", {
  skip_if_not_installed("openxlsx")
  book <- article_book(2)
  cells <- book$cells
  reads <- cells[cells$text %in% "reads:", ]
  expect_gt(nrow(reads), 20)
  for (r in seq_len(nrow(reads))) {
    labels <- cells[cells$sheet == reads$sheet[r] & cells$row == reads$row[r] & cells$col > 1, ]
    for (l in seq_len(nrow(labels))) {
      # a name of this sheet, or "name (epoch k)" of another
      name <- sub(" \\(.*", "", labels$text[l])
      sheet <- if (grepl("(", labels$text[l], fixed = TRUE)) sub(".*\\((.*)\\)", "\\1", labels$text[l]) else labels$sheet[l]
      first <- named_blocks(book, sheet)[[name]][1, 1]
      expect_identical(labels$fill[l], cells$fill[cells$sheet == sheet & cells$ref == first])
      expect_false(is.na(labels$fill[l]))
    }
  }
  # a block's cells read only cells above them, or on an earlier sheet
  local <- cells[!is.na(cells$formula) & !grepl("!", cells$formula, fixed = TRUE), ]
  for (k in seq_len(nrow(local))) {
    rows <- as.integer(regmatches(local$formula[k], gregexpr("(?<=[A-Z])[0-9]+", local$formula[k], perl = TRUE))[[1]])
    expect_true(all(rows < local$row[k]), label = local$formula[k])
  }
})

test_that("each epoch starts from the weights the epoch before left", {
  skip_if_not_installed("openxlsx")
  book <- article_book(3)
  for (epoch in 2:3) {
    this <- named_blocks(book, sprintf("epoch %d", epoch))
    before <- named_blocks(book, sprintf("epoch %d", epoch - 1))
    sources <- c(wh = "wh_new", bh = "bh_new", wout = "wout_new", bout = "bout_new", X = "X")
    for (name in names(sources)) {
      at <- book$cells$sheet == sprintf("epoch %d", epoch)
      formulas <- book$cells$formula[at][match(this[[name]], book$cells$ref[at])]
      expect_identical(formulas, sprintf("'epoch %d'!%s", epoch - 1, before[[sources[[name]]]]))
    }
  }
})

test_that("the loss falls over the epochs of the workbook", {
  skip_if_not_installed("openxlsx")
  # did it learn: the loss of each sheet's own E, recomputed, falls epoch by epoch
  s <- load_scenario("article")
  path <- tempfile(fileext = ".xlsx")
  export_steps(s$init, s$X, s$y, 0.5, path, epochs = 3)
  book <- read_workbook(path)
  value_of <- recompute(book)
  losses <- vapply(1:3, function(e) {
    sheet <- sprintf("epoch %d", e)
    0.5 * sum(values_of(named_blocks(book, sheet)$E, value_of, sheet)^2)
  }, numeric(1))
  expect_true(all(diff(losses) < 0))
  unlink(path)
})

test_that("a network too large to read is refused with the limit", {
  s <- load_scenario("article")
  # 114 cells an epoch (see above): 87 epochs fit in 10000, 88 do not
  expect_nn_error(
    export_steps(s$init, s$X, s$y, s$lr, "steps.xlsx", epochs = 88),
    paste(
      "The workbook would hold 10032 cells (88 epoch(s) of 114), more than the 10000 a learner can follow;",
      "give fewer rows of `X`, fewer neurons or fewer `epochs`."
    )
  )
  m <- load_scenario("moons")
  expect_nn_error(export_steps(m$init, m$X, m$y, m$lr, "steps.xlsx"), "more than the 10000 a learner can follow")
})

test_that("export_steps checks its arguments", {
  s <- load_scenario("article")
  path <- tempfile(fileext = ".xlsx")
  expect_nn_error(export_steps(s$init, s$X, s$y, 0.1, "steps.csv"), "`path` must be a file name ending in .xlsx, not \"steps.csv\".")
  expect_nn_error(export_steps(s$init, s$X, s$y, 0.1, 3), "`path` must be a file name ending in .xlsx, not 3.")
  missing <- file.path(tempdir(), "no", "such")
  expect_nn_error(
    export_steps(s$init, s$X, s$y, 0.1, file.path(missing, "steps.xlsx")),
    sprintf("`path` must be in an existing folder; \"%s\" is not one.", missing)
  )
  expect_nn_error(export_steps(s$init, s$X, s$y, -1, path), "`lr` must be a positive number, not -1.")
  expect_nn_error(export_steps(s$init, s$X, s$y, 0.1, path, epochs = 0), "`epochs` must be a whole number from 1 to 2147483647, not 0.")
  expect_false(file.exists(path))
})

test_that("every activation and loss has a spreadsheet form", {
  for (name in names(activations)) {
    form <- activations[[name]]$sheet
    expect_true(grepl("{x}", form$f, fixed = TRUE) && grepl("{x}", form$f_text, fixed = TRUE), label = name)
    # only a row-wise output goes without a slope; its delta has a block of its own
    expect_identical(is.null(form$slope), activations[[name]]$rowwise, label = name)
  }
  for (name in names(losses)) {
    form <- losses[[name]]$sheet
    expect_true(all(grepl("{y}", form, fixed = TRUE)) && grepl("{a}", form[1], fixed = TRUE), label = name)
    expect_true(grepl("{E}", form[2], fixed = TRUE), label = name)
  }
})
