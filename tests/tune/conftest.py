"""Fixtures shared by the tune and finetune tests: small real data and fast workflows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm


@pytest.fixture(scope="module")
def two_class(modeldata):
    return modeldata("two_class_dat").iloc[:300].reset_index(drop=True)


@pytest.fixture(scope="module")
def logistic_wf():
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("Class ~ A + B")


@pytest.fixture(scope="module")
def reg_data():
    rng = np.random.default_rng(11)
    x = rng.normal(size=(64, 3))
    y = 1.5 * x[:, 0] - x[:, 1] + rng.normal(0, 0.5, 64)
    return pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2], "y": y})


@pytest.fixture(scope="module")
def lasso_wf():
    spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("y ~ .")
