# The article's run, step by step: epoch 1's intermediates, the loss every
# 1000 epochs and the final output. python/examples/demo_article.py prints
# the same text from Python.
library(nnscratch)
demo_article()
