"""step_log (R: tests/testthat/test-log.R)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.recipes import all_numeric_predictors, recipe, step_log
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"log": StepCase(step_log, selectors=(all_numeric_predictors(),), args={"offset": 1})}


@pytest.fixture
def ex():
    return pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "x1": [0.5, 1.0, 10.0, 100.0], "x2": [-5.0, -0.5, 0.0, 8.0]})


def test_natural_log_base_and_offset(ex):
    # R: log(ex_dat$x1, base = 2); log(ex_dat$x1 + 1)
    out = recipe("y ~ .", ex).step_log("x1", base=2).prep().bake(None)
    np.testing.assert_allclose(out["x1"], np.log2(ex["x1"]))
    out = recipe("y ~ .", ex).step_log("x1", offset=1).prep().bake(None)
    np.testing.assert_allclose(out["x1"], np.log(ex["x1"] + 1))
    assert recipe("y ~ .", ex).step_log("x1").prep().bake(None)["x1"].iloc[1] == 0.0


def test_signed_log(ex):
    # R: sign(x) * log(abs(x)) for abs(x) >= 1, 0 otherwise
    out = recipe("y ~ .", ex).step_log("x2", signed=True).prep().bake(None)["x2"]
    np.testing.assert_allclose(out, [-math.log(5), 0.0, 0.0, math.log(8)])
    with pytest.warns(PytidyWarning, match="`offset` is ignored"):
        recipe("y ~ .", ex).step_log("x2", signed=True, offset=1)


def test_tidy_has_base(ex):
    rec = recipe("y ~ .", ex).step_log("x1", "x2", base=10, offset=1)
    assert rec.tidy(1).columns.tolist() == ["terms", "base", "id"]
    tidied = rec.prep().tidy(1)
    assert tidied["terms"].tolist() == ["x1", "x2"] and tidied["base"].tolist() == [10.0, 10.0]


def test_argument_errors(ex):
    rec = recipe("y ~ .", ex)
    with pytest.raises(InvalidParameterError, match="`base` in step_log\\(\\) must be a positive number other than 1"):
        rec.step_log("x1", base=1)
    with pytest.raises(InvalidParameterError, match="base"):
        rec.step_log("x1", base=-2)
    with pytest.raises(InvalidParameterError, match="signed"):
        rec.step_log("x1", signed="yes")
    with pytest.raises(InvalidParameterError, match="all selected columns must be double or integer"):
        recipe("y ~ .", ex.assign(g=["a", "b", "a", "b"])).step_log("g").prep()
