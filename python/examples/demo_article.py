"""The article's run, step by step: epoch 1's intermediates, the loss every
1000 epochs and the final output. inst/scripts/demo_article.R prints the
same text from R."""

import nnscratch as nn


def show(name, m):
    print("%s (%d x %d)" % (name, m.shape[0], m.shape[1]))
    for row in m:
        print("".join("%10.4f" % v for v in row))


s = nn.load_scenario("article")
print('Scenario "article": X is 3 x 4, y is 3 x 1, hidden = 3, lr = 0.1, 5000 epochs\n')
print("Epoch 1, step by step")
step = nn.train_step(s["init"], s["X"], s["y"], s["lr"])
for name in step:
    show(name, step[name])

fit = nn.train(s["init"], s["X"], s["y"], s["lr"], s["epochs"])
print("\nLoss, 1/2 sum (y - output)^2")
for epoch in [1, *range(1000, s["epochs"] + 1, 1000)]:
    print("epoch %5d: %.10f" % (epoch, fit["loss"][epoch - 1]))
print()
show("output after training", nn.forward(fit["params"], s["X"])["output"])
