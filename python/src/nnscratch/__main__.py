"""``python -m nnscratch``: the same command line as ``nnscratch``."""

import sys

from .cli import main

sys.exit(main())
