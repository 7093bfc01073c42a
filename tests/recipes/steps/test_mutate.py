"""step_mutate (R: tests/testthat/test-mutate.R)."""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe, step_mutate
from pytidy.testing import StepCase


# itemgetter pickles (a function defined in this module would not: the conformance suite loads
# test modules under another name)
CONFORMANCE_CASES = {"mutate": StepCase(step_mutate, selectors=({"x2_copy": operator.itemgetter("x2"),
                                                                  "ratio": "x2 / i"},))}


def test_new_and_replaced_columns(modeldata):
    biomass = modeldata("biomass")
    rec = recipe("HHV ~ carbon + hydrogen + oxygen", biomass)
    p = rec.step_mutate(ch="carbon / hydrogen", oxygen=lambda d: d["oxygen"] * 10,
                        ch2=lambda d: d["ch"] ** 2).prep()
    out = p.bake(None)
    assert out.columns.tolist() == ["carbon", "hydrogen", "oxygen", "HHV", "ch", "ch2"]
    np.testing.assert_allclose(out["ch"], biomass["carbon"] / biomass["hydrogen"])
    np.testing.assert_allclose(out["oxygen"], biomass["oxygen"] * 10)
    np.testing.assert_allclose(out["ch2"], out["ch"] ** 2)
    info = p.term_info.set_index("variable")
    assert info.loc["ch", "role"] == "predictor" and info.loc["ch", "source"] == "derived"
    tidied = p.tidy(1)
    assert tidied.columns.tolist() == ["terms", "value", "id"]
    assert tidied["terms"].tolist() == ["ch", "oxygen", "ch2"]
    assert tidied["value"].tolist()[:2] == ["carbon / hydrogen", "<function <lambda>>"]
    # bake on new rows uses the new data, a scalar is broadcast
    new = biomass.iloc[:2]
    assert p.bake(new)["ch"].tolist() == pytest.approx((new.carbon / new.hydrogen).tolist())
    assert rec.step_mutate({"one x": 1.0}).prep().bake(None)["one x"].tolist()[:2] == [1.0, 1.0]


def test_errors(modeldata):
    biomass = modeldata("biomass")
    rec = recipe("HHV ~ carbon", biomass)
    with pytest.raises(InvalidParameterError, match="computing 'z' = nope \\+ 1 failed"):
        rec.step_mutate(z="nope + 1").prep()
    with pytest.raises(InvalidParameterError, match="must be a string, a function of the data or a constant"):
        rec.step_mutate(z=[1, 2])
    with pytest.raises(InvalidParameterError, match="positional arguments must be dicts"):
        rec.step_mutate("carbon")
    with pytest.raises(InvalidParameterError, match="one value or one value per row"):
        rec.step_mutate(z=lambda d: np.zeros(3)).prep()
    with pytest.raises(InvalidParameterError, match="has 3 values; the data have"):
        rec.step_mutate(z=lambda d: d["carbon"].iloc[:3]).prep()
    with pytest.raises(InvalidParameterError, match="column names must be non-empty strings"):
        rec.step_mutate({"": "carbon"})
