# Times, for one size, nnscratch's train() in R, the fixed article script's
# loop and the floor (an epoch's five matrix products and one exp). Called
# by bench/run.py:
#   Rscript bench/bench.R n p h epochs reps lr what
# what: "time" prints "label<TAB>seconds per epoch (median of reps)" lines;
# "info" prints the BLAS and the threads; "memory" trains once, for the
# peak RSS measured by the caller; "baseline" loads the same and does not
# train.
args <- commandArgs(trailingOnly = TRUE)
what <- args[7]
suppressPackageStartupMessages(library(nnscratch))

if (identical(what, "info")) {
  si <- sessionInfo()
  cat("blas\t", si$BLAS, "\n", sep = "")
  cat("lapack\t", si$LAPACK, "\n", sep = "")
  cat("threads\tOPENBLAS_NUM_THREADS=", Sys.getenv("OPENBLAS_NUM_THREADS", "unset"), "\n", sep = "")
  cat("version\t", R.version.string, "\n", sep = "")
  quit(save = "no")
}

n <- as.integer(args[1]); p <- as.integer(args[2]); h <- as.integer(args[3])
epochs <- as.integer(args[4]); reps <- as.integer(args[5])

# Random data of the size: the cost of an epoch does not depend on the values.
set.seed(1)
X <- matrix(rnorm(n * p), n, p)
y <- matrix(runif(n), n, 1)
init <- list(wh = matrix(rnorm(p * h), p, h), bh = matrix(runif(h), 1, h),
             wout = matrix(rnorm(h), h, 1), bout = matrix(runif(1), 1, 1))
lr <- as.numeric(args[6])

if (identical(what, "baseline")) quit(save = "no")
if (identical(what, "memory")) {
  fit <- train(init, X, y, lr, epochs)
  quit(save = "no")
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

# The least an epoch costs: its five matrix products and one exp over the
# hidden layer, in their cheapest R form.
floor_loop <- function(X, wh, wout, epochs) {
  for (i in seq_len(epochs)) {
    A <- exp(X %*% wh)              # Steps 2-3
    out <- A %*% wout               # Step 4
    g_wout <- crossprod(A, out)     # Step 10, wout
    B <- tcrossprod(out, wout)      # Step 8
    g_wh <- crossprod(X, B)         # Step 10, wh
  }
}

bh_rows <- init$bh[rep(1, n), , drop = FALSE]
bout_rows <- init$bout[rep(1, n), , drop = FALSE]
runs <- list(
  nnscratch_r = function() train(init, X, y, lr, epochs),
  article_r = function() article_fixed_loop(X, y, init$wh, bh_rows, init$wout, bout_rows, lr, epochs),
  floor_r = function() floor_loop(X, init$wh, init$wout, epochs)
)
# Interleave the runs, so that a busy spell on the machine hits all alike.
times <- matrix(NA_real_, reps, length(runs), dimnames = list(NULL, names(runs)))
for (r in seq_len(reps)) {
  for (name in names(runs)) {
    invisible(gc())
    times[r, name] <- system.time(runs[[name]]())[["elapsed"]]
  }
}
for (name in names(runs)) cat(name, "\t", median(times[, name]) / epochs, "\n", sep = "")
