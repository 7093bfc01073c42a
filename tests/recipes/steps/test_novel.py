"""step_novel (R: tests/testthat/test-novel.R)."""

from __future__ import annotations

import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_nominal_predictors, recipe, step_novel
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"novel": StepCase(step_novel, selectors=(all_nominal_predictors(),))}


def test_new_values_get_the_new_level(modeldata):
    penguins = modeldata("penguins")
    p = recipe("body_mass_g ~ .", penguins).step_novel("island", new_level="unseen").prep()
    assert p.bake(None)["island"].cat.categories.tolist() == ["Biscoe", "Dream", "Torgersen", "unseen"]
    new = penguins.iloc[:3].assign(island=["Dream", "Anvers", None])
    got = p.bake(new)["island"]
    assert got.iloc[:2].tolist() == ["Dream", "unseen"] and pd.isna(got.iloc[2])
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "value", "id"] and tidied["value"].tolist() == ["unseen"]


def test_existing_level_is_an_error():
    df = pd.DataFrame({"y": [1.0, 2.0], "g": ["new", "a"]})
    with pytest.raises(InvalidParameterError, match="already has a level 'new'"):
        recipe("y ~ .", df).step_novel("g").prep()
    with pytest.raises(InvalidParameterError, match="`new_level` in step_novel"):
        recipe("y ~ .", df).step_novel("g", new_level=1)
