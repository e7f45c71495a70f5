s <- load_scenario("article")

test_that("mlp with the article's settings trains what train trains and predicts with forward", {
  fit <- article_mlp(s$X, s$y, hidden = 3, lr = 0.1, epochs = 5000, init = s$init)
  direct <- train(s$init, s$X, s$y, 0.1, 5000)
  expect_identical(as_article(fit$layers), direct$params)
  expect_identical(fit$loss, direct$loss)
  expect_identical(predict(fit, s$X), forward(direct$params, s$X)$output)
  expect_equal(predict(fit, s$X, type = "class"), c(1L, 1L, 0L))
  # a data frame's rows keep their names, as nnet's and lm's predictions do
  expect_identical(predict(fit, as.data.frame(s$X)), `rownames<-`(predict(fit, s$X), c("1", "2", "3")))
})

test_that("mlp with a seed draws init_params with that seed and its scheme", {
  fit <- quietly(article_mlp(s$X, s$y, epochs = 1, seed = 42))
  init <- init_params(4, 3, 1, seed = 42)
  expect_identical(init, s$init)
  expect_identical(as_article(fit$layers), quietly(train(init, s$X, s$y, 0.1, 1))$params)
  fit <- quietly(mlp(s$X, c(1, 2, 3), hidden = 5, epochs = 1, seed = 7))
  expect_identical(fit$settings$scheme, "sklearn")
  expect_identical(fit$state$optimizer$t, 1L)
})

test_that("print shows the architecture, epochs and final loss", {
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 100)
  out <- capture.output(print(fit))
  expect_match(out[1], "a 4-3-1 network with biases", fixed = TRUE)
  expect_match(out[2], "trained for 100 epochs at lr = 0.1", fixed = TRUE)
  expect_match(out[3], sprintf("final loss: %.6g", fit$loss[100]), fixed = TRUE)
})

test_that("coef names the weights as nnet does", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 10))
  cf <- coef(fit)
  expect_length(cf, 4 * 3 + 3 + 3 + 1)
  expect_equal(cf[["b->h2"]], as_article(fit$layers)$bh[1, 2])
  expect_equal(cf[["i4->h3"]], as_article(fit$layers)$wh[4, 3])
  expect_equal(cf[["h2->o1"]], as_article(fit$layers)$wout[2, 1])
  expect_equal(cf[["b->o1"]], as_article(fit$layers)$bout[1, 1])
})

test_that("several outputs: one-hot classes come back as the arg-max", {
  X <- rbind(diag(3), diag(3))
  y <- rbind(diag(3), diag(3))
  fit <- article_mlp(X, y, hidden = 4, lr = 1, epochs = 3000, seed = 1)
  expect_equal(predict(fit, X, type = "class"), c(1:3, 1:3))
  expect_equal(dim(predict(fit, X)), c(6L, 3L))
})

test_that("a network without biases has no bias weights", {
  fit <- quietly(article_mlp(s$X, s$y, bias = FALSE, seed = 3, epochs = 10))
  expect_null(as_article(fit$layers)$bh)
  expect_null(as_article(fit$layers)$bout)
  expect_false(any(grepl("^b->", names(coef(fit)))))
})

test_that("predict is a method: the package does not mask stats::predict", {
  expect_false("predict" %in% getNamespaceExports("nnscratch"))
})

test_that("the data frame and formula methods fit what the matrix method fits", {
  df <- data.frame(s$X, target = s$y[, 1])
  by_matrix <- article_mlp(s$X, s$y, init = s$init, epochs = 200)
  by_df <- article_mlp(df[1:4], df$target, init = s$init, epochs = 200)
  by_formula <- article_mlp(target ~ ., data = df, init = s$init, epochs = 200)
  # Column names travel into the weights' dimnames; the numbers are the same.
  unnamed <- function(layers) lapply(layers, lapply, unname)
  expect_identical(unnamed(by_df$layers), by_matrix$layers)
  expect_identical(unnamed(by_formula$layers), by_matrix$layers)
  expect_identical(unname(predict(by_formula, df)), unname(predict(by_matrix, s$X)))
  expect_identical(unname(predict(by_df, df)), unname(predict(by_formula, df)))
})

test_that("a formula expands factor predictors and predicts from new rows", {
  df <- data.frame(x = c(0, 1, 0, 1), g = factor(c("a", "b", "b", "a")), y = c(0, 1, 1, 0))
  fit <- quietly(article_mlp(y ~ x + g, data = df, hidden = 2, epochs = 10, seed = 1))
  expect_equal(fit$settings$n_input, 2)
  # One new row holding only level "b" still gets the indicator column gb.
  X <- cbind(x = 1, gb = 1)
  expect_identical(predict(fit, df[2, ]), forward(as_article(fit$layers), X)$output, ignore_attr = TRUE)
})

test_that("a two-level factor is one output that is 1 for the second level", {
  labels <- factor(c("yes", "yes", "no"), levels = c("no", "yes"))
  fit <- article_mlp(s$X, labels, init = s$init, epochs = 500)
  numeric <- article_mlp(s$X, c(1, 1, 0), init = s$init, epochs = 500)
  expect_identical(fit$layers, numeric$layers)
  expect_identical(fit$classes, c("no", "yes"))
  cls <- predict(fit, s$X, type = "class")
  expect_s3_class(cls, "factor")
  expect_identical(levels(cls), c("no", "yes"))
  expected <- ifelse(forward(as_article(numeric$layers), s$X)$output[, 1] > 0.5, "yes", "no")
  expect_identical(as.character(cls), expected)
})

test_that("a factor with three levels is one-hot and class is the arg-max level", {
  X <- rbind(diag(3), diag(3))
  labels <- factor(rep(c("b", "c", "a"), 2))
  fit <- article_mlp(X, labels, hidden = 4, lr = 1, epochs = 3000, seed = 1)
  onehot <- article_mlp(X, outer(as.integer(labels), 1:3, "==") + 0, hidden = 4, lr = 1, epochs = 3000, seed = 1)
  expect_identical(fit$layers, onehot$layers)
  expect_identical(colnames(predict(fit, X)), c("a", "b", "c"))
  # Did it learn: every training row gets its own label back.
  expect_identical(predict(fit, X, type = "class"), labels)
})

test_that("character and logical outcomes are class labels too", {
  fit <- quietly(article_mlp(s$X, c("u", "u", "v"), init = s$init, epochs = 10))
  expect_identical(fit$classes, c("u", "v"))
  fit <- quietly(article_mlp(s$X, c(TRUE, TRUE, FALSE), init = s$init, epochs = 10))
  expect_identical(fit$classes, c(FALSE, TRUE))
  # a logical's classes are FALSE and TRUE even when one is not seen
  fit <- quietly(article_mlp(s$X, c(TRUE, TRUE, TRUE), init = s$init, epochs = 10))
  expect_identical(fit$classes, c(FALSE, TRUE))
  expect_identical(fit$layers, quietly(article_mlp(s$X, c(1, 1, 1), init = s$init, epochs = 10))$layers)
})

test_that("class labels are sorted by code point, whatever the locale", {
  fit <- quietly(mlp(s$X, c("b", "B", "a"), hidden = 3, epochs = 1, seed = 1))
  expect_identical(fit$classes, c("B", "a", "b"))
})

test_that("summary groups the weights by the neuron they feed, as nnet does", {
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 100)
  sm <- summary(fit)
  expect_named(sm$weights, c("h1", "h2", "h3", "o1"))
  expect_identical(sm$weights$h2, c(
    "b->h2" = as_article(fit$layers)$bh[1, 2], "i1->h2" = as_article(fit$layers)$wh[1, 2],
    "i2->h2" = as_article(fit$layers)$wh[2, 2], "i3->h2" = as_article(fit$layers)$wh[3, 2],
    "i4->h2" = as_article(fit$layers)$wh[4, 2]
  ))
  out <- capture.output(print(sm))
  expect_identical(out[1], "a 4-3-1 network with 19 weights")
  expect_match(out[2], sprintf("loss %.6g at epoch 1, %.6g at the last", fit$loss[1], fit$loss[100]), fixed = TRUE)
  expect_match(out[3], "^ *b->h1 +i1->h1 +i2->h1 +i3->h1 +i4->h1 *$")
  expect_match(out[4], sprintf("%.4f", as_article(fit$layers)$wh[1, 1]), fixed = TRUE)
  expect_match(out[9], "^ *b->o1 +h1->o1 +h2->o1 +h3->o1 *$")
})

test_that("plot draws the stored loss and recomputes nothing", {
  fit <- article_mlp(s$X, s$y, init = s$init, epochs = 300)
  fit$layers <- NULL
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_identical(plot(fit), fit)
  usr <- graphics::par("usr")
  expect_equal(usr[1:2], c(1, 300) + c(-1, 1) * 0.04 * 299)
  expect_true(10^usr[3] <= min(fit$loss) && 10^usr[4] >= max(fit$loss))
})

test_that("mlp's errors name the argument", {
  expect_error(mlp(s$X, factor(c("a", "a", "a")), epochs = 1), "`y` must have at least two classes, not 1 class.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X, factor(c("a", NA, "b")), epochs = 1), "`y` must not contain NA; found NA at row 2.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(data.frame(a = 1:3, b = letters[1:3]), s$y), "`X` must be a numeric matrix, not a data frame with a text column `b`.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(y ~ ., data = "df"), "`data` must be a data frame, not \"df\".", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X, s$y, lr = -1), "`lr` must be a positive number, not -1.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X, s$y, epochs = 0), "`epochs` must be a whole number from 1 to 2147483647, not 0.", class = "nnscratch_error", fixed = TRUE)
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 1))
  expect_error(predict(fit, s$X, type = "response"), "`type` must be \"raw\", \"class\" or \"prob\", not \"response\".", class = "nnscratch_error", fixed = TRUE)
})

test_that("predict gives probabilities whose rows sum to 1", {
  X <- scale(as.matrix(iris[1:4]))
  fit <- article_mlp(X, iris$Species, hidden = 5, lr = 0.01, epochs = 1000, seed = 1)
  raw <- predict(fit, X)
  p <- predict(fit, X, type = "prob")
  expect_identical(colnames(p), levels(iris$Species))
  expect_equal(rowSums(p), rep(1, 150), tolerance = 1e-15)
  # the article's one-hot sigmoid outputs, each divided by its row's sum
  expect_equal(p, raw / rowSums(raw), tolerance = 1e-15, ignore_attr = TRUE)
  expect_identical(predict(fit, X, type = "class"), factor(colnames(p)[max.col(p, "first")], levels = colnames(p)))
  # Did it learn: well above the no-skill 1/3.
  expect_gt(mean(predict(fit, X, type = "class") == iris$Species), 0.9)
  # two classes: 1 - p and p
  fit <- article_mlp(s$X, c("yes", "yes", "no"), init = s$init, epochs = 500)
  out <- predict(fit, s$X)[, 1]
  expect_identical(predict(fit, s$X, type = "prob"), cbind(no = 1 - out, yes = out))
  # softmax: its outputs
  fit <- article_mlp(X, iris$Species, hidden = 5, lr = 0.01, epochs = 300, seed = 1, output_activation = "softmax", loss = "log_loss")
  expect_identical(unname(predict(fit, X, type = "prob")), unname(predict(fit, X)))
  expect_error(
    nnscratch:::output_probabilities(predict(fit, X), "identity"),
    "Probabilities need a \"sigmoid\" or \"softmax\" output, not \"identity\".", class = "nnscratch_error", fixed = TRUE
  )
})

test_that("mlp dispatches on X and names the class it cannot take", {
  expect_error(mlp(new.env(), 1), "`X` must be a numeric matrix, a data frame or a formula, not an object of class \"environment\".", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(list(a = 1), 1), "`X` must be a numeric matrix, not a list of length 1.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(c(1, 0, 1), 1), "`X` must be a numeric matrix, not a numeric vector of length 3. Reshape your data", class = "nnscratch_error", fixed = TRUE)
  # a stand-in for a Matrix package sparse matrix, which is not installed here
  sparse <- structure(list(), class = c("dgCMatrix", "sparseMatrix"))
  expect_error(mlp(sparse, s$y), "`X` must be a dense numeric matrix; sparse input is not supported.", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X), "`y` must be given: this model requires y to be passed, but the target y is None (NULL).", class = "nnscratch_error", fixed = TRUE)
})

test_that("an unknown, misspelt or partial argument is an error naming it", {
  params <- paste0("the parameters are ", paste(c(
    "hidden", "activation", "output_activation", "loss", "reduction", "decay", "optimizer", "lr", "momentum", "rho",
    "beta1", "beta2", "epsilon", "schedule", "power_t", "gamma", "epochs", "batch_size", "scale", "validation",
    "early_stopping", "patience", "tol", "n_iter_no_change", "dropout", "class_weight", "bias", "init", "seed", "scheme",
    "trace_every", "record_gradients", "layout", "verbose", "progress", "exact", "weights", "validation_data"
  ), collapse = ", "), ".")
  expect_error(mlp(s$X, s$y, epoch = 10), paste("`epoch` is not a parameter;", params), class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X, s$y, sizee = 3), "`sizee` is not a parameter;", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(as.data.frame(s$X), s$y, size = 5), "`size` is not a parameter;", class = "nnscratch_error", fixed = TRUE)
  df <- data.frame(s$X, y = s$y[, 1])
  expect_error(mlp(y ~ ., df, weight = c(1, 1, 1)), "`weight` is not a parameter;", class = "nnscratch_error", fixed = TRUE)
  expect_error(mlp(s$X, s$y, 3), "The parameters of mlp() must be named; argument 1 after `X` and `y` has no name.", class = "nnscratch_error", fixed = TRUE)
  # decay is a parameter: it reaches the fit
  expect_identical(quietly(article_mlp(y ~ ., df, decay = 0.01, init = s$init, epochs = 2))$settings$decay, 0.01)
})

test_that("the formula method takes subset and na.action, as nnet does", {
  X <- scale(as.matrix(iris[1:4]))
  d <- data.frame(X, Species = iris$Species)
  d$Sepal.Length[3] <- NA
  init <- init_params(4, 2, 3, seed = 1)
  # na.omit (the default) drops row 3; subset keeps rows 1 to 100 first
  fit <- quietly(mlp(Species ~ ., d, hidden = 2, init = init, epochs = 20, subset = 1:100))
  kept <- setdiff(1:100, 3)
  expect_identical(fit$classes, levels(iris$Species))
  expect_identical(unname(fit$layers[[1]]$W), unname(quietly(mlp(X[kept, ], iris$Species[kept], hidden = 2, init = init, epochs = 20))$layers[[1]]$W))
  expect_error(mlp(Species ~ ., d, hidden = 2, init = init, epochs = 2, na.action = stats::na.fail), "missing values")
  # the data frame method refuses NA, as Python does
  expect_error(mlp(d[1:4], iris$Species, hidden = 2, init = init, epochs = 2), "`X` must not contain NA, NaN or Inf; found NA at row 3, column 1.", class = "nnscratch_error", fixed = TRUE)
})

test_that("predict forges new data: columns by name, novel levels, missing columns", {
  df <- data.frame(a = s$X[, 1], b = s$X[, 2], c = s$X[, 3], d = s$X[, 4])
  fit <- quietly(article_mlp(as.matrix(df), s$y, init = s$init, epochs = 20))
  expect_identical(unname(predict(fit, df[4:1])), predict(fit, s$X))
  expect_identical(predict(fit, as.matrix(df)[, 4:1]), predict(fit, s$X))
  expect_error(predict(fit, df[1:3]), "`newdata` must have the columns the model was trained on; it lacks `d`.", class = "nnscratch_error", fixed = TRUE)
  g <- data.frame(x = c(0, 1, 0, 1), g = factor(c("a", "b", "b", "a")), y = c(0, 1, 1, 0))
  fit <- quietly(article_mlp(y ~ x + g, data = g, hidden = 2, epochs = 10, seed = 1))
  # a novel level is NA, with hardhat's warning, and its prediction NA
  expect_warning(out <- predict(fit, data.frame(x = c(1, 0), g = c("c", "a"))), "Novel levels")
  expect_identical(is.na(out[, 1]), c(`1` = TRUE, `2` = FALSE))
})

test_that("an unfitted model is an error of its own class", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 1))
  fit$layers <- NULL
  expect_error(predict(fit, s$X), "This model is not fitted yet: call `fit` (R: `mlp()`) before predicting.", class = "nnscratch_not_fitted", fixed = TRUE)
})

test_that("traced and untraced epochs give the same bits", {
  set.seed(1)
  X <- matrix(rnorm(3000 * 4), ncol = 4)
  y <- (X[, 1] > 0) + 0
  plain <- quietly(article_mlp(X, y, init = s$init, epochs = 30, lr = 1e-4))
  traced <- quietly(article_mlp(X, y, init = s$init, epochs = 30, lr = 1e-4, trace_every = 7))
  expect_identical(plain$loss, traced$loss)
  expect_identical(plain$layers, traced$layers)
})

test_that("logical classes print as TRUE and FALSE", {
  fit <- quietly(article_mlp(s$X, c(TRUE, TRUE, FALSE), init = s$init, epochs = 10))
  expect_true("classes: FALSE, TRUE" %in% capture.output(print(summary(fit))))
})

test_that("coef names the inputs by the feature names and one-hot outputs by their classes", {
  X <- as.matrix(iris[1:4])
  fit <- quietly(mlp(X, iris$Species, hidden = 2, epochs = 2, seed = 1))
  cf <- coef(fit)
  expect_identical(cf[["Petal.Width->h2"]], unname(fit$layers[[1]]$W[4, 2]))
  expect_identical(cf[["b->virginica"]], fit$layers[[2]]$b[1, 3])
  expect_identical(cf[["h1->setosa"]], fit$layers[[2]]$W[1, 1])
  # one output for two classes is o1; no names, i1, i2, ...
  two <- quietly(mlp(unname(X[1:100, ]), droplevels(iris$Species[1:100]), hidden = 2, epochs = 2, seed = 1))
  expect_identical(names(coef(two))[c(1, 2, 11)], c("b->h1", "i1->h1", "b->o1"))
})

test_that("a regression has no classes nor probabilities", {
  X <- as.matrix(mtcars[-1])
  fit <- quietly(mlp(X, mtcars$mpg, hidden = 4, epochs = 5, seed = 1))
  expect_nn_error(predict(fit, X, type = "class"),
    "Classes are predicted for a model of classes; this model is a regression, whose predictions are numbers.")
  expect_nn_error(predict(fit, X, type = "prob"),
    "Probabilities are for classes; this model is a regression, whose predictions are numbers.")
  # the article's network predicts classes from numeric targets in [0, 1]
  article <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 10))
  expect_identical(predict(article, s$X, type = "class"), as.integer(predict(article, s$X)[, 1] > 0.5))
})

test_that("weights and validation data reach training", {
  X <- as.matrix(iris[1:4])
  held <- seq(1, 150, by = 5)
  w <- rep(c(1, 2), 60)
  fit <- quietly(mlp(X[-held, ], iris$Species[-held], hidden = 3, epochs = 3, seed = 1, weights = w,
    validation_data = list(X[held, ], iris$Species[held])))
  expect_length(fit$history$validation_loss, 3)
  # the validation rows are scaled as the training rows are, and their labels coded as theirs
  a <- forward(fit$layers, scale(X[held, ], fit$scale$center, fit$scale$scale), "relu", "softmax")$a
  onehot <- outer(as.integer(iris$Species[held]), 1:3, "==") + 0
  expect_equal(fit$history$validation_loss[3],
    -sum(onehot * log(a[[3]])) / 30 + 1e-4 / 2 * (sum(fit$layers[[1]]$W^2) + sum(fit$layers[[2]]$W^2)) / 30,
    tolerance = 1e-12)
  expect_nn_error(mlp(X, iris$Species, epochs = 1, validation_data = list(X[, 1:2], iris$Species)),
    "`validation_data` must have 4 columns of X, as the training data has, not 2.")
})

test_that("names everywhere: the outcome's name in coef, summary and predictions, and the rows' names", {
  fit <- quietly(mlp(mpg ~ wt + hp, data = mtcars, hidden = 2, epochs = 5, seed = 1))
  cf <- coef(fit)
  expect_identical(names(cf), c(
    "b->h1", "wt->h1", "hp->h1", "b->h2", "wt->h2", "hp->h2", "b->mpg", "h1->mpg", "h2->mpg"
  ))
  expect_identical(cf[["h2->mpg"]], fit$layers[[2]]$W[2, 1])
  expect_named(summary(fit)$weights, c("h1", "h2", "mpg"))
  expect_match(capture.output(print(summary(fit))), "^ *b->mpg +h1->mpg +h2->mpg *$", all = FALSE)
  p <- predict(fit, mtcars[5:7, ])
  expect_identical(dimnames(p), list(c("Hornet Sportabout", "Valiant", "Duster 360"), "mpg"))
  # the same numbers as a fit that knows no names
  plain <- quietly(mlp(as.matrix(mtcars[c("wt", "hp")]), mtcars$mpg, hidden = 2, epochs = 5, seed = 1))
  expect_identical(names(coef(plain))[7], "b->o1")
  expect_identical(unname(predict(plain, unname(as.matrix(mtcars[5:7, c("wt", "hp")])))), unname(p))
  # a matrix response names its columns; a data frame y its column
  both <- quietly(mlp(cbind(mpg, qsec) ~ wt, data = mtcars, hidden = 2, epochs = 2, seed = 1))
  expect_identical(colnames(predict(both, mtcars)), c("mpg", "qsec"))
  expect_identical(names(coef(both))[c(5, 8)], c("b->mpg", "b->qsec"))
  by_df <- quietly(mlp(mtcars["wt"], mtcars["mpg"], hidden = 2, epochs = 2, seed = 1))
  expect_identical(names(coef(by_df))[5], "b->mpg")
  # two classes: the one output is named by the outcome
  d <- transform(mtcars, am = factor(am, labels = c("automatic", "manual")))
  two <- quietly(mlp(am ~ wt + hp, data = d, hidden = 2, epochs = 2, seed = 1))
  expect_identical(names(coef(two))[7:9], c("b->am", "h1->am", "h2->am"))
  expect_identical(colnames(predict(two, d, type = "prob")), c("automatic", "manual"))
})

test_that("predict follows na.action for a formula fit: NA in, NA out, in place", {
  d <- transform(mtcars, am = factor(am, labels = c("automatic", "manual")))
  fit <- quietly(mlp(am ~ wt + hp, data = d, hidden = 3, epochs = 20, seed = 1))
  gaps <- d[1:6, ]
  gaps$wt[2] <- NA
  gaps$hp[5] <- NA
  complete <- d[c(1, 3, 4, 6), ]
  # na.pass (the default) and na.exclude: the rows with NA are NA, in place
  for (action in list(stats::na.pass, stats::na.exclude)) {
    raw <- predict(fit, gaps, na.action = action)
    expect_identical(rownames(raw), rownames(gaps))
    expect_identical(is.na(raw[, 1]), setNames(c(FALSE, TRUE, FALSE, FALSE, TRUE, FALSE), rownames(gaps)))
    expect_identical(raw[c(1, 3, 4, 6), , drop = FALSE], predict(fit, complete))
    cls <- predict(fit, gaps, type = "class", na.action = action)
    expect_identical(as.character(cls), replace(as.character(predict(fit, d[1:6, ], type = "class")), c(2, 5), NA))
    expect_identical(levels(cls), c("automatic", "manual"))
  }
  expect_identical(predict(fit, gaps)[c(1, 3, 4, 6), , drop = FALSE], predict(fit, complete))
  # na.omit drops them; na.fail refuses them
  expect_identical(unclass(predict(fit, gaps, type = "prob", na.action = stats::na.omit)),
    unclass(predict(fit, complete, type = "prob")))
  expect_error(predict(fit, gaps, na.action = stats::na.fail), "missing values")
  # a matrix or data frame fit refuses NA, as Python does
  by_df <- quietly(mlp(d[c("wt", "hp")], d$am, hidden = 3, epochs = 2, seed = 1))
  expect_nn_error(predict(by_df, gaps[c("wt", "hp")]), "`newdata` must not contain NA, NaN or Inf; found NA at row 2, column 1.")
})

test_that("record_gradients is a parameter: the fit keeps the gradients' norms, and only when asked", {
  fit <- quietly(article_mlp(s$X, s$y, init = s$init, epochs = 7, record_gradients = TRUE))
  expect_identical(dim(fit$history$gradients), c(7L, 2L))
  # the article's first step, by hand: the norm of -dE/dW of each layer at the initial weights
  a1 <- 1 / (1 + exp(-(s$X %*% s$init$wh + rep(s$init$bh, each = 3))))
  out <- 1 / (1 + exp(-(a1 %*% s$init$wout + s$init$bout[1, 1])))
  d_output <- (s$y - out) * out * (1 - out)
  d_hidden <- (d_output %*% t(s$init$wout)) * a1 * (1 - a1)
  expect_equal(fit$history$gradients[1, ], c(sqrt(sum((t(s$X) %*% d_hidden)^2)), sqrt(sum((t(a1) %*% d_output)^2))),
    tolerance = 1e-12)
  expect_null(quietly(article_mlp(s$X, s$y, init = s$init, epochs = 7))$history$gradients)
  expect_nn_error(mlp(s$X, s$y, record_gradients = "yes"), "`record_gradients` must be TRUE or FALSE, not \"yes\".")
})
