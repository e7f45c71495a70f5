# The R side of the benchmark: a worker that bench/run.py drives round by
# round, the twin of bench/bench_py.py.
#   Rscript bench/bench.R serve          # the worker, on stdin/stdout
#   Rscript bench/bench.R serve kept     # the same, timing train() alone as
#                                        # nnscratch_r_kept (run.py sets glibc to keep freed memory)
#   Rscript bench/bench.R info           # the BLAS, the threads, the version
#   Rscript bench/bench.R memory CASE EPOCHS  # trains once, for the peak RSS the caller measures
#   Rscript bench/bench.R baseline CASE  # the same process without training
# The worker reads one command a line and answers one line:
#   case N P H1,H2,... ACTIVATION EPOCHS EXACT_EPOCHS LR
#     makes the data and the contenders of a case; answers
#     "ok<TAB>name,name,...<TAB>" (R has no optional peers to skip);
#   run NAME   times one call of a contender; answers its seconds per epoch;
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

contenders <- function(n, p, hidden, activation, epochs, exact_epochs, lr) {
  # the runs are closures: take the arguments now, not when a run needs them
  force(activation); force(epochs); force(exact_epochs); force(lr)
  d <- problem(n, p, hidden)
  X <- d$X; y <- d$y; layers <- d$layers
  Ws <- lapply(layers, `[[`, "W")
  runs <- list(
    nnscratch_r = list(run = function() train(layers, X, y, lr, epochs, activation = activation), epochs = epochs),
    floor_r = list(run = function() floor_loop(X, Ws, activation, epochs), epochs = epochs)
  )
  if (exact_epochs > 0) {
    runs$exact_r <- list(
      run = function() train(layers, X, y, lr, exact_epochs, activation = activation, exact = TRUE),
      epochs = exact_epochs
    )
  }
  if (length(hidden) == 1 && identical(activation, "sigmoid")) {
    bh_rows <- layers[[1]]$b[rep(1, n), , drop = FALSE]
    bout_rows <- layers[[2]]$b[rep(1, n), , drop = FALSE]
    runs$article_r <- list(
      run = function() article_fixed_loop(X, y, layers[[1]]$W, bh_rows, layers[[2]]$W, bout_rows, lr, epochs),
      epochs = epochs
    )
  }
  runs
}

serve <- function(kept = FALSE) {
  con <- file("stdin")
  open(con)
  on.exit(close(con))
  runs <- list()
  repeat {
    line <- readLines(con, n = 1)
    if (length(line) == 0) break
    cmd <- strsplit(line, " ", fixed = TRUE)[[1]]
    if (cmd[1] == "quit") break
    reply <- if (cmd[1] == "case") {
      runs <- contenders(as.integer(cmd[2]), as.integer(cmd[3]), as.integer(strsplit(cmd[4], ",")[[1]]),
                         cmd[5], as.integer(cmd[6]), as.integer(cmd[7]), as.numeric(cmd[8]))
      if (kept) runs <- list(nnscratch_r_kept = runs$nnscratch_r)
      paste0("ok\t", paste(names(runs), collapse = ","), "\t")
    } else if (cmd[1] == "run") {
      r <- runs[[cmd[2]]]
      invisible(gc())
      start <- proc.time()[["elapsed"]]
      r$run()
      format((proc.time()[["elapsed"]] - start) / r$epochs, digits = 17)
    } else {
      paste0("error\tunknown command ", cmd[1])
    }
    cat(reply, "\n", sep = "")
    flush(stdout())
  }
}

if (identical(what, "serve")) {
  serve(kept = identical(args[2], "kept"))
} else {
  # memory / baseline: the `large` case of bench/run.py
  d <- problem(100000L, 20L, 64L)
  if (identical(what, "memory")) fit <- train(d$layers, d$X, d$y, 0.1 / 100000, as.integer(args[3]))
}
