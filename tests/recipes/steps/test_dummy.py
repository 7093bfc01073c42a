"""step_dummy (R: tests/testthat/test-dummy.R; names from R's output on modeldata::penguins)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.recipes import all_nominal_predictors, recipe
from pytidy.recipes.steps.dummy import contr_poly, dummy_names, make_names


def test_penguins_names_and_values(modeldata):
    penguins = modeldata("penguins").dropna()
    p = recipe("body_mass_g ~ .", penguins).step_dummy(all_nominal_predictors()).prep()
    out = p.bake(None)
    # R: bake(prep(recipe(body_mass_g ~ ., penguins) |> step_dummy(all_nominal_predictors())), NULL)
    assert out.columns.tolist() == [
        "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g",
        "species_Chinstrap", "species_Gentoo", "island_Dream", "island_Torgersen", "sex_male",
    ]
    assert out["species_Gentoo"].sum() == (penguins["species"] == "Gentoo").sum()
    assert out["sex_male"].tolist() == (penguins["sex"] == "male").astype(float).tolist()
    assert list(out.index) == list(penguins.index)
    t = p.tidy(1)
    assert t["terms"].tolist() == ["species", "species", "island", "island", "sex"]
    assert t["columns"].tolist() == ["Chinstrap", "Gentoo", "Dream", "Torgersen", "male"]


def test_one_hot_and_keep_original(modeldata):
    penguins = modeldata("penguins").dropna()
    out = recipe("body_mass_g ~ species", penguins).step_dummy("species", one_hot=True, keep_original_cols=True)
    baked = out.prep().bake(None)
    assert baked.columns.tolist() == ["species", "body_mass_g", "species_Adelie", "species_Chinstrap", "species_Gentoo"]
    assert (baked[["species_Adelie", "species_Chinstrap", "species_Gentoo"]].sum(axis=1) == 1).all()


def test_missing_and_novel_levels_give_nan():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "g": ["a", "b", None, "c"]})
    p = recipe("y ~ .", df).step_dummy("g").prep()
    out = p.bake(None)
    assert out.loc[2, ["g_b", "g_c"]].isna().all()
    with pytest.warns(PytidyWarning, match=r"new levels in 'g': \['zz'\].*step_novel"):
        new = p.bake(pd.DataFrame({"g": ["b", "zz"]}))
    assert new["g_b"].tolist()[0] == 1.0 and np.isnan(new["g_b"].tolist()[1])


def test_ordered_uses_poly_contrasts():
    df = pd.DataFrame({"y": np.arange(6.0), "q": pd.Categorical(list("lmhlmh"), categories=list("lmh"), ordered=True)})
    out = recipe("y ~ .", df).step_dummy("q").prep().bake(None)
    assert out.columns.tolist() == ["y", "q_1", "q_2"]
    # R: contr.poly(3) = [-0.7071068, 0, 0.7071068] and [0.4082483, -0.8164966, 0.4082483]
    np.testing.assert_allclose(out["q_1"].iloc[:3], [-0.7071068, 0.0, 0.7071068], atol=1e-7)
    np.testing.assert_allclose(out["q_2"].iloc[:3], [0.4082483, -0.8164966, 0.4082483], atol=1e-7)


def test_contr_poly_matches_r_for_four_levels():
    # R: round(contr.poly(4), 7)
    expected = np.array([[-0.6708204, 0.5, -0.2236068], [-0.2236068, -0.5, 0.6708204],
                         [0.2236068, -0.5, -0.6708204], [0.6708204, 0.5, 0.2236068]])
    np.testing.assert_allclose(contr_poly(4), expected, atol=1e-7)


def test_make_names_like_r():
    assert make_names(["Fiber optic", "2nd", "a+b", "if", ".x", "ok_1"]) == [
        "Fiber.optic", "X2nd", "a.b", "if.", ".x", "ok_1"]
    assert dummy_names("v", ["a", "b"]) == ["v_a", "v_b"]
    assert dummy_names("v", list(range(12)), ordinal=True)[:2] == ["v_01", "v_02"]


def test_errors():
    df = pd.DataFrame({"y": [1.0, 2.0], "g": ["a", "a"], "x": [1.0, 2.0]})
    with pytest.raises(InvalidParameterError, match="only one factor level in 'g'"):
        recipe("y ~ .", df).step_dummy("g").prep()
    assert recipe("y ~ .", df).step_dummy("g", one_hot=True).prep().bake(None)["g_a"].tolist() == [1.0, 1.0]
    with pytest.raises(InvalidParameterError, match=r"must be factor or ordered; got 'x' \(double\)"):
        recipe("y ~ .", df).step_dummy("x").prep()
    with pytest.raises(InvalidParameterError, match="`one_hot` in step_dummy\\(\\) must be True or False"):
        recipe("y ~ .", df).step_dummy("g", one_hot="yes")
    with pytest.raises(InvalidParameterError, match="`role` in step_dummy\\(\\) must be a non-empty string"):
        recipe("y ~ .", df).step_dummy("g", role=None)


def test_role_of_new_columns():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["a", "b", "c"]})
    p = recipe("y ~ .", df).step_dummy("g", role="dummies").prep()
    assert p.term_info.set_index("variable").loc[["g_b", "g_c"], "role"].tolist() == ["dummies", "dummies"]
