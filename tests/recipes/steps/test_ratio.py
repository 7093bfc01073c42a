"""step_ratio (R: tests/testthat/test-ratio.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_numeric, recipe
from pytidy.recipes.steps.ratio import step_ratio  # noqa: F401

EX = pd.DataFrame({"x1": [1.0, 2.0, 3.0], "x2": [4.0, 5.0, 6.0], "x3": [7.0, 0.0, 9.0]})


def test_one_to_many_as_r():
    prepped = recipe("~ .", EX).step_ratio("x1", denom=all_numeric(), keep_original_cols=True).prep()
    out = prepped.bake(EX)
    assert list(out.columns) == ["x1", "x2", "x3", "x1_o_x2", "x1_o_x3"]
    np.testing.assert_allclose(out["x1_o_x2"], EX.x1 / EX.x2)
    assert np.isinf(out["x1_o_x3"][1])
    tidied = prepped.tidy(1)
    assert tidied["terms"].tolist() == ["x1", "x1"] and tidied["denom"].tolist() == ["x2", "x3"]


def test_many_to_many_removes_originals():
    out = recipe("~ .", EX).step_ratio(all_numeric(), denom=all_numeric()).prep().bake(EX)
    # R's expand.grid order: the numerator varies fastest
    assert list(out.columns) == ["x2_o_x1", "x3_o_x1", "x1_o_x2", "x3_o_x2", "x1_o_x3", "x2_o_x3"]


def test_custom_naming_and_untrained_tidy():
    rec = recipe("~ .", EX).step_ratio("x1", denom=["x2"], naming=lambda a, b: f"{a}_per_{b}")
    assert rec.tidy(1)[["terms", "denom"]].values.tolist() == [["x1", "x2"]]
    assert "x1_per_x2" in rec.prep().bake(EX).columns


def test_errors():
    rec = recipe("~ .", EX)
    with pytest.raises(InvalidParameterError, match="`naming` in step_ratio"):
        rec.step_ratio("x1", denom="x2", naming="x")
    with pytest.raises(InvalidParameterError, match="`denom` selected no columns"):
        rec.step_ratio("x1").prep()
    with pytest.raises(InvalidParameterError, match="`denom` in step_ratio"):
        rec.step_ratio("x1", denom=3)
