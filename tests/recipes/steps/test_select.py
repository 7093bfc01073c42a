"""step_select (R: tests/testthat/test-select.R)."""

from __future__ import annotations

import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_outcomes, recipe, starts_with, step_select
from pytidy.testing import StepCase

CONFORMANCE_CASES = {"select": StepCase(step_select, selectors=("x2", "g", all_outcomes()))}


def test_keeps_selected_in_order(modeldata):
    # R: recipe(~ ., iris) |> step_select(Species, starts_with("Sepal")) keeps that order
    penguins = modeldata("penguins")
    p = recipe("body_mass_g ~ .", penguins).step_select("sex", starts_with("bill"), all_outcomes()).prep()
    assert p.bake(None).columns.tolist() == ["sex", "bill_length_mm", "bill_depth_mm", "body_mass_g"]
    # prediction time: the outcome is absent from new data and is simply not returned
    assert p.bake(penguins.drop(columns="body_mass_g")).columns.tolist() == ["sex", "bill_length_mm", "bill_depth_mm"]
    assert p.tidy(1)["terms"].tolist() == ["sex", "bill_length_mm", "bill_depth_mm", "body_mass_g"]


def test_skip_argument_checked():
    with pytest.raises(InvalidParameterError, match="skip"):
        recipe("y ~ .", pd.DataFrame({"y": [1.0], "x": [1.0]})).step_select("x", skip=1)
