"""step_normalize, step_center, step_scale (R: tests/testthat/test-normalize.R, test-center.R, test-scale.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, NotTrainedError, PytidyWarning
from pytidy.recipes import all_numeric_predictors, all_predictors, recipe

VRS = ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


@pytest.fixture
def biomass():
    return pd.read_csv(__import__("pathlib").Path(__file__).parents[2] / "data" / "modeldata" / "biomass.csv")


@pytest.fixture
def rec(biomass):
    return recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur", biomass)


def test_normalize_means_and_sds_as_r(rec, biomass):
    # R: means <- vapply(biomass[, 3:7], mean); sds <- vapply(biomass[, 3:7], sd)  (sd uses n - 1)
    std = rec.step_normalize(*VRS, id="norm")
    untrained = std.tidy(1)
    assert untrained["terms"].tolist() == VRS
    assert untrained["statistic"].isna().all() and untrained["value"].isna().all()
    assert untrained["id"].tolist() == ["norm"] * 5
    trained = std.prep(biomass).tidy(1)
    assert trained["terms"].tolist() == VRS + VRS
    assert trained["statistic"].tolist() == ["mean"] * 5 + ["sd"] * 5
    expected = np.concatenate([biomass[VRS].mean().to_numpy(), biomass[VRS].std(ddof=1).to_numpy()])
    np.testing.assert_allclose(trained["value"].to_numpy(), expected, rtol=1e-12)
    # a few digits checked by hand against R's summary of modeldata::biomass
    assert trained["value"].iloc[0] == pytest.approx(48.0, abs=1.0)
    out = std.prep(biomass).bake(biomass)
    np.testing.assert_allclose(out[VRS].mean().to_numpy(), 0, atol=1e-12)
    np.testing.assert_allclose(out[VRS].std().to_numpy(), 1, rtol=1e-12)


def test_normalize_one_column(rec, biomass):
    t = rec.step_normalize("carbon").prep(biomass).tidy(1)
    assert t["terms"].tolist() == ["carbon", "carbon"]
    assert t["value"].tolist() == pytest.approx([biomass.carbon.mean(), biomass.carbon.std()])


def test_na_rm(biomass):
    df = biomass[["HHV"] + VRS].copy()
    df.loc[0, VRS[:3]] = np.nan
    with_na = recipe("~ .", df).step_normalize(all_predictors(), na_rm=False).prep().tidy(1)
    assert with_na["value"].isna().sum() == 6                 # mean and sd of 3 columns are NaN
    without = recipe("~ .", df).step_normalize(all_predictors()).prep().tidy(1)
    assert without["value"].tolist() == pytest.approx(
        df[["HHV"] + VRS].mean().tolist() + df[["HHV"] + VRS].std().tolist())
    with pytest.raises(InvalidParameterError, match="`na_rm` in step_normalize\\(\\) must be True or False; got 2"):
        recipe("~ .", df).step_normalize(all_predictors(), na_rm=2)


def test_zero_variance_warns_and_is_left_unscaled(biomass):
    df = biomass.assign(zero_variance=1.0)
    rec = recipe("HHV ~ carbon + zero_variance", df).step_normalize(all_numeric_predictors())
    with pytest.warns(PytidyWarning, match=r"\['zero_variance'\] have zero variance.*Consider using step_zv"):
        p = rec.prep()
    assert p.bake(None)["zero_variance"].unique().tolist() == [0.0]


def test_non_numeric_selection_errors(biomass):
    rec = recipe("HHV ~ carbon + dataset", biomass).step_normalize(all_predictors())
    with pytest.raises(InvalidParameterError, match=r"must be double or integer; got 'dataset' \(factor\)"):
        rec.prep()


def test_bake_untrained_step_and_printing(rec, biomass):
    step = rec.step_normalize("carbon").steps[0]
    with pytest.raises(NotTrainedError, match=r"step_normalize\(\) \(id 'normalize_1'\) has not been trained"):
        step.bake(biomass)
    assert repr(step) == "Centering and scaling for: carbon"
    p = rec.step_normalize("carbon", "hydrogen").prep()
    assert repr(p.steps[0]) == "Centering and scaling for: carbon, hydrogen [trained]"
    assert repr(rec.step_normalize().steps[0]) == "Centering and scaling for: <none>"


def test_missing_column_named(rec, biomass):
    p = rec.step_normalize("carbon").prep()
    with pytest.raises(InvalidParameterError, match=r"new_data lacks the column\(s\) \['carbon'\]"):
        p.steps[0].bake(biomass.drop(columns="carbon"))


def test_center_and_scale(rec, biomass):
    c = rec.step_center(*VRS).prep()
    assert c.tidy(1)["value"].tolist() == pytest.approx(biomass[VRS].mean().tolist())
    s = rec.step_scale(*VRS).prep()
    assert s.tidy(1)["value"].tolist() == pytest.approx(biomass[VRS].std().tolist())
    s2 = rec.step_scale(*VRS, factor=2).prep()
    assert s2.tidy(1)["value"].tolist() == pytest.approx((2 * biomass[VRS].std()).tolist())
    both = rec.step_center(*VRS).step_scale(*VRS).prep().bake(biomass)
    norm = rec.step_normalize(*VRS).prep().bake(biomass)
    pd.testing.assert_frame_equal(both, norm)
    with pytest.raises(InvalidParameterError, match="`factor` in step_scale\\(\\) must be 1 or 2; got 3"):
        rec.step_scale("carbon", factor=3)
    assert rec.step_center("carbon").tidy(1).columns.tolist() == ["terms", "value", "id"]


def test_integer_columns_become_double():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "k": [1, 2, 3]})
    out = recipe("y ~ .", df).step_normalize("k").prep().bake(None)
    assert out["k"].tolist() == [-1.0, 0.0, 1.0]
