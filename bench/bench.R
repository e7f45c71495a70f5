# The R side of the benchmark: a worker that bench/run.py drives round by
# round, the twin of bench/bench_py.py.
#   Rscript bench/bench.R serve          # the worker, on stdin/stdout
#   Rscript bench/bench.R info           # the BLAS, the threads, the version
#   Rscript bench/bench.R memory CASE    # trains once, for the peak RSS the caller measures
#   Rscript bench/bench.R baseline CASE  # the same process without training
# CASE is a case of run.py as one line of JSON. The worker reads one command
# a line and answers one line:
#   case CASE     makes the data and the contenders of a case; answers
#                 "ok<TAB>name,name,...<TAB>" (R has no optional peers to skip);
#   run NAME      times one call of a contender; answers its seconds per epoch;
#   fit DIR SET   fits mlp() with its defaults on the training rows of the data
#                 set SET that run.py wrote in DIR, and scores it on its test
#                 rows; answers "seconds<TAB>epochs<TAB>score";
#   quit.
args <- commandArgs(trailingOnly = TRUE)
what <- args[1]
suppressPackageStartupMessages(library(nnscratch))

if (identical(what, "info")) {
  si <- sessionInfo()
  cat("blas\t", si$BLAS, "\n", sep = "")
  cat("lapack\t", si$LAPACK, "\n", sep = "")
  cat("threads\tOPENBLAS_NUM_THREADS=", Sys.getenv("OPENBLAS_NUM_THREADS", "unset"), "\n", sep = "")
  cat("version\t", R.version.string, "\n", sep = "")
  quit(save = "no")
}

# Random data of the case's shapes: X n x p, y n x 1 in [0, 1], and layers
# with weights N(0, 1 / fan_in) and biases U(0, 1). The cost of an epoch
# does not depend on the values.
problem <- function(n, p, hidden) {
  set.seed(1)
  X <- matrix(rnorm(n * p), n, p)
  y <- matrix(runif(n), n, 1)
  sizes <- c(p, hidden, 1)
  layers <- lapply(seq_len(length(sizes) - 1), function(l) {
    list(W = matrix(rnorm(sizes[l] * sizes[l + 1]), sizes[l], sizes[l + 1]) / sqrt(sizes[l]),
         b = matrix(runif(sizes[l + 1]), 1, sizes[l + 1]))
  })
  list(X = X, y = y, layers = layers)
}

# X and y of the training or test rows of a data set run.py wrote: part is
# "train" or "test". A classification's labels are a factor.
read_set <- function(dir, name, part) {
  X <- as.matrix(utils::read.csv(file.path(dir, sprintf("%s_X_%s.csv", name, part)), header = FALSE))
  y <- utils::read.csv(file.path(dir, sprintf("%s_y_%s.csv", name, part)), header = FALSE,
                       colClasses = if (is_regression(name)) "numeric" else "character")[[1]]
  dimnames(X) <- NULL
  list(X = X, y = if (is_regression(name)) y else factor(y))
}

is_regression <- function(name) identical(name, "diabetes")

# mlp() with its defaults, seed fixed, on a data set's training rows; its
# seconds, epochs and test score (accuracy, or R^2 for a regression).
fit_set <- function(dir, name) {
  train <- read_set(dir, name, "train")
  test <- read_set(dir, name, "test")
  invisible(gc())
  start <- proc.time()[["elapsed"]]
  fit <- suppressWarnings(mlp(train$X, train$y, seed = 0))
  seconds <- proc.time()[["elapsed"]] - start
  if (is_regression(name)) {
    e <- test$y - as.vector(predict(fit, test$X))
    score <- 1 - sum(e^2) / sum((test$y - mean(test$y))^2)
  } else {
    score <- mean(as.character(predict(fit, test$X, type = "class")) == as.character(test$y))
  }
  c(seconds, length(fit$loss), score)
}

# The loop of inst/scripts/article_fixed.R, verbatim, in a function; its
# biases are n-row matrices, as the script builds them.
article_fixed_loop <- function(X, Y, wh, bh, wout, bout, lr, epoch) {
  sigmoid<-function(x){
  1/(1+exp(-x))
  }
  derivatives_sigmoid<-function(x){
  x*(1-x)
  }
  output_neurons=ncol(wout)
  hiddenlayer_neurons=ncol(wh)
  for(i in 1:epoch){

  hidden_layer_input1= X%*%wh
  hidden_layer_input=hidden_layer_input1+bh
  hidden_layer_activations=sigmoid(hidden_layer_input)
  output_layer_input1=hidden_layer_activations%*%wout
  output_layer_input=output_layer_input1+bout
  output= sigmoid(output_layer_input)

  # Back Propagation

  E=Y-output
  slope_output_layer=derivatives_sigmoid(output)
  slope_hidden_layer=derivatives_sigmoid(hidden_layer_activations)
  d_output=E*slope_output_layer
  Error_at_hidden_layer=d_output%*%t(wout)
  d_hiddenlayer=Error_at_hidden_layer*slope_hidden_layer
  wout= wout+(t(hidden_layer_activations)%*%d_output)*lr
  bout= bout+matrix(colSums(d_output), nrow = nrow(X), ncol = output_neurons, byrow = TRUE)*lr # FIX: colSums
  wh = wh +(t(X)%*%d_hiddenlayer)*lr
  bh = bh + matrix(colSums(d_hiddenlayer), nrow = nrow(X), ncol = hiddenlayer_neurons, byrow = TRUE)*lr # FIX: colSums

  }
  output
}

# The least an epoch costs: its matrix products and its activations' exp
# or tanh (tanh for tanh hidden layers, exp for the sigmoid's), nothing
# else, in their cheapest R form: a = f(a %*% W) forward, then t(a) %*% d
# for every layer and d %*% t(W) for all but the first.
floor_loop <- function(X, Ws, activation, epochs) {
  L <- length(Ws)
  hidden_f <- if (identical(activation, "tanh")) tanh else exp
  a <- c(list(X), vector("list", L))
  for (i in seq_len(epochs)) {
    for (l in seq_len(L)) a[[l + 1]] <- (if (l < L) hidden_f else exp)(a[[l]] %*% Ws[[l]])
    d <- a[[L + 1]]
    for (l in rev(seq_len(L))) {
      g <- crossprod(a[[l]], d)
      if (l > 1) d <- tcrossprod(d, Ws[[l]])
    }
  }
}

# train()'s settings of a case besides its data and network.
train_settings <- function(spec) {
  list(activation = spec$activation, optimizer = spec$optimizer, batch_size = spec$batch_size,
       reduction = if (identical(spec$optimizer, "adam")) "mean" else "sum", seed = if (!is.null(spec$batch_size)) 1)
}

trained <- function(layers, X, y, lr, epochs, settings) {
  suppressWarnings(do.call(train, c(list(layers, X, y, lr, epochs), settings)))
}

contenders <- function(spec) {
  if (!is.null(spec$data)) {
    d <- read_set(spec$data, "digits", "train")
    run <- function() length(suppressWarnings(mlp(d$X, d$y, seed = 0))$loss)
    return(list(nnscratch_r = list(run = run, epochs = NULL)))
  }
  d <- problem(spec$n, spec$p, spec$hidden)
  X <- d$X; y <- d$y; layers <- d$layers
  lr <- spec$lr; epochs <- spec$epochs
  settings <- train_settings(spec)
  runs <- list(nnscratch_r = list(run = function() trained(layers, X, y, lr, epochs, settings), epochs = epochs))
  if (isTRUE(spec$adam_too)) {
    adam <- utils::modifyList(settings, list(optimizer = "adam"))
    runs$adam_r <- list(run = function() trained(layers, X, y, lr, epochs, adam), epochs = epochs)
  }
  if (is.null(spec$batch_size)) {
    Ws <- lapply(layers, `[[`, "W")
    runs$floor_r <- list(run = function() floor_loop(X, Ws, spec$activation, epochs), epochs = epochs)
  }
  if (spec$exact_epochs > 0) {
    exact <- c(settings, list(exact = TRUE))
    runs$exact_r <- list(run = function() trained(layers, X, y, lr, spec$exact_epochs, exact), epochs = spec$exact_epochs)
  }
  if (length(spec$hidden) == 1 && identical(spec$activation, "sigmoid") && is.null(spec$batch_size)) {
    bh_rows <- layers[[1]]$b[rep(1, spec$n), , drop = FALSE]
    bout_rows <- layers[[2]]$b[rep(1, spec$n), , drop = FALSE]
    runs$article_r <- list(
      run = function() article_fixed_loop(X, y, layers[[1]]$W, bh_rows, layers[[2]]$W, bout_rows, lr, epochs),
      epochs = epochs
    )
  }
  runs
}

serve <- function() {
  con <- file("stdin")
  open(con)
  on.exit(close(con))
  runs <- list()
  repeat {
    line <- readLines(con, n = 1)
    if (length(line) == 0) break
    cmd <- strsplit(line, " ", fixed = TRUE)[[1]]
    if (cmd[1] == "quit") break
    reply <- tryCatch({
      if (cmd[1] == "case") {
        runs <- contenders(jsonlite::fromJSON(sub("^case ", "", line)))
        paste0("ok\t", paste(names(runs), collapse = ","), "\t")
      } else if (cmd[1] == "run") {
        r <- runs[[cmd[2]]]
        invisible(gc())
        start <- proc.time()[["elapsed"]]
        ran <- r$run()
        format((proc.time()[["elapsed"]] - start) / (if (is.null(r$epochs)) ran else r$epochs), digits = 17)
      } else if (cmd[1] == "fit") {
        paste(format(fit_set(cmd[2], cmd[3]), digits = 17), collapse = "\t")
      } else {
        paste0("error\tunknown command ", cmd[1])
      }
    }, error = function(e) paste0("error\t", conditionMessage(e)))
    cat(reply, "\n", sep = "")
    flush(stdout())
  }
}

if (identical(what, "serve")) {
  serve()
} else {
  # memory / baseline: make the case's data, and train once (memory)
  spec <- jsonlite::fromJSON(args[2])
  if (!is.null(spec$data)) {
    d <- read_set(spec$data, "digits", "train")
    if (identical(what, "memory")) fit <- suppressWarnings(mlp(d$X, d$y, seed = 0))
  } else {
    d <- problem(spec$n, spec$p, spec$hidden)
    if (identical(what, "memory")) fit <- trained(d$layers, d$X, d$y, spec$lr, spec$epochs, train_settings(spec))
  }
}
