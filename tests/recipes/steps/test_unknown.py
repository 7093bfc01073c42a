"""step_unknown (R: tests/testthat/test-unknown.R)."""

from __future__ import annotations

import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_nominal_predictors, recipe, step_unknown
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"unknown": StepCase(step_unknown, selectors=(all_nominal_predictors(),))}


def test_missing_values_get_the_new_level(modeldata):
    # R: penguins$sex has 11 NA; step_unknown(sex) makes them "unknown"
    penguins = modeldata("penguins")
    p = recipe("body_mass_g ~ .", penguins).step_unknown("sex").prep()
    out = p.bake(None)["sex"]
    assert out.cat.categories.tolist() == ["female", "male", "unknown"]
    assert (out == "unknown").sum() == 11 and out.notna().all()
    got = p.bake(penguins.iloc[:2].assign(sex=[None, "other"]))["sex"]
    assert got.iloc[0] == "unknown" and pd.isna(got.iloc[1])     # R: factor(levels = ) makes new values NA
    assert p.tidy(1)["value"].tolist() == ["unknown"]


def test_errors():
    df = pd.DataFrame({"y": [1.0, 2.0], "g": ["unknown", None]})
    with pytest.raises(InvalidParameterError, match="already has a level 'unknown'"):
        recipe("y ~ .", df).step_unknown("g").prep()
    with pytest.raises(InvalidParameterError, match="`new_level` in step_unknown"):
        recipe("y ~ .", df).step_unknown("g", new_level="")
