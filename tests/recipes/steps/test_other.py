"""step_other (R: tests/testthat/test-other.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import all_nominal_predictors, recipe, step_other
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"other": StepCase(step_other, selectors=(all_nominal_predictors(),), args={"threshold": 0.3})}


@pytest.fixture
def penguins(modeldata):
    return modeldata("penguins")


def test_penguins_proportion_threshold(penguins):
    # R: table(penguins$island): Biscoe 168, Dream 124, Torgersen 52 (52 / 344 = 0.151 < 0.2)
    p = recipe("body_mass_g ~ .", penguins).step_other("island", "species", threshold=0.2).prep()
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "retained", "id"]
    assert tidied["terms"].tolist() == ["island", "island", "species", "species"]
    # species: Adelie 152, Chinstrap 68 (0.198 < 0.2), Gentoo 124
    assert tidied["retained"].tolist() == ["Biscoe", "Dream", "Adelie", "Gentoo"]
    out = p.bake(None)
    assert out["island"].cat.categories.tolist() == ["Biscoe", "Dream", "other"]
    assert (out["island"] == "other").sum() == 52 and (out["species"] == "other").sum() == 68


def test_count_threshold_keeps_levels_with_at_least_that_many(penguins):
    # R: a threshold >= 1 is a count; a level is kept when its count is >= threshold
    p = recipe("body_mass_g ~ .", penguins).step_other("island", threshold=124).prep()
    assert p.tidy(1)["retained"].tolist() == ["Biscoe", "Dream"]
    p = recipe("body_mass_g ~ .", penguins).step_other("island", threshold=125).prep()
    assert p.tidy(1)["retained"].tolist() == ["Biscoe"]


def test_new_levels_and_missing_values(penguins):
    p = recipe("body_mass_g ~ .", penguins).step_other("island", threshold=0.2, other="rare").prep()
    new = penguins.iloc[:4].assign(island=pd.Categorical(["Biscoe", "Mars", None, "Torgersen"]))
    got = p.bake(new)["island"]
    assert got.iloc[[0, 1, 3]].tolist() == ["Biscoe", "rare", "rare"] and pd.isna(got.iloc[2])


def test_no_pooling_leaves_column_alone_and_all_rare_keeps_mode():
    df = pd.DataFrame({"y": np.arange(6.0), "g": list("aabbcc"), "h": list("abcdef")})
    p = recipe("y ~ .", df).step_other("g", "h", threshold=0.2).prep()
    out = p.bake(pd.DataFrame({"g": ["zz"], "h": ["a"]}))
    assert pd.isna(out["g"].iloc[0])           # no level pooled: values untouched (R)
    assert p.tidy(1)["retained"].tolist() == ["a", "b", "c", "a"]   # h: all rare -> the most frequent (first)


def test_tunable_and_errors(penguins):
    rec = recipe("body_mass_g ~ .", penguins).step_other("island", threshold=tune())
    rows = rec.tunable()
    assert [(r["name"], r["component"]) for r in rows] == [("threshold", "step_other")]
    with pytest.raises(InvalidParameterError, match="already a level of 'island'"):
        recipe("body_mass_g ~ .", penguins).step_other("island", threshold=0.2, other="Biscoe").prep()
    with pytest.raises(InvalidParameterError, match="whole-number count"):
        recipe("body_mass_g ~ .", penguins).step_other("island", threshold=2.5)
    with pytest.raises(InvalidParameterError, match="threshold"):
        recipe("body_mass_g ~ .", penguins).step_other("island", threshold=0)
    with pytest.raises(InvalidParameterError, match="`other` in step_other"):
        recipe("body_mass_g ~ .", penguins).step_other("island", other="")
    with pytest.raises(InvalidParameterError, match="must be factor or ordered or string"):
        recipe("body_mass_g ~ .", penguins).step_other("bill_length_mm").prep()
