"""A tiny third-party engine package: a trimmed-mean "regression" for linear_reg().

It registers through pytidy's public API only, the way docs/extending.md describes, and is found by
the `pytidy.engines` entry point in ../pytidy_trimmed-0.1.0.dist-info/entry_points.txt.
"""

import numpy as np
from scipy import stats

from pytidy.dials import mixture
from pytidy.parsnip import EngineInfo, register_engine


def fit_trimmed(x, y, *, seed, trim=0.0):
    return float(stats.trim_mean(np.asarray(y, dtype=float), proportiontocut=0.45 * trim))


register_engine(EngineInfo(
    model="linear_reg", engine="trimmed", mode="regression", fit=fit_trimmed,
    predict={"numeric": lambda m, x: np.full(len(x), m)},
    args=("mixture",), arg_map={"mixture": "trim"}, tunable={"mixture": mixture},
))
