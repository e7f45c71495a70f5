#' Shared scenarios: data and initial weights
#'
#' Every matrix of every scenario, one value per row, in long format. Read a
#' whole scenario with [load_scenario()]. The Python module reads the same
#' file. Values are written with 17 significant digits, so that each double
#' reads back to itself in R and in Python.
#'
#' Rows are samples in every `X` and `y`. The settings of each scenario
#' (hidden neurons, learning rate, epochs, biases, the seed and scheme
#' that [init_params()] draws its initial weights with, the activations,
#' the loss and the weight decay) are in [scenario_settings].
#'
#' @section Scenarios:
#' \describe{
#'   \item{`article`}{The article's data: 3 samples of 4 binary inputs,
#'     `X = [[1,0,1,0],[1,0,1,1],[0,1,0,1]]`, and one target, `y = [1,1,0]`.
#'     3 hidden neurons with biases, `lr = 0.1`, 5000 epochs. The initial
#'     weights are what the article's R script draws after `set.seed(42)`
#'     (`rnorm` for `wh`, `runif` for `bh`, `rnorm` for `wout`, `runif` for
#'     `bout`; scheme `"article_r"`).}
#'   \item{`article_nobias`}{The same data and settings without biases: `bh`
#'     and `bout` are absent, and `wh` and `wout` are the `rnorm` draws after
#'     `set.seed(42)` with the two `runif` draws skipped, so `wh` is the
#'     `article`'s `wh` and `wout` is not its `wout`.}
#'   \item{`part2_walkthrough`}{The article's second part, its walk-through
#'     of one epoch, a network without biases: `X =
#'     [[1,0,0,0],[1,0,1,1],[0,1,0,1]]`, `y = [1,1,0]`, 3 hidden neurons,
#'     `lr = 0.01`, 1 epoch. The article's notebook holds samples in columns
#'     there, so it works on the transpose; here, as everywhere in the
#'     package, rows are samples, so `X` is 3 x 4 (3 samples of 4 inputs)
#'     and `y` is 3 x 1 (`train(layout = "columns")` takes the notebook's
#'     layout). The initial weights are what its notebook draws after
#'     `np.random.seed(42)`: `np.random.uniform` of shape (4, 3) for `wh`,
#'     then (3, 1) for `wout` (scheme `"article_numpy"`, `skip = 0`).}
#'   \item{`part2_toy`}{The same network trained as the article's notebook
#'     then trains it, for 1000 epochs at `lr = 0.01`. The notebook does not
#'     seed again: it draws (4, 3) and (3, 1) uniforms once more, the 16th
#'     to 30th of the stream (`skip = 15`). At this learning rate the loss
#'     falls only from 0.341 to 0.316 in 1000 epochs; the scenario follows
#'     the article, it is not a good fit.}
#'   \item{`moons`}{The article's moons, [moons] normalised as the article
#'     normalises them: the minimum over both features together is
#'     subtracted, then the result is divided by its maximum. 1000 samples,
#'     2 inputs, one target (the moon, 0 or 1); 10 hidden neurons without
#'     biases, `lr = 0.1`, 10000 epochs. The initial weights continue the
#'     notebook's stream: uniforms of shape (2, 10) and (10, 1), the 31st to
#'     60th after `np.random.seed(42)` (`skip = 30`). `output > 0.5` is
#'     right for 986 of the 1000 samples after training, in R and in Python,
#'     though by default the two part after epoch 3900 (see the parity
#'     suite); with `exact = TRUE` they agree bit for bit to the end.}
#'   \item{`blobs`}{The article's exercise: [blobs] normalised as `moons`,
#'     300 samples of 2 inputs and one-hot targets for 3 classes; 3 hidden
#'     neurons without biases, `lr = 0.05`, 2000 epochs, initial weights the
#'     uniforms of shape (2, 3) then (3, 3) after `np.random.seed(42)`. The
#'     largest output picks the right class for all 300 samples, and the
#'     loss falls at every epoch (with 5 hidden neurons at `lr = 0.1` it
#'     rises now and then, where R and Python could part).}
#'   \item{`football`}{A reader's three-class data from the article's
#'     comments: 15 samples of 3 inputs and one-hot targets (8, 3 and 4
#'     samples of the three classes). The raw inputs range up to 42, which
#'     saturates the sigmoid, so each column of `X` is divided by its maximum
#'     over the 15 samples (42, 2 and 19) and stored so scaled, in \[0, 1\];
#'     multiply by those maxima to get the reader's numbers back. 8 hidden
#'     neurons with biases, `lr = 0.2`, 10000 epochs, initial weights drawn
#'     as the article's R script draws them after `set.seed(42)`. With these
#'     settings the loss falls from 5.80 to 0.042 (always outputting the
#'     class shares would give 4.53) and the largest output picks the right
#'     class for all 15 samples (always guessing the largest class would be
#'     right for 8). These settings were chosen for a smooth descent as well
#'     as a good fit: with 3 to 6 hidden neurons at `lr = 0.5` or `1`,
#'     training passes through unstable stretches where a rounding difference
#'     in the last bit grows past 1e-12 (up to 1.4 in the loss), and R and
#'     Python, whose sums round differently, part.}
#'   \item{`blobs_deep`}{The `blobs` data through two hidden layers of
#'     `"tanh"` units (8 and 4) with biases into a `"softmax"` output,
#'     trained on `"log_loss"`; `lr = 0.001` (the loss is summed over the
#'     300 samples), 2000 epochs. The initial weights are what
#'     [init_params()] draws with `seed = 42` and scheme `"article_r"`: for
#'     each layer in turn, `rnorm` for its weights, then `runif` for its
#'     biases. The largest output picks the right class for all 300 samples.
#'     At `lr = 0.005` the loss rises now and then, and a last-bit change in
#'     one weight moves it by 1e-6, where R and Python would part.}
#'   \item{`regression_relu`}{A small regression set, written by
#'     `data-raw/scenarios.R`: 60 samples of 3 inputs drawn uniformly on
#'     \[-1, 1\] after `set.seed(2024)`, and one target,
#'     `sin(pi * x1) + x2 * x3` plus normal noise with sd 0.1, drawn next; the
#'     targets leave \[0, 1\]. Three hidden layers of `"relu"` units (8, 8
#'     and 4) with biases, an `"identity"` output and `"half_mse"`;
#'     `lr = 0.01`, 2000 epochs; initial weights as `blobs_deep`'s, drawn for
#'     these sizes.}
#'   \item{`football_decay`}{`football` with weight decay `0.001`: the same
#'     data, network, initial weights, learning rate and epochs, and
#'     `(decay / 2) * sum(W^2)` over the weight matrices added to the loss.
#'     It still puts all 15 samples in their class.}
#' }
#'
#' @section Weights of several layers:
#' The article's network stores its weights as the matrices `wh`, `bh`,
#' `wout` and `bout`. A network of several hidden layers stores each
#' layer's as `W1`, `b1`, `W2`, `b2`, ..., from the input to the output;
#' [load_scenario()] returns them as a list of layers.
#'
#' @format A data frame with columns:
#' \describe{
#'   \item{scenario}{the scenario's name}
#'   \item{matrix}{`X`, `y`, `wh`, `bh`, `wout` or `bout`; `W1`, `b1`,
#'     `W2`, ... for a network of several hidden layers}
#'   \item{row, col}{the value's position in its matrix}
#'   \item{value}{the value}
#' }
#' @source `data-raw/scenarios.R`.
#' @docType data
#' @name scenarios
#' @keywords datasets
NULL

#' Shared scenarios: training settings
#'
#' One row per scenario in [scenarios].
#'
#' @format A data frame with columns:
#' \describe{
#'   \item{scenario}{the scenario's name}
#'   \item{hidden}{the number of neurons of each hidden layer, separated
#'     by spaces: `"3"`, `"8 4"`}
#'   \item{lr}{the learning rate}
#'   \item{epochs}{the number of epochs}
#'   \item{bias}{whether the network has biases}
#'   \item{seed, scheme}{how the initial weights were drawn: the seed, and
#'     `"article_r"` (the article's R script: `rnorm` and `runif`) or
#'     `"article_numpy"` (the article's numpy script: uniform)}
#'   \item{skip}{how many numbers were drawn from the seed before the
#'     initial weights: the article's notebook seeds once and draws the
#'     weights of several networks in turn. With `skip = 0`,
#'     [init_params()] draws them again; otherwise draw `skip` more
#'     uniforms with [numpy_uniform()] and drop the first `skip`.}
#'   \item{activation}{the activation of the hidden layers, one name for
#'     all of them: `"sigmoid"`, `"tanh"` or `"relu"`}
#'   \item{output_activation}{`"sigmoid"`, `"softmax"` or `"identity"`}
#'   \item{loss}{`"half_sse"`, `"half_mse"` or `"log_loss"`}
#'   \item{decay}{the weight decay, 0 for none}
#'   \item{data}{the scenario whose data and initial weights in [scenarios]
#'     it uses: its own name, or another's for a scenario that trains the
#'     same network in another way}
#'   \item{train}{the other settings of [train()], `name=value` pairs
#'     separated by spaces (e.g. `"optimizer=adam seed=11"`; a vector's
#'     values separated by commas), empty for the article's settings}
#' }
#' The scenarios of the article's network (`article` to `football`) have
#' the article's settings: `"sigmoid"` units and output, `"half_sse"`, no
#' decay. Pass them on to [train()] as in the example of [load_scenario()].
#' @source `data-raw/scenarios.R`.
#' @docType data
#' @name scenario_settings
#' @keywords datasets
NULL

#' The article's moons
#'
#' Two interleaving half circles, the data of the article's second part:
#' what scikit-learn's `make_moons(n_samples = 1000, noise = 0.1,
#' random_state = 42)` returns, written once by `data-raw/moons_blobs.py`
#' with 17 significant digits (scikit-learn is not needed to read it). Not
#' normalised; the scenario `"moons"` of [load_scenario()] holds it
#' normalised as the article does.
#'
#' @format A data frame with 1000 rows and columns:
#' \describe{
#'   \item{x1, x2}{the two inputs}
#'   \item{y}{the moon, 0 or 1 (500 samples each)}
#' }
#' @source `data-raw/moons_blobs.py`.
#' @examples
#' utils::data("moons", package = "nnscratch")
#' plot(moons$x1, moons$x2, col = moons$y + 1)
#' @docType data
#' @name moons
#' @keywords datasets
NULL

#' Three blobs, the article's exercise
#'
#' Three Gaussian blobs in the plane: what scikit-learn's `make_blobs(
#' n_samples = 300, centers = 3, random_state = 42)` returns, written once
#' by `data-raw/moons_blobs.py` with 17 significant digits. Not normalised;
#' the scenario `"blobs"` of [load_scenario()] holds it normalised, with
#' one-hot targets.
#'
#' @format A data frame with 300 rows and columns:
#' \describe{
#'   \item{x1, x2}{the two inputs}
#'   \item{class}{the blob, 0, 1 or 2 (100 samples each)}
#' }
#' @source `data-raw/moons_blobs.py`.
#' @examples
#' utils::data("blobs", package = "nnscratch")
#' plot(blobs$x1, blobs$x2, col = blobs$class + 1)
#' @docType data
#' @name blobs
#' @keywords datasets
NULL
