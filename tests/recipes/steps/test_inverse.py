"""step_inverse (R: tests/testthat/test-inverse.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe
from pytidy.recipes.steps.inverse import step_inverse  # noqa: F401

EX = pd.DataFrame({"x1": [0.5, 2.0, 4.0], "x5": [0, 1, 1]})


def test_simple_and_offset():
    out = recipe("~ .", EX).step_inverse("x1").prep().bake(EX)
    np.testing.assert_allclose(out["x1"], 1 / EX["x1"])
    out = recipe("~ .", EX).step_inverse("x1", "x5", offset=0.1).prep().bake(EX)
    np.testing.assert_allclose(out[["x1", "x5"]], 1 / (EX[["x1", "x5"]].to_numpy() + 0.1))


def test_zero_gives_inf():
    out = recipe("~ .", EX).step_inverse("x5").prep().bake(EX)
    assert np.isinf(out["x5"][0])


@pytest.mark.parametrize("bad", ["sure", np.nan, True])
def test_bad_offset(bad):
    with pytest.raises(InvalidParameterError, match="`offset` in step_inverse"):
        recipe("~ .", EX).step_inverse("x1", offset=bad)
