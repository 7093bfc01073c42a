"""step_range (R: tests/testthat/test-range.R, on modeldata::biomass)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_numeric_predictors, recipe, step_range
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"range": StepCase(step_range, selectors=(all_numeric_predictors(),))}
VRS = ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


@pytest.fixture
def biomass(modeldata):
    return modeldata("biomass")


def test_biomass_as_r(biomass):
    # R: test-range.R "correct values": (x - min) / (max - min) on training rows, clipping on test rows
    train = biomass[biomass.dataset == "Training"]
    test = biomass[biomass.dataset == "Testing"]
    rec = recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur", train)
    p = rec.step_range(*VRS, clipping=False).prep()
    mins, maxs = train[VRS].min(), train[VRS].max()
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "min", "max", "id"]
    np.testing.assert_allclose(tidied["min"], mins.to_numpy())
    np.testing.assert_allclose(tidied["max"], maxs.to_numpy())
    # R (modeldata::biomass, training rows): carbon ranges 14.61 .. 97.18
    assert (tidied["min"].iloc[0], tidied["max"].iloc[0]) == (14.61, 97.18)
    expected = (test[VRS] - mins) / (maxs - mins)
    np.testing.assert_allclose(p.bake(test)[VRS].to_numpy(), expected.to_numpy())
    outside = test.iloc[:2].assign(carbon=[0.0, 200.0])
    assert p.bake(outside)["carbon"].tolist() == pytest.approx([(0 - 14.61) / (97.18 - 14.61),
                                                                 (200 - 14.61) / (97.18 - 14.61)])
    clipped = rec.step_range(*VRS, min=-2, max=2).prep()
    assert clipped.bake(outside)["carbon"].tolist() == [-2.0, 2.0]          # R: clipping = TRUE
    np.testing.assert_allclose(clipped.bake(test)[VRS].to_numpy(), np.clip(expected.to_numpy() * 4 - 2, -2, 2))


def test_missing_values_kept_and_repr(biomass):
    df = biomass[VRS + ["HHV"]].copy()
    df.loc[3, "carbon"] = np.nan
    p = recipe("HHV ~ .", df).step_range("carbon").prep()
    assert np.isnan(p.bake(None)["carbon"].iloc[3])
    assert repr(p.steps[0]) == "Range scaling to [0,1] for: carbon [trained]"


def test_argument_errors(biomass):
    rec = recipe("HHV ~ carbon", biomass)
    with pytest.raises(InvalidParameterError, match="`min` must be smaller than `max`"):
        rec.step_range("carbon", min=1, max=0)
    with pytest.raises(InvalidParameterError, match="clipping"):
        rec.step_range("carbon", clipping=1)
    with pytest.raises(InvalidParameterError, match="`min`"):
        rec.step_range("carbon", min="a")
