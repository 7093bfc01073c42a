"""step_logit and step_invlogit (R: tests/testthat/test-logit.R, test-invlogit.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe
from pytidy.recipes.steps.invlogit import step_invlogit  # noqa: F401
from pytidy.recipes.steps.logit import step_logit  # noqa: F401

EX = pd.DataFrame({"x1": [0.2, 0.5, 0.9], "x2": [-1.0, 0.3, 2.0], "x3": [0.0, 0.5, 1.0]})


def test_simple_logit():
    out = recipe("~ .", EX).step_logit("x1").prep().bake(EX)
    np.testing.assert_allclose(out["x1"], np.log(EX.x1 / (1 - EX.x1)))
    pd.testing.assert_series_equal(out["x2"], EX["x2"])


def test_offset_replaces_zero_and_one_as_r():
    out = recipe("~ .", EX).step_logit("x3", offset=0.1).prep().bake(EX)
    expected = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(out["x3"], np.log(expected / (1 - expected)))
    out = recipe("~ .", EX).step_logit("x3").prep().bake(EX)
    assert out["x3"].tolist() == [-np.inf, 0.0, np.inf]


def test_out_of_bounds_is_an_error():
    with pytest.raises(InvalidParameterError, match="'x2' has the value -1, out of range"):
        recipe("~ .", EX).step_logit("x1", "x2").prep()


def test_bad_offset():
    with pytest.raises(InvalidParameterError, match="`offset` in step_logit"):
        recipe("~ .", EX).step_logit("x1", offset="sure")


def test_missing_values_stay_missing():
    ex = pd.DataFrame({"p": [0.5, np.nan]})
    out = recipe("~ .", ex).step_logit("p").prep().bake(ex)
    assert out["p"][0] == 0.0 and np.isnan(out["p"][1])


def test_invlogit_as_r_binomial_linkinv():
    ex = pd.DataFrame({"x": [0.0, 2.0, -40.0, 40.0]})
    out = recipe("~ .", ex).step_invlogit("x").prep().bake(ex)["x"].to_numpy()
    eps = np.finfo(float).eps
    np.testing.assert_allclose(out[:2], 1 / (1 + np.exp(-np.array([0.0, 2.0]))))
    assert out[2] == eps / (1 + eps)
    assert out[3] == (1 / eps) / (1 + 1 / eps)
    rec = recipe("~ .", ex).step_invlogit("x", id="il")
    assert rec.tidy(id="il")["terms"].tolist() == ["x"]
