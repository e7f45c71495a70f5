"""Write data/moons.csv and data/blobs.csv, the article's second-part data sets.

Run once from the repository root: .venv/bin/python data-raw/moons_blobs.py
scikit-learn is needed here only; the R package and the Python module read
the CSV files. Values are written with 17 significant digits, so that every
double reads back to itself in R and in Python; `;` separates the columns,
as R's data() expects of a .csv file.
"""

from sklearn.datasets import make_blobs, make_moons


def write(path, X, labels, label_name):
    with open(path, "w") as f:
        f.write("x1;x2;%s\n" % label_name)
        for (a, b), c in zip(X, labels):
            f.write("%.17g;%.17g;%d\n" % (a, b, c))


# The article's moons: make_moons(n_samples=1000, random_state=42, noise=0.1).
X, y = make_moons(n_samples=1000, noise=0.1, random_state=42)
write("data/moons.csv", X, y, "y")

# The article's exercise: three blobs, one class each (0, 1, 2).
X, cls = make_blobs(n_samples=300, centers=3, random_state=42)
write("data/blobs.csv", X, cls, "class")
