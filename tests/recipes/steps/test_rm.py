"""step_rm (R: tests/testthat/test-rm.R)."""

from __future__ import annotations

import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import recipe, starts_with, step_rm
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"rm": StepCase(step_rm, selectors=("x1", "s"))}


def test_removes_columns(modeldata):
    # R: recipe(HHV ~ ., biomass) |> step_rm(sample, dataset)
    biomass = modeldata("biomass")
    p = recipe("HHV ~ .", biomass).step_rm("sample", "dataset").prep()
    assert p.bake(None).columns.tolist() == ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur", "HHV"]
    assert p.tidy(1)["terms"].tolist() == ["sample", "dataset"]
    assert "sample" not in set(p.term_info["variable"])
    assert recipe("HHV ~ .", biomass).step_rm(starts_with("s")).tidy(1)["terms"].tolist() == [repr(starts_with("s"))]


def test_skip_argument_checked():
    with pytest.raises(InvalidParameterError, match="skip"):
        recipe("y ~ .", pd.DataFrame({"y": [1.0], "x": [1.0]})).step_rm("x", skip="no")
