# A registry is the one list of its names: an entry added to it works
# everywhere. Twin of python/tests/test_registries.py.
#
# Each test registers newcomers for the test's length only and runs them
# through train(), mlp(), a model file and the plots.

s <- load_scenario("article")

leaky_f <- function(z, exact = FALSE) ifelse(z > 0, z, 0.01 * z)
leaky_slope <- function(a) ifelse(a > 0, 1, 0.01)
sign_descent <- function(p, d, slots, lr, h, shared, exact) list(p = p + sign(d) * lr, slots = slots)
halving <- function(t, base, h, state, exact) base / 2^((t - 1) %/% 10)

# Run `code` with the newcomers in the registries.
with_newcomers <- function(code) {
  ns <- asNamespace("nnscratch")
  activations <- get("activations", ns)
  activations$leaky_relu <- nnscratch:::activation_entry(leaky_f, leaky_slope, TRUE, FALSE, FALSE, FALSE, NULL)
  optimizers <- get("optimizers", ns)
  optimizers$sign_descent <- nnscratch:::optimizer_entry(sign_descent, character(), character())
  schedules <- get("schedules", ns)
  schedules$halving <- nnscratch:::schedule_entry(halving, character(), NULL)
  losses <- get("losses", ns)
  half <- losses$half_sse
  losses$quarter_sse <- nnscratch:::loss_entry(
    function(y, a, output_activation, w, exact) half$value(y, a, output_activation, w, exact) / 2,
    function(y, a, output_activation, w, D, exact) half$delta(y, a, output_activation, w, 2 * D, exact),
    half$pairs, FALSE, "1/4 sum (y - output)^2"
  )
  with_replaced("activations", activations, with_replaced("optimizers", optimizers,
    with_replaced("schedules", schedules, with_replaced("losses", losses, code))))
}

test_that("a new activation, optimizer, schedule and loss train, save, load and plot", {
  with_newcomers({
    b <- load_scenario("blobs")
    labels <- factor(max.col(b$y))
    model <- quietly(mlp(b$X, labels, hidden = 6, activation = "leaky_relu", optimizer = "sign_descent",
      schedule = "halving", loss = "quarter_sse", lr = 0.01, epochs = 30, seed = 1, n_iter_no_change = NULL))
    # the schedule's rates, epoch by epoch
    expect_equal(model$history$lr[c(1, 10, 11, 30)], c(0.01, 0.01, 0.005, 0.0025))
    path <- tempfile(fileext = ".json")
    on.exit(unlink(path))
    save_model(model, path)
    loaded <- load_model(path)
    expect_identical(loaded$settings$activation, "leaky_relu")
    expect_identical(loaded$settings$optimizer, "sign_descent")
    expect_identical(predict(loaded, b$X, type = "prob"), predict(model, b$X, type = "prob"))
    expect_identical(nnscratch:::loss_label(plot_net(model)), "loss: 1/4 sum (y - output)^2, mean over the samples")
    expect_true("hidden 1\nleaky_relu" %in% network_frame(plot_net(model))$layer_names)
    # train(): its settings record the newcomers, which the plots read
    fit <- quietly(train(model$layers, b$X, b$y, 0.001, 3, activation = "leaky_relu", optimizer = "sign_descent",
      schedule = "halving", loss = "quarter_sse", output_activation = "softmax"))
    expect_identical(fit$settings$activation, "leaky_relu")
    expect_identical(nnscratch:::loss_label(plot_net(fit)), "loss: 1/4 sum (y - output)^2")
    # a newcomer without a spreadsheet form is refused by name, before any file is made
    path <- tempfile(fileext = ".xlsx")
    e <- expect_nn_error(
      export_steps(model$layers, b$X[1:5, ], b$y[1:5, ], 0.1, path, activation = "leaky_relu",
        output_activation = "softmax", loss = "log_loss"),
      "`activation` \"leaky_relu\" has no spreadsheet form"
    )
    expect_identical(e$arg, "activation")
    expect_false(file.exists(path))
  })
})

test_that("a new loss of half the article's halves its gradient", {
  with_newcomers({
    # 1/4 sum (y - output)^2 is half the article's loss: at lr the step is the article's at lr / 2
    quarter <- quietly(train(s$init, s$X, s$y, 0.2, 20, loss = "quarter_sse"))
    half <- quietly(train(s$init, s$X, s$y, 0.1, 20))
    expect_equal(quarter$params$wh, half$params$wh, tolerance = 1e-12)
    expect_equal(quarter$loss * 2, half$loss, tolerance = 1e-12)
  })
})

test_that("a name outside the registries is refused everywhere", {
  expect_nn_error(train(s$init, s$X, s$y, 0.1, 5, activation = "leaky_relu"),
    "`activation` must be \"sigmoid\", \"tanh\", \"relu\" or \"identity\"")
  expect_nn_error(mlp(s$X, c(1, 2, 3), optimizer = "sign_descent"),
    "`optimizer` must be \"sgd\", \"momentum\", \"nesterov\", \"rmsprop\" or \"adam\"")
  expect_nn_error(mlp(s$X, c(1, 2, 3), scale = "robust"), "`scale` must be \"standardize\", \"minmax\" or \"none\", not \"robust\".")
  expect_nn_error(init_params(4, 3, 1, scheme = "xavier"),
    "`scheme` must be \"article_r\", \"article_numpy\", \"glorot_r\", \"glorot_numpy\", \"he_r\", \"he_numpy\" or \"sklearn\", not \"xavier\".")
})
