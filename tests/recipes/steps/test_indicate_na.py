"""step_indicate_na (R: tests/testthat/test-indicate_na.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_predictors, recipe, step_indicate_na
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"indicate_na": StepCase(step_indicate_na, selectors=(all_predictors(),))}


def test_penguins_indicators(modeldata):
    # R: recipe(~ ., penguins) |> step_indicate_na(all_predictors()): one integer column per variable
    penguins = modeldata("penguins")
    p = recipe("body_mass_g ~ .", penguins).step_indicate_na("bill_length_mm", "sex").prep()
    out = p.bake(None)
    assert out.columns.tolist()[-2:] == ["na_ind_bill_length_mm", "na_ind_sex"]
    assert out["na_ind_bill_length_mm"].dtype == np.int64
    assert out["na_ind_bill_length_mm"].sum() == 2 and out["na_ind_sex"].sum() == 11  # R: sum(is.na(...))
    info = p.term_info.set_index("variable")
    assert info.loc["na_ind_sex", "role"] == "predictor" and info.loc["na_ind_sex", "source"] == "derived"
    new = penguins.iloc[:3].assign(sex=[None, "male", None])
    assert p.bake(new)["na_ind_sex"].tolist() == [1, 0, 1]


def test_prefix_and_keep_original_cols():
    df = pd.DataFrame({"y": [1.0, 2.0], "x": [np.nan, 1.0]})
    out = recipe("y ~ .", df).step_indicate_na("x", prefix="miss", keep_original_cols=False).prep().bake(None)
    assert out.columns.tolist() == ["y", "miss_x"]
    assert recipe("y ~ .", df).step_indicate_na("x").prep().tidy(1)["terms"].tolist() == ["x"]


def test_argument_errors():
    rec = recipe("y ~ .", pd.DataFrame({"y": [1.0], "x": [1.0]}))
    with pytest.raises(InvalidParameterError, match="`prefix` in step_indicate_na"):
        rec.step_indicate_na("x", prefix="")
    with pytest.raises(InvalidParameterError, match="`role` in step_indicate_na"):
        rec.step_indicate_na("x", role=3)
    with pytest.raises(InvalidParameterError, match="keep_original_cols"):
        rec.step_indicate_na("x", keep_original_cols="no")
