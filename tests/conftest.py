"""Shared fixtures: the real data sets of R's modeldata, read with their factor levels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pytidy as tm

DATA = Path(__file__).parent / "data" / "modeldata"


#: R writes a missing value as ``NA`` (or an empty field); pandas' default NA list would also turn
#: real levels such as ames' ``"None"`` (Mas_Vnr_Type, Misc_Feature) into missing values.
NA_VALUES = ["NA", ""]


def load_modeldata(name: str) -> pd.DataFrame:
    """Read ``tests/data/modeldata/<name>.csv`` with R's factor levels from ``levels.json``.

    Only ``NA`` and empty fields are missing (see ``tests/data/modeldata/README.md``).
    """
    df = pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, na_values=NA_VALUES)
    levels = json.loads((DATA / "levels.json").read_text()).get(name, {})
    for col, lv in levels.items():
        df[col] = pd.Categorical(df[col].astype(str) if df[col].dtype != object else df[col], categories=lv)
    return df


@pytest.fixture(scope="session")
def modeldata():
    """``modeldata("hpc_cv")`` returns a fresh copy of that set."""
    cache: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = load_modeldata(name)
        return cache[name].copy()

    return get


# ---- small real data and fast workflows shared by tests/tune and tests/finetune ---------------


@pytest.fixture(scope="module")
def two_class(modeldata):
    """The first 300 rows of modeldata's two_class_dat (predictors A, B; outcome Class)."""
    return modeldata("two_class_dat").iloc[:300].reset_index(drop=True)


@pytest.fixture(scope="module")
def logistic_wf():
    """A lasso logistic regression (glmnet) workflow with ``penalty = tune()`` on two_class."""
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("Class ~ A + B")


@pytest.fixture(scope="module")
def reg_data():
    """64 rows of y = 1.5 x1 - x2 + noise (x3 is noise)."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=(64, 3))
    y = 1.5 * x[:, 0] - x[:, 1] + rng.normal(0, 0.5, 64)
    return pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2], "y": y})


@pytest.fixture(scope="module")
def lasso_wf():
    """A lasso linear regression (glmnet) workflow with ``penalty = tune()`` on reg_data."""
    spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("y ~ .")


# ---- complexity checks without timing ---------------------------------------------------------


def count_python_calls(fn, *args, **kwargs) -> int:
    """The number of Python and builtin function calls ``fn(*args, **kwargs)`` makes.

    A vectorised implementation makes about the same number of calls on 1,000 rows as on 100,000;
    a loop over rows makes calls in proportion to the rows (``list.append``, ``float()``, a
    ``lambda`` per row ... are all counted, as ``sys.setprofile`` sees builtin calls too).
    """
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture
def python_calls():
    """``python_calls(fn, *args)`` counts the function calls of one call (see count_python_calls)."""
    return count_python_calls
