"""step_lincomb (R: tests/testthat/test-lincomb.R) and R's pivoted QR (``qr()``, LINPACK dqrdc2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_numeric_predictors, all_predictors, recipe
from pytidy.recipes.steps.lincomb import iter_lc_rm, qr_pivot

# R's datasets::npk (block, N, P, K, yield)
_NPK = """1 0 1 1 49.5|1 1 1 0 62.8|1 0 0 0 46.8|1 1 0 1 57.0|2 1 0 0 59.8|2 1 1 1 58.5|2 0 0 1 55.5|2 0 1 0 56.0|
3 0 1 0 62.8|3 1 1 1 55.8|3 1 0 0 69.5|3 0 0 1 55.0|4 1 0 0 62.0|4 1 1 1 48.8|4 0 0 0 45.5|4 0 1 1 44.2|
5 1 1 0 52.0|5 0 0 0 51.5|5 1 0 1 49.8|5 0 1 1 48.8|6 1 0 1 57.2|6 1 1 0 59.0|6 0 1 0 53.2|6 0 0 1 56.0"""


@pytest.fixture
def dummies():
    """R: cbind(model.matrix(~ block - 1, npk), model.matrix(~ N - 1, npk), ..., yield)."""
    rows = [list(map(float, r.split())) for r in _NPK.replace("\n", "").split("|")]
    npk = pd.DataFrame(rows, columns=["block", "N", "P", "K", "yield"])
    out = {f"block{b}": (npk["block"] == b).astype(float) for b in range(1, 7)}
    for f in ["N", "P", "K"]:
        out[f"{f}0"] = (npk[f] == 0).astype(float)
        out[f"{f}1"] = (npk[f] == 1).astype(float)
    return pd.DataFrame({**out, "yield": npk["yield"]})


def test_example_1_npk(dummies):
    prepped = recipe("yield ~ .", dummies).step_lincomb(all_predictors()).prep()
    assert prepped.steps[0].removals == ("N1", "P1", "K1")                  # R's expected removals
    assert repr(prepped.steps[0]) == "Linear combination filter removed: N1, P1, K1 [trained]"
    assert prepped.tidy(1)["terms"].tolist() == ["N1", "P1", "K1"]
    assert "N1" not in prepped.bake(dummies).columns


@pytest.fixture
def biomass(modeldata):
    b = modeldata("biomass")
    return b.assign(new_1=0.1 * b["carbon"] - 0.2 * b["hydrogen"] + 0.6 * b["sulfur"],
                    new_2=0.5 * b["carbon"] - 0.2 * b["oxygen"] + 0.6 * b["nitrogen"])


def test_example_2_biomass(biomass):
    tr, te = biomass[biomass["dataset"] == "Training"], biomass[biomass["dataset"] == "Testing"]
    rec = recipe("HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur + new_1 + new_2", tr)
    prepped = rec.step_lincomb(all_predictors()).prep()
    assert prepped.steps[0].removals == ("new_1", "new_2")
    res = prepped.bake(te, all_predictors())
    assert list(res.columns) == ["carbon", "hydrogen", "oxygen", "nitrogen", "sulfur"]


def test_no_exclusions(biomass):
    tr, te = biomass[biomass["dataset"] == "Training"], biomass[biomass["dataset"] == "Testing"]
    prepped = recipe("HHV ~ carbon + hydrogen", tr).step_lincomb(all_predictors()).prep()
    assert prepped.steps[0].removals == ()
    assert list(prepped.bake(te, all_predictors()).columns) == ["carbon", "hydrogen"]
    assert prepped.tidy(1).shape == (0, 2)
    assert repr(prepped.steps[0]) == "Linear combination filter removed: <none> [trained]"


def test_identical_columns_keep_the_first():
    # R #1357: of two identical columns only the second is removed
    df = pd.DataFrame({"mpg": [21.0, 22.8, 21.4, 18.7, 18.1, 14.3]})
    df["mpg_copy"] = df["mpg"]
    out = recipe("~ .", df).step_lincomb(all_numeric_predictors()).prep().bake(None)
    pd.testing.assert_frame_equal(out, df[["mpg"]])


def test_max_steps_bounds_the_rounds(dummies):
    # R's loop breaks when i == max_steps: max_steps = 1 removes nothing
    prepped = recipe("yield ~ .", dummies).step_lincomb(all_predictors(), max_steps=1).prep()
    assert prepped.steps[0].removals == ()
    with pytest.raises(InvalidParameterError, match=r"`max_steps` in step_lincomb\(\) must be a whole number >= 1; got 0"):
        recipe("yield ~ .", dummies).step_lincomb(all_predictors(), max_steps=0)


def test_errors_on_missing_values_and_types():
    df = pd.DataFrame({"y": [1.0, 2, 3], "a": [1.0, np.nan, 3], "g": ["u", "v", "u"]})
    with pytest.raises(InvalidParameterError, match=r"step_lincomb\(\): the column\(s\) \['a'\] have missing or "
                                                     r"infinite values"):
        recipe("y ~ .", df).step_lincomb("a").prep()
    with pytest.raises(InvalidParameterError, match=r"step_lincomb\(\): all selected columns must be double or integer"):
        recipe("y ~ .", df).step_lincomb(all_predictors()).prep()


def test_qr_pivot_rank_and_tolerance():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 6))
    rank, pivot = qr_pivot(x)
    assert rank == 6 and pivot.tolist() == [0, 1, 2, 3, 4, 5]
    dep = np.column_stack([x, x[:, 0] - 2 * x[:, 3] + 1e-10 * rng.normal(size=50), x[:, 1]])
    rank, pivot = qr_pivot(dep)
    assert rank == 6 and pivot.tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
    noisy = np.column_stack([x, x[:, 0] - 2 * x[:, 3] + 1e-3 * rng.normal(size=50)])
    assert qr_pivot(noisy)[0] == 7                                         # above R's 1e-7 tolerance
    wide = rng.normal(size=(3, 5))                                         # p > n: rank n
    assert qr_pivot(wide)[0] == 3
    assert iter_lc_rm(dep, list("abcdefgh"), 5) == ("g", "h")


def test_qr_pivot_matches_numpy_rank_on_random_designs():
    rng = np.random.default_rng(5)
    for _ in range(20):
        base = rng.normal(size=(40, 5))
        combos = base @ rng.integers(-2, 3, size=(5, 3))
        x = np.column_stack([base, combos])[:, rng.permutation(8)]
        rank, pivot = qr_pivot(x)
        assert rank == np.linalg.matrix_rank(x)
        kept = x[:, pivot[:rank]]
        assert np.linalg.matrix_rank(kept) == rank
        assert sorted(pivot.tolist()) == list(range(8))
