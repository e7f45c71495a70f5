"""The article's run, step by step: epoch 1's intermediates, the loss every
1000 epochs and the final output. inst/scripts/demo_article.R prints the
same text from R; the code is nnscratch.demo.demo_article, which
`nnscratch demo` runs too."""

from nnscratch.demo import demo_article

demo_article()
