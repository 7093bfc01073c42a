"""step_sqrt (R: tests/testthat/test-sqrt.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe
from pytidy.recipes.steps.sqrt import step_sqrt  # noqa: F401  (registers the step)


def test_simple_sqrt_as_r():
    ex = pd.DataFrame({"x1": np.linspace(0, 1, 20), "x2": np.tile(np.arange(1, 6), 4)})
    out = recipe("~ .", ex).step_sqrt("x1", "x2").prep().bake(ex)
    np.testing.assert_allclose(out.to_numpy(), np.sqrt(ex.to_numpy()))


def test_tidy_and_repr():
    ex = pd.DataFrame({"x": [1.0, 4.0]})
    rec = recipe("~ .", ex).step_sqrt("x")
    assert rec.tidy(1)["terms"].tolist() == ["x"]
    assert repr(rec.prep().steps[0]) == "Square root transformation on: x [trained]"


def test_non_numeric_is_an_error():
    ex = pd.DataFrame({"x": ["a", "b"]})
    with pytest.raises(InvalidParameterError, match="all selected columns must be double or integer"):
        recipe("~ .", ex).step_sqrt("x").prep()


def test_bad_skip():
    with pytest.raises(InvalidParameterError, match="`skip` in step_sqrt"):
        recipe("~ .", pd.DataFrame({"x": [1.0]})).step_sqrt("x", skip="no")
