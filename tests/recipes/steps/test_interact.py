"""step_interact (R: tests/testthat/test-interact.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.recipes import recipe
from pytidy.recipes.steps.interact import interaction_terms, step_interact  # noqa: F401

TR = pd.DataFrame({
    "x1": np.arange(1.0, 11), "x2": np.arange(2.0, 12), "x3": np.arange(3.0, 13), "x4": np.arange(4.0, 14),
    "x5": np.arange(5.0, 15), "y": -np.arange(101.0, 111),
    "z": pd.Categorical(np.resize(list("abc"), 10), categories=list("abc")),
})
TE = TR.assign(x1=np.arange(21.0, 31), x2=np.arange(22.0, 32))


def test_dot_cubed_as_r():
    prepped = recipe("y ~ .", TR).step_interact("~ (. - y - z)^3", sep=":").prep()
    out = prepped.bake(TE)
    new = [c for c in out.columns if ":" in c]
    assert len(new) == 10 + 10  # choose(5, 2) two-way and choose(5, 3) three-way terms
    assert new[:2] == ["x1:x2", "x1:x3"] and new[-1] == "x3:x4:x5"
    np.testing.assert_allclose(out["x1:x2:x3"], TE.x1 * TE.x2 * TE.x3)


def test_specific_variables_as_r():
    out = recipe("y ~ .", TR).step_interact("~ x1:x2 + x3:x4:x5").prep().bake(TE)
    assert [c for c in out.columns if "_x_" in c] == ["x1_x_x2", "x3_x_x4_x_x5"]
    np.testing.assert_allclose(out["x3_x_x4_x_x5"], TE.x3 * TE.x4 * TE.x5)
    assert "x1" in out.columns  # keep_original_cols = TRUE by default (R)


def test_selectors_after_dummy_as_r():
    rec = recipe("y ~ .", TR).step_dummy("z").step_interact("~ starts_with('z'):x1")
    out = rec.prep().bake(TE)
    np.testing.assert_allclose(out["z_b_x_x1"], (TE.z == "b") * TE.x1)
    np.testing.assert_allclose(out["z_c_x_x1"], (TE.z == "c") * TE.x1)
    assert rec.prep().tidy(2)["terms"].tolist() == ["z_b:x1", "z_c:x1"]


def test_factor_interaction_warns_and_uses_contrasts():
    with pytest.warns(PytidyWarning, match="categorical variables"):
        prepped = recipe("y ~ .", TR).step_interact("~ x1:z").prep()
    out = prepped.bake(TE)
    np.testing.assert_allclose(out["x1_x_zb"], (TE.z == "b") * TE.x1)
    assert "x1_x_za" not in out.columns


def test_star_and_term_order():
    info = recipe("y ~ .", TR).var_info
    cols = list(TR.columns)
    assert interaction_terms("~ x2*x1 + x1:x3", info, cols) == [("x2", "x1"), ("x1", "x3")]
    assert interaction_terms("~ (x1 + x2 + x3)^2 - x1:x3", info, cols) == [("x1", "x2"), ("x2", "x3")]


def test_untrained_tidy_and_repr():
    rec = recipe("y ~ .", TR).step_interact("~ x1:x2")
    assert rec.tidy(1)["terms"].tolist() == ["~ x1:x2"]
    assert repr(rec.steps[0]) == "Interactions with: ~ x1:x2"
    assert repr(rec.prep().steps[0]) == "Interactions with: x1:x2 [trained]"


def test_errors():
    rec = recipe("y ~ .", TR)
    with pytest.raises(InvalidParameterError, match="must be a formula string"):
        rec.step_interact(3)
    with pytest.raises(InvalidParameterError, match="'nope', which is not a column"):
        rec.step_interact("~ x1:nope").prep()
    with pytest.raises(InvalidParameterError, match="cannot read the interaction formula.*not closed"):
        rec.step_interact("~ (x1:x2").prep()
    with pytest.raises(InvalidParameterError, match="is not a selector call"):
        rec.step_interact("~ print('x'):x1").prep()
    with pytest.raises(InvalidParameterError, match="`sep` in step_interact"):
        rec.step_interact("~ x1:x2", sep=1)
