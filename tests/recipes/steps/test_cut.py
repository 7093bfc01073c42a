"""step_cut and step_discretize (R: tests/testthat/test-cut.R, test-discretize.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.hardhat import tune
from pytidy.recipes import recipe
from pytidy.recipes.steps.cut import cut_labels, step_cut  # noqa: F401
from pytidy.recipes.steps.discretize import step_discretize  # noqa: F401

TB = pd.DataFrame({"x": [2.0, 5.0, 7.0], "y": [1.0, 8.0, 12.0]})


def test_step_cut_integration_as_r():
    out = recipe("~ .", TB).step_cut("x", breaks=5).prep().bake(TB)["x"]
    assert out.tolist() == ["[2,5]", "[2,5]", "(5,7]"] and list(out.cat.categories) == ["[2,5]", "(5,7]"]
    out = recipe("~ .", TB).step_cut("y", breaks=[3, 9]).prep().bake(TB)["y"]
    assert out.tolist() == ["[1,3]", "(3,9]", "(9,12]"]
    out = recipe("~ .", TB).step_cut("x", "y", breaks=[4, 6]).prep().bake(TB)
    assert out["x"].tolist() == ["[2,4]", "(4,6]", "(6,7]"]
    assert out["y"].tolist() == ["[1,4]", "(6,12]", "(6,12]"]
    assert list(out["y"].cat.categories) == ["[1,4]", "(4,6]", "(6,12]"]


def test_outside_range_as_r():
    prepped = recipe("~ .", TB).step_cut("x", breaks=5).prep()
    assert prepped.bake(pd.DataFrame({"x": [5.0, 9.0], "y": [1.0, 1.0]}))["x"].isna().tolist() == [False, True]
    prepped = recipe("~ .", TB).step_cut("x", breaks=5, include_outside_range=True).prep()
    out = prepped.bake(pd.DataFrame({"x": [-1.0, 6.0], "y": [1.0, 1.0]}))["x"]
    assert out.tolist() == ["[min,5]", "(5,max]"]


def test_full_breaks_as_r_create_full_breaks():
    def full(x, breaks):
        return recipe("~ .", pd.DataFrame({"v": np.asarray(x, dtype=float)})).step_cut(
            "v", breaks=breaks).prep().tidy(1)["value"].tolist()
    assert full(range(1, 101), 50) == [1, 50, 100]
    assert full(range(1, 101), [50, 70]) == [1, 50, 70, 100]
    assert full(range(75, 151), [50, 70]) == [50, 70, 150]
    with pytest.warns(PytidyWarning, match="one value only"):
        assert full(range(1, 26), 50) == [1, 50]


def test_cut_labels_as_r():
    assert cut_labels(np.array([1.0, 25.75, 50.5, 75.25, 100.0])) == [
        "[1,25.8]", "(25.8,50.5]", "(50.5,75.2]", "(75.2,100]"]
    assert cut_labels(np.array([1.0, 1.0001, 2.0]))[0] == "[1,1.0001]"


def test_cut_errors_and_warnings():
    with pytest.raises(InvalidParameterError, match="`breaks` in step_cut"):
        recipe("~ .", TB).step_cut("x", breaks="a")
    with pytest.raises(InvalidParameterError, match="`include_outside_range` in step_cut"):
        recipe("~ .", TB).step_cut("x", breaks=2, include_outside_range=2)
    with pytest.raises(InvalidParameterError, match="invariant and equal to the break point"):
        recipe("~ .", pd.DataFrame({"x": [3.0, 3.0]})).step_cut("x", breaks=3).prep()
    with pytest.warns(PytidyWarning, match="factor with one value only"):
        recipe("~ .", TB).step_cut("x", breaks=10).prep()
    with pytest.warns(PytidyWarning, match="contains missing values"):
        recipe("~ .", pd.DataFrame({"x": [1.0, np.nan, 5.0]})).step_cut("x", breaks=2).prep()


EX_TR = pd.DataFrame({"x1": np.arange(1.0, 101), "x2": np.repeat(np.arange(1.0, 6), 20)})


def test_discretize_as_r():
    prepped = recipe("~ .", EX_TR.assign(x1=EX_TR.x1.where(EX_TR.index != 1))).step_discretize("x1").prep()
    out = prepped.bake(pd.DataFrame({"x1": [1.0, 50.0, 101.0, np.nan], "x2": 1.0}))["x1"]
    assert out.tolist() == ["bin1", "bin2", "bin4", "bin_missing"]
    assert list(out.cat.categories) == ["bin_missing", "bin1", "bin2", "bin3", "bin4"]
    tidied = prepped.tidy(1)
    np.testing.assert_allclose(tidied["value"][1:4], np.quantile(np.delete(EX_TR.x1.to_numpy(), 1), [.25, .5, .75]))
    assert np.isinf(tidied["value"]).sum() == 2


def test_discretize_too_few_unique():
    with pytest.warns(PytidyWarning, match="'x2' was not binned"):
        prepped = recipe("~ .", EX_TR).step_discretize("x2").prep()
    assert prepped.bake(None)["x2"].dtype == float


def test_discretize_options_and_tunable():
    prepped = recipe("~ .", EX_TR).step_discretize("x1", num_breaks=2, options={"prefix": "q"}).prep()
    assert prepped.bake(None)["x1"].cat.categories.tolist() == ["q1", "q2"]
    rec = recipe("~ .", EX_TR).step_discretize("x1", num_breaks=tune(), min_unique=tune())
    assert set(rec.steps[0].tunable()) == {"min_unique", "num_breaks"}


def test_discretize_errors():
    rec = recipe("~ .", EX_TR)
    with pytest.raises(InvalidParameterError, match="`num_breaks` in step_discretize"):
        rec.step_discretize("x1", num_breaks=1)
    with pytest.raises(InvalidParameterError, match="unknown `options`"):
        rec.step_discretize("x1", options={"cutz": 3})
    with pytest.warns(PytidyWarning, match="not a valid R name"):
        rec.step_discretize("x1", options={"prefix": "a b"})
