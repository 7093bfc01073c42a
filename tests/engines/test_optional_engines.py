"""Optional engine libraries: a missing one raises MissingDependencyError naming the extra."""

import sys

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import MissingDependencyError

DATA = pd.DataFrame({"x": np.arange(30.0), "y": np.arange(30.0) % 4})


@pytest.mark.parametrize("module,extra,spec", [
    ("xgboost", "xgboost", tm.boost_tree(trees=2).set_mode("regression")),
    ("lightgbm", "lightgbm", tm.boost_tree(trees=2).set_engine("lightgbm").set_mode("regression")),
    ("sklearn", "sklearn", tm.rand_forest(trees=2).set_mode("regression")),
    ("sklearn", "sklearn", tm.svm_rbf().set_mode("regression")),
])
def test_missing_library_names_the_extra(monkeypatch, module, extra, spec):
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingDependencyError, match=rf"pytidymodels\[{extra}\]"):
        spec.fit("y ~ x", data=DATA, seed=1)

