# The article's spreadsheet of Steps 0-11, written live: every cell of Steps
# 2-11 a formula. Twin of python/src/nnscratch/export_steps.py.
#
# The article shows one epoch in a spreadsheet, matrix by matrix.
# export_steps() writes that spreadsheet for any network train_step() takes,
# one sheet per epoch: Steps 0-1 as values (in a later epoch, as copies of the
# epoch before), and every later matrix as a block of formulas over the
# blocks above it. Each block has a title, the article's line for it, a
# "reads" line that names, in their colours, the blocks it reads, and a
# named range of its sheet under the article's name.
#
# Both languages build the same cells (epoch_sheet()) and hand them to a
# writer: openxlsx here, XlsxWriter in Python. Both write the same cells,
# formulas, styles and names, and store each formula's value as computed by
# train_step(..., exact = TRUE), which gives the same bits in both languages.
#
# Each cell holds its own formula, no array formula: a row of one block times
# a column of another is an MMULT, a product with a transposed block (t(W),
# t(a)) is the SUMPRODUCT of two rows or of two columns, which needs neither
# TRANSPOSE nor array entry in any spreadsheet program. The functions are
# MMULT, SUMPRODUCT, SUM, EXP, TANH, MAX, IF and ROWS.

# The most cells (numbers and formulas, over all epochs) a workbook may hold:
# a learner follows a few hundred; the article's network has 114 an epoch.
max_cells <- 10000

# The fill of each block, in turn; a block's "reads" line shows the names of
# the blocks it reads in their fills.
block_fills <- c("#FFF2CC", "#DDEBF7", "#E2EFDA", "#FCE4D6", "#EDE2F6", "#D9F2F2", "#F8DDE6", "#EDEDED")

# Where the blocks start: rows 1-4 say what the sheet holds; column A holds
# the labels, and a block's matrix starts in column B.
first_row <- 6L
first_col <- 2L

# The article's names of the blocks of a network of one hidden layer; the
# key is the name of a block of any network (see block_name()).
article_names <- c(
  z_1 = "hidden_layer_input", a_1 = "hiddenlayer_activations",
  z_2 = "output_layer_input", a_2 = "output",
  err_2 = "E", slope_2 = "slope_output_layer", slope_1 = "slope_hidden_layer",
  delta_2 = "d_output", err_1 = "Error_at_hidden_layer", delta_1 = "d_hiddenlayer",
  W_1 = "wh", b_1 = "bh", W_2 = "wout", b_2 = "bout",
  W_1_new = "wh_new", b_1_new = "bh_new", W_2_new = "wout_new", b_2_new = "bout_new"
)

# The notes that answer the article's readers, by the block they sit on.
notes <- c(
  d_output = paste(
    "The article's picture multiplies by lr here as well; its code does not, and neither does this",
    "workbook: lr enters once, at Steps 10 and 11."
  ),
  Error_at_hidden_layer = paste(
    "It reads wout as Step 1 holds it: the weights change only at Steps 10 and 11, once",
    "every error is known."
  ),
  bh_new = paste(
    "One bias per hidden neuron, moved by the sum of d_hiddenlayer over the samples (colSums). The",
    "article's R script keeps one per sample and neuron, the nine values of its 3 x 3 bh, and updates them with",
    "rowSums; its spreadsheet and numpy code keep one per neuron, as here."
  )
)

#' Write the article's Steps 0-11 as a workbook of formulas
#'
#' Writes an .xlsx workbook with one sheet per epoch (`"epoch 1"`,
#' `"epoch 2"`, ...). Each holds, from top to bottom: Step 0 (`X`, `y`, `lr`
#' and, when it is not 0, `decay`) and Step 1 (the weights and biases) as
#' values, in a later epoch as copies of the weights the epoch before it left;
#' then every intermediate of [train_step()], each cell a formula over the
#' blocks above it, and the updated weights. For the article's params the
#' blocks carry the article's names (`hidden_layer_input`, ..., `d_output`,
#' ...); for a list of layers, `z_1`, `a_1`, ... `err_k`, `slope_k`,
#' `delta_k` per layer k as [explain_epoch()] prints them. The weights an
#' epoch ends with are `wh_new`, `bh_new`, `wout_new`, `bout_new` (`W_k_new`
#' and `b_k_new`), since a sheet can hold a name once. Each block is a named
#' range of its sheet. Every formula's value is stored with it, and the
#' workbook asks to be recalculated on open.
#'
#' Needs the openxlsx package (Debian: `r-cran-openxlsx`).
#'
#' @inheritParams train_step
#' @param path The file to write, ending in `.xlsx`, in an existing folder.
#' @param epochs The number of epochs, one sheet each. A workbook holds at
#'   most 10000 numbers and formulas in all.
#' @return `path`, invisibly.
#' @examples
#' if (requireNamespace("openxlsx", quietly = TRUE)) {
#'   s <- load_scenario("article")
#'   path <- tempfile(fileext = ".xlsx")
#'   export_steps(s$init, s$X, s$y, s$lr, path, epochs = 2)
#'   unlink(path)
#' }
#' @export
export_steps <- function(params, X, y, lr, path, epochs = 1, activation, output_activation, loss, decay = 0) {
  X <- as_numeric_matrix(X, "X")
  net <- check_problem(params, X, y, activation, output_activation, loss)
  check_sheet_forms(net)
  lr <- check_number(lr, "lr", lo_open = TRUE)
  decay <- check_number(decay, "decay")
  epochs <- check_count(epochs, "epochs", 1)
  path <- check_workbook_path(path)
  check_cells(net, X, epochs, decay)
  layers <- net$layers
  sheets <- list()
  for (epoch in seq_len(epochs)) {
    step <- train_step(
      layers, X, net$y, lr, net$activation, net$output_activation, net$loss, decay, exact = TRUE
    )
    sheets[[epoch]] <- epoch_sheet(epoch, epochs, net, X, lr, decay, layers, step, if (epoch > 1) sheets[[epoch - 1]])
    layers <- step$layers
  }
  write_workbook(sheets, path)
  invisible(path)
}

# The file to write: one string ending in .xlsx, in an existing folder.
check_workbook_path <- function(path) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !endsWith(tolower(path), ".xlsx")) {
    abort("`path` must be a file name ending in .xlsx, not %s.", describe(path), arg = "path")
  }
  folder <- dirname(path)
  if (folder != "." && !dir.exists(folder)) {
    abort("`path` must be in an existing folder; \"%s\" is not one.", folder, arg = "path")
  }
  path
}

# Refuse an activation or loss that has no spreadsheet form in its registry.
check_sheet_forms <- function(net) {
  named <- c(
    lapply(net$activation, function(a) list("activation", a, activations[[a]])),
    list(
      list("output_activation", net$output_activation, activations[[net$output_activation]]),
      list("loss", net$loss, losses[[net$loss]])
    )
  )
  for (x in named) {
    if (is.null(x[[3]]$sheet)) {
      abort("`%s` %s has no spreadsheet form to write.", x[[1]], describe(x[[2]]), arg = x[[1]])
    }
  }
}

# Refuse a workbook of more than max_cells numbers and formulas, before any
# is made. An epoch holds X, y, lr, decay when it is not 0, and per layer its
# weights and biases twice (before and after the step) and z, a, err, delta
# and, unless the output has none, the slope, each n x width.
check_cells <- function(net, X, epochs, decay) {
  n <- nrow(X)
  layers <- net$layers
  cells <- n * ncol(X) + length(net$y) + 1 + (decay > 0)
  for (k in seq_along(layers)) {
    W <- layers[[k]]$W
    weights <- length(W) + if (is.null(layers[[k]]$b)) 0 else ncol(W)
    slope <- k < length(layers) || has_output_slope(net$output_activation, net$loss)
    cells <- cells + 2 * weights + n * ncol(W) * (if (slope) 5 else 4)
  }
  if (cells * epochs > max_cells) {
    abort(
      paste(
        "The workbook would hold %.0f cells (%d epoch(s) of %.0f), more than the %.0f a learner can follow;",
        "give fewer rows of `X`, fewer neurons or fewer `epochs`."
      ),
      cells * epochs, epochs, cells, max_cells
    )
  }
}

# Whether the output layer has a slope block: not for softmax, nor for
# log_loss, whose E is the delta.
has_output_slope <- function(output_activation, loss) {
  !losses[[loss]]$canonical && !is.null(activations[[output_activation]]$sheet$slope)
}

# The name a block is shown and named under: the article's name, or the key
# (z_1, W_2_new, ...).
block_name <- function(key, article) {
  if (article && key %in% names(article_names)) article_names[[key]] else key
}

# One epoch's sheet: its name, its cells and its blocks by key, from Step 0 to
# Step 11. `layers` are the weights the epoch starts from and `step` their
# train_step(), whose values the formulas' cells store. `previous`, the sheet
# of the epoch before (NULL for the first), is where Steps 0-1 copy their
# blocks from. A sheet is an environment, so that add_block() adds to it in
# place, as the Python twin adds to its dict.
epoch_sheet <- function(epoch, epochs, net, X, lr, decay, layers, step, previous) {
  sheet <- new.env()
  sheet$name <- sprintf("epoch %d", epoch)
  sheet$article <- net$article
  sheet$cells <- header_cells(epoch, epochs, net, X)
  sheet$blocks <- list()
  sheet$row <- first_row
  L <- length(layers)
  names <- c(net$activation, net$output_activation)
  # Step 0: read input and output
  add_given(sheet, previous, "X", 0, "Read input and output: X, one row per sample", X)
  add_given(sheet, previous, "y", 0, "y, the target of each sample", net$y)
  add_given(sheet, previous, "lr", 0, "lr, the learning rate", matrix(lr))
  if (decay > 0) {
    add_given(sheet, previous, "decay", 0, "decay: (decay / 2) * sum(W^2) over the weights is added to the loss",
              matrix(decay))
  }
  # Step 1: initialize weights and biases
  for (k in seq_len(L)) {
    add_given(sheet, previous, paste0("W_", k), 1, sprintf(
      "Initialize weights and biases: %s, one row per input of layer %d, one column per neuron",
      label(sheet, paste0("W_", k)), k
    ), layers[[k]]$W)
    if (!is.null(layers[[k]]$b)) {
      add_given(sheet, previous, paste0("b_", k), 1, sprintf("%s, one bias per neuron of layer %d", label(sheet, paste0("b_", k)), k),
                layers[[k]]$b)
    }
  }
  # Steps 2-4: forward propagation
  for (k in seq_len(L)) {
    add_forward(sheet, k, names[k], L, step)
  }
  # Step 5: the error at the output
  add_error(sheet, L, net$loss, step)
  # Step 6: the slopes, from the activations
  for (k in seq.int(L, 1L)) {
    if (k < L || has_output_slope(net$output_activation, net$loss)) {
      add_slope(sheet, k, names[k], step)
    }
  }
  # Step 7: the delta at the output
  add_output_delta(sheet, L, net$output_activation, net$loss, step)
  # Steps 8-9: the error and the delta of each hidden layer, from the top
  for (k in rev(seq_len(L - 1))) {
    add_hidden_delta(sheet, k, step)
  }
  # Steps 10-11: the updates, from the output down, as the article orders them
  for (k in seq.int(L, 1L)) {
    add_updates(sheet, k, decay, losses[[net$loss]]$mean, step)
  }
  sheet
}

# The name of the block `key` on this sheet (see block_name()).
label <- function(sheet, key) {
  block_name(key, sheet$article)
}

# Add a block of Steps 0-1: its values in the first epoch, a copy of where
# the epoch before ended in the others.
add_given <- function(sheet, previous, key, step_no, text, values) {
  if (is.null(previous)) {
    add_block(sheet, key, step_no, text, values)
    return(invisible())
  }
  source <- previous$blocks[[if (step_no == 1) paste0(key, "_new") else key]]
  text <- sprintf("%s = %s of %s%s", label(sheet, key), source$name, previous$name, if (step_no == 1) ", where it ended" else "")
  add_block(sheet, key, step_no, text, values, list(source), function(i, j) ref(source, i, j, sheet))
}

# Add Steps 2-3 of layer k (Step 4 at the output): z = a %*% W + b, then
# a = f(z).
add_forward <- function(sheet, k, activation, L, step) {
  blocks <- sheet$blocks
  a_in <- if (k == 1) blocks$X else blocks[[paste0("a_", k - 1)]]
  W <- blocks[[paste0("W_", k)]]
  b <- blocks[[paste0("b_", k)]]
  z_key <- paste0("z_", k)
  a_key <- paste0("a_", k)
  text <- sprintf("%s = matrix_dot_product(%s, %s)%s", label(sheet, z_key), a_in$name, W$name, if (is.null(b)) "" else paste0(" + ", b$name))
  z_formula <- function(i, j) {
    product <- sprintf("MMULT(%s,%s)", row_range(a_in, i), col_range(W, j))
    if (is.null(b)) product else sprintf("%s+%s", product, ref(b, 1, j))
  }
  add_block(sheet, z_key, if (k < L) 2 else 4, text, step$z[[k]], c(list(a_in, W), if (!is.null(b)) list(b)), z_formula)
  z <- sheet$blocks[[z_key]]
  f <- activations[[activation]]$sheet
  add_block(sheet, a_key, if (k < L) 3 else 4, sprintf("%s = %s", label(sheet, a_key), fill(f$f_text, x = z$name)),
            step$a[[k + 1]], list(z), function(i, j) fill(f$f, x = ref(z, i, j), row = row_range(z, i)))
}

# Add Step 5, the error E = -dLoss/doutput that the loss sends back.
add_error <- function(sheet, L, loss, step) {
  blocks <- sheet$blocks
  y <- blocks$y
  out <- blocks[[paste0("a_", L)]]
  key <- paste0("err_", L)
  formula <- losses[[loss]]$sheet[1]
  text <- losses[[loss]]$sheet[2]
  add_block(sheet, key, 5, fill(text, E = label(sheet, key), y = y$name, a = out$name), step$err[[L]], list(y, out),
            function(i, j) fill(formula, y = ref(y, i, j), a = ref(out, i, j), rows = block_range(y)))
}

# Add Step 6 of layer k: the derivative of its activation, from the
# activation (derivatives_sigmoid(output)).
add_slope <- function(sheet, k, activation, step) {
  a <- sheet$blocks[[paste0("a_", k)]]
  key <- paste0("slope_", k)
  f <- activations[[activation]]$sheet
  add_block(sheet, key, 6, sprintf("%s = %s", label(sheet, key), fill(f$slope_text, x = a$name)), step$slope[[k]],
            list(a), function(i, j) fill(f$slope, x = ref(a, i, j)))
}

# Add Step 7, the output's delta: E * slope; softmax's Jacobian times E; E
# itself with log_loss.
add_output_delta <- function(sheet, L, output_activation, loss, step) {
  blocks <- sheet$blocks
  E <- blocks[[paste0("err_", L)]]
  out <- blocks[[paste0("a_", L)]]
  key <- paste0("delta_", L)
  name <- label(sheet, key)
  if (losses[[loss]]$canonical) {
    # through its own output (sigmoid or softmax) the log-loss's gradient at z
    # is y - output, E
    add_block(sheet, key, 7, sprintf("%s = %s: with %s the output's slope cancels", name, E$name, loss),
              step$delta[[L]], list(E), function(i, j) ref(E, i, j))
  } else if (activations[[output_activation]]$rowwise) {
    text <- sprintf(
      "%s = %s * (%s - rowSums(%s * %s)), softmax's Jacobian times %s",
      name, out$name, E$name, E$name, out$name, E$name
    )
    add_block(sheet, key, 7, text, step$delta[[L]], list(E, out), function(i, j) {
      sprintf("%s*(%s-SUMPRODUCT(%s,%s))", ref(out, i, j), ref(E, i, j), row_range(E, i), row_range(out, i))
    })
  } else {
    slope <- blocks[[paste0("slope_", L)]]
    add_block(sheet, key, 7, sprintf("%s = %s * %s", name, E$name, slope$name), step$delta[[L]], list(E, slope),
              function(i, j) sprintf("%s*%s", ref(E, i, j), ref(slope, i, j)))
  }
}

# Add Steps 8-9 of hidden layer k: err = delta_next %*% t(W_next), then
# delta = err * slope.
add_hidden_delta <- function(sheet, k, step) {
  blocks <- sheet$blocks
  d_next <- blocks[[paste0("delta_", k + 1)]]
  W_next <- blocks[[paste0("W_", k + 1)]]
  err_key <- paste0("err_", k)
  delta_key <- paste0("delta_", k)
  text <- sprintf("%s = matrix_dot_product(%s, %s.Transpose)", label(sheet, err_key), d_next$name, W_next$name)
  # row i of delta_next against row j of W_next: t(W_next) without TRANSPOSE
  add_block(sheet, err_key, 8, text, step$err[[k]], list(d_next, W_next),
            function(i, j) sprintf("SUMPRODUCT(%s,%s)", row_range(d_next, i), row_range(W_next, j)))
  err <- sheet$blocks[[err_key]]
  slope <- sheet$blocks[[paste0("slope_", k)]]
  add_block(sheet, delta_key, 9, sprintf("%s = %s * %s", label(sheet, delta_key), err$name, slope$name),
            step$delta[[k]], list(err, slope), function(i, j) sprintf("%s*%s", ref(err, i, j), ref(slope, i, j)))
}

# Add Steps 10-11 of layer k: W + (t(a) %*% delta - decay * W) * lr, and
# b + colSums(delta) * lr. A loss averaged over the samples (half_mse)
# averages its weight decay too: decay / n * W.
add_updates <- function(sheet, k, decay, mean, step) {
  blocks <- sheet$blocks
  W <- blocks[[paste0("W_", k)]]
  b <- blocks[[paste0("b_", k)]]
  d <- blocks[[paste0("delta_", k)]]
  lr <- blocks$lr
  a <- if (k == 1) blocks$X else blocks[[paste0("a_", k - 1)]]
  W_key <- paste0("W_", k, "_new")
  b_key <- paste0("b_", k, "_new")
  # column i of a against column j of delta: t(a) without TRANSPOSE
  product <- sprintf("matrix_dot_product(%s.Transpose, %s)", a$name, d$name)
  if (decay > 0) {
    dc <- blocks$decay
    # the decay of a mean loss is divided by n, the rows of X
    per <- if (mean) sprintf("/ROWS(%s)", col_range(blocks$X, 1)) else ""
    text <- sprintf("%s = %s + (%s - decay%s * %s) * lr", label(sheet, W_key), W$name, product,
                    if (mean) " / n" else "", W$name)
    add_block(sheet, W_key, 10, text, step$layers[[k]]$W, list(W, a, d, dc, lr), function(i, j) {
      sprintf("%s+(SUMPRODUCT(%s,%s)-%s%s*%s)*%s", ref(W, i, j), col_range(a, i), col_range(d, j), ref(dc, 1, 1), per,
              ref(W, i, j), ref(lr, 1, 1))
    })
  } else {
    text <- sprintf("%s = %s + %s * lr", label(sheet, W_key), W$name, product)
    add_block(sheet, W_key, 10, text, step$layers[[k]]$W, list(W, a, d, lr),
              function(i, j) sprintf("%s+SUMPRODUCT(%s,%s)*%s", ref(W, i, j), col_range(a, i), col_range(d, j), ref(lr, 1, 1)))
  }
  if (is.null(b)) return(invisible())
  # one bias per neuron, moved by the sum of its deltas over the samples (colSums)
  text <- sprintf("%s = %s + sum(%s, axis=0) * lr", label(sheet, b_key), b$name, d$name)
  add_block(sheet, b_key, 11, text, step$layers[[k]]$b, list(b, d, lr),
            function(i, j) sprintf("%s+SUM(%s)*%s", ref(b, i, j), col_range(d, j), ref(lr, 1, 1)))
}

# Add a block below the last: its title, its line, its note, its "reads" line
# and its matrix. Without `formula` the matrix holds `values`; with it, cell
# (i, j) holds formula(i, j) and stores values[i, j].
add_block <- function(sheet, key, step_no, text, values, reads = NULL, formula = NULL) {
  rows <- nrow(values)
  cols <- ncol(values)
  name <- label(sheet, key)
  colour <- block_fills[length(sheet$blocks) %% length(block_fills) + 1]
  r <- sheet$row
  cells <- list(
    text_cell(r, 1, sprintf("Step %d: %s (%d x %d)", step_no, name, rows, cols), colour, "bold"),
    text_cell(r + 1, 1, text)
  )
  r <- r + 2
  if (name %in% names(notes)) {
    cells <- c(cells, list(text_cell(r, 1, paste("Note:", notes[[name]]), font = "italic")))
    r <- r + 1
  }
  if (length(reads) > 0) {
    cells <- c(cells, list(text_cell(r, 1, "reads:")), lapply(seq_along(reads), function(k) {
      text_cell(r, first_col + k - 1, source_label(reads[[k]], sheet), reads[[k]]$colour)
    }))
    r <- r + 1
  }
  block <- list(key = key, name = name, sheet = sheet$name, top = r, rows = rows, cols = cols, colour = colour)
  # the cells row by row, as Python lists them
  i <- rep(seq_len(rows), each = cols)
  j <- rep(seq_len(cols), times = rows)
  kind <- if (is.null(formula)) "number" else "formula"
  cells <- c(cells, list(list(
    row = r + i - 1, col = first_col + j - 1, kind = rep(kind, length(i)),
    text = if (is.null(formula)) rep("", length(i)) else mapply(formula, i, j), value = values[cbind(i, j)],
    colour = rep(colour, length(i)), font = rep("", length(i)), number = rep(TRUE, length(i))
  )))
  sheet$cells <- c(sheet$cells, cells)
  sheet$blocks[[key]] <- block
  sheet$row <- r + rows + 1
  invisible()
}

# How a "reads" line names a block: its name, and its sheet when it is
# another.
source_label <- function(source, sheet) {
  if (source$sheet == sheet$name) source$name else sprintf("%s (%s)", source$name, source$sheet)
}

# A cell of text: (row, col, kind, text, value, colour, font, number format).
# A sheet's cells are lists of such columns, joined by cell_table().
text_cell <- function(row, col, text, colour = "", font = "") {
  list(row = row, col = col, kind = "text", text = text, value = NA_real_, colour = colour, font = font, number = FALSE)
}

# `template` with each {name} replaced by the argument `name`.
fill <- function(template, ...) {
  values <- list(...)
  for (name in names(values)) {
    template <- gsub(sprintf("{%s}", name), values[[name]], template, fixed = TRUE)
  }
  template
}

# Addresses. Rows and columns of the sheet count from 1, as the spreadsheet
# counts them; i and j index a block's matrix from 1, as R does.

# The letters of a column: 1 is A, 27 is AA.
column_letters <- function(col) {
  letters <- ""
  while (col > 0) {
    rest <- (col - 1) %% 26
    col <- (col - 1) %/% 26
    letters <- paste0(LETTERS[rest + 1], letters)
  }
  letters
}

address <- function(row, col) {
  sprintf("%s%d", column_letters(col), as.integer(row))
}

# The address of cell (i, j) of a block, with its sheet's name when it is read
# from another sheet.
ref <- function(block, i, j, sheet = NULL) {
  cell <- address(block$top + i - 1, first_col + j - 1)
  if (is.null(sheet) || block$sheet == sheet$name) cell else sprintf("'%s'!%s", block$sheet, cell)
}

row_range <- function(block, i) {
  sprintf("%s:%s", ref(block, i, 1), ref(block, i, block$cols))
}

col_range <- function(block, j) {
  sprintf("%s:%s", ref(block, 1, j), ref(block, block$rows, j))
}

block_range <- function(block) {
  sprintf("%s:%s", ref(block, 1, 1), ref(block, block$rows, block$cols))
}

# A block's first and last cells as a defined name holds them: $B$6 and
# $E$8, of 'epoch 1'!$B$6:$E$8.
absolute_corners <- function(block) {
  c(
    sprintf("$%s$%d", column_letters(first_col), as.integer(block$top)),
    sprintf("$%s$%d", column_letters(first_col + block$cols - 1), as.integer(block$top + block$rows - 1))
  )
}

# Rows 1-4 of a sheet: what it holds, how to read it, and the network.
header_cells <- function(epoch, epochs, net, X) {
  sizes <- c(ncol(X), vapply(net$layers, function(layer) ncol(layer$W), integer(1)))
  example <- block_name("a_1", net$article)
  list(
    text_cell(1, 1, sprintf("Epoch %d of %d: the article's Steps 0-11, one cell at a time", epoch, epochs), font = "bold"),
    text_cell(2, 1, paste(
      "Steps 2-11 are formulas over the blocks above them: select a cell to see how it is computed.",
      "A block's 'reads' line names, in their colours, the blocks it reads."
    )),
    text_cell(3, 1, sprintf("Every matrix is a named range of this sheet: type =%s in an empty cell to see it.", example)),
    text_cell(4, 1, sprintf(
      "A %s network; hidden layers: %s; output: %s; loss: %s.",
      paste(sizes, collapse = "-"), paste(net$activation, collapse = ", "), net$output_activation, net$loss
    ))
  )
}

# Write the sheets with openxlsx: their cells, styles and named ranges; the
# workbook recalculates on open. openxlsx is made to write the numbers with
# the 16 significant digits XlsxWriter writes, and a formula's stored value
# in full (see store_values()).
write_workbook <- function(sheets, path) {
  if (!requireNamespace("openxlsx", quietly = TRUE)) {
    abort("export_steps() needs the R package openxlsx: install.packages(\"openxlsx\"), or on Debian r-cran-openxlsx.")
  }
  wb <- openxlsx::createWorkbook()
  for (s in seq_along(sheets)) {
    sheet <- sheets[[s]]
    openxlsx::addWorksheet(wb, sheet$name)
    cells <- cell_table(sheet$cells)
    openxlsx::setColWidths(wb, s, 1, 8)
    openxlsx::setColWidths(wb, s, first_col:(first_col + 11), column_width(cells))
    write_cells(wb, s, cells)
    store_values(wb, s, cells)
    style <- paste(cells$colour, cells$font, cells$number)
    for (key in unique(style)) {
      at <- style == key
      openxlsx::addStyle(wb, s, cell_format(cells$colour[at][1], cells$font[at][1], cells$number[at][1]),
                         rows = cells$row[at], cols = cells$col[at])
    }
    for (block in sheet$blocks) {
      # createNamedRegion() names a range of the workbook; the Workbook
      # method it calls can name one of a sheet, as each epoch's names are
      corners <- absolute_corners(block)
      wb$createNamedRegion(ref1 = corners[1], ref2 = corners[2], name = block$name, sheet = sheet$name, localSheetId = s - 1)
    }
  }
  drop_missing_parts(wb)
  # recalculate every formula when a spreadsheet program opens the file, as
  # XlsxWriter's workbooks do
  wb$workbook$calcPr <- "<calcPr fullCalcOnLoad=\"1\"/>"
  openxlsx::saveWorkbook(wb, path, overwrite = TRUE)
}

# A sheet's cells as one data frame, a row a cell: the columns of its lists
# of cells, joined.
cell_table <- function(cells) {
  as.data.frame(do.call(Map, c(list(f = c), cells)), stringsAsFactors = FALSE)
}

# Write a sheet's cells, each rectangle of one kind (a block's matrix, its
# labels) in one call, since openxlsx takes about a millisecond a call:
# first the runs of one kind along a row, then the runs that stack on the
# rows below with the same columns.
write_cells <- function(wb, s, cells) {
  cells <- cells[order(cells$row, cells$col), ]
  n <- nrow(cells)
  run <- cumsum(c(TRUE, diff(cells$row) != 0 | diff(cells$col) != 1 | cells$kind[-1] != cells$kind[-n]))
  first <- !duplicated(run)
  last <- !duplicated(run, fromLast = TRUE)
  runs <- data.frame(row = cells$row[first], from = cells$col[first], to = cells$col[last], kind = cells$kind[first])
  m <- nrow(runs)
  stack <- cumsum(c(TRUE, diff(runs$row) != 1 | diff(runs$from) != 0 | diff(runs$to) != 0 | runs$kind[-1] != runs$kind[-m]))
  for (part in split(cells, stack[run])) {
    width <- max(part$col) - min(part$col) + 1
    if (part$kind[1] == "number") {
      x <- matrix(part$value, ncol = width, byrow = TRUE)
    } else {
      x <- as.data.frame(matrix(part$text, ncol = width, byrow = TRUE), stringsAsFactors = FALSE)
      # openxlsx writes a column of class "formula" as formulas
      if (part$kind[1] == "formula") x[] <- lapply(x, function(column) structure(column, class = c("character", "formula")))
    }
    openxlsx::writeData(wb, s, x, startCol = part$col[1], startRow = part$row[1], colNames = FALSE)
  }
}

# openxlsx writes a number with as.character(), 15 significant digits, and a
# formula without its value. Its Sheet_Data keeps each cell's text (v) and
# type (t, 0 a number): setting them gives each number the 16 digits
# XlsxWriter writes, and each formula its value in full.
store_values <- function(wb, s, cells) {
  data <- wb$worksheets[[s]]$sheet_data
  at <- match(paste(data$rows, data$cols), paste(cells$row, cells$col))
  number <- cells$kind[at] == "number"
  formula <- cells$kind[at] == "formula"
  v <- data$v
  t <- data$t
  v[number] <- sprintf("%.16G", cells$value[at][number])
  v[formula] <- sprintf("%.17g", cells$value[at][formula])
  t[formula] <- 0L
  data$v <- v
  data$t <- t
}

# openxlsx lists a drawing and a VML part for every sheet but writes them only
# for a sheet with a picture or a comment, which these never have; openpyxl,
# and so pandas, refuse a file that lists a part it does not hold.
drop_missing_parts <- function(wb) {
  for (s in seq_along(wb$worksheets_rels)) {
    wb$worksheets_rels[[s]] <- grep("drawing", wb$worksheets_rels[[s]], value = TRUE, invert = TRUE, ignore.case = TRUE)
  }
}

# The width of the matrices' columns: 11 characters, or more for the longest
# name on a "reads" line.
column_width <- function(cells) {
  max(11, nchar(cells$text[cells$kind == "text" & cells$col >= first_col]) + 1)
}

# openxlsx's style of a cell: a solid fill, bold or italic, 4 decimals for
# numbers.
cell_format <- function(colour, font, number) {
  openxlsx::createStyle(
    fgFill = if (nzchar(colour)) colour, textDecoration = if (nzchar(font)) font,
    numFmt = if (number) "0.0000" else "GENERAL"
  )
}
