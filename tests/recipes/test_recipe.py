"""Recipe infrastructure: recipe(), roles, prep(), bake(), juice(), tidy(), tuning hooks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, NotTrainedError, PytidyWarning
from pytidy.hardhat import tune
from pytidy.recipes import (
    PreparedRecipe,
    Recipe,
    all_numeric_predictors,
    all_outcomes,
    all_predictors,
    bake,
    juice,
    prep,
    recipe,
)


@pytest.fixture
def df():
    return pd.DataFrame(
        {"y": [1.0, 2.0, 3.0, 4.0], "a": [1, 2, 3, 4], "b": ["u", "v", "u", "w"], "c": [0.5, 0.1, 0.2, 0.9]},
        index=[10, 11, 12, 13],
    )


# ---- recipe() -------------------------------------------------------------------------------

def test_formula_roles_and_order(df):
    rec = recipe("y ~ .", df)
    assert isinstance(rec, Recipe)
    assert rec.var_info["variable"].tolist() == ["a", "b", "c", "y"]   # R: predictors, then outcomes
    assert rec.var_info["role"].tolist() == ["predictor"] * 3 + ["outcome"]
    assert rec.var_info["source"].unique().tolist() == ["original"]
    assert rec.var_info["type"].tolist() == [
        ("integer", "numeric"), ("string", "unordered", "nominal"), ("double", "numeric"), ("double", "numeric")]
    assert rec.outcomes == ["y"] and rec.predictors == ["a", "b", "c"]


@pytest.mark.parametrize(
    "formula, outcomes, predictors",
    [
        ("y ~ a + c", ["y"], ["a", "c"]),
        ("y ~ . - b", ["y"], ["a", "c"]),
        ("y + c ~ .", ["y", "c"], ["a", "b"]),
        ("~ .", [], ["y", "a", "b", "c"]),
        ("y ~ `a b`", ["y"], ["a b"]),
    ],
)
def test_formula_forms(df, formula, outcomes, predictors):
    data = df.assign(**{"a b": 1.0}) if "`" in formula else df
    rec = recipe(formula, data)
    assert rec.outcomes == outcomes and rec.predictors == predictors
    assert list(rec.template.columns) == predictors + outcomes


def test_data_first_forms(df):
    assert recipe(df, "y ~ a").predictors == ["a"]
    rec = recipe(df, vars=["y", "a"], roles=["outcome", "predictor"])
    assert rec.outcomes == ["y"] and rec.predictors == ["a"]
    free = recipe(df)
    assert free.var_info["role"].isna().all() and free.predictors == []


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda d: recipe("y ~ log(a)", d), "No in-line functions"),
        (lambda d: recipe("y ~ a:c", d), "No in-line functions"),
        (lambda d: recipe("y ~ zz", d), r"names column\(s\) \['zz'\]"),
        (lambda d: recipe("y a", d), "must be a string containing '~'"),
        (lambda d: recipe("y ~ (", d), "Could not parse the recipe formula"),
        (lambda d: recipe("y ~ .", d.to_dict()), "`data` must be a pandas DataFrame"),
        (lambda d: recipe(3, d), "needs a formula string and a DataFrame"),
        (lambda d: recipe(d, 3), "second argument must be a formula string"),
        (lambda d: recipe(d, "y ~ .", vars=["a"]), "`vars` cannot be used together with a formula"),
        (lambda d: recipe(d, "y ~ .", roles=["a"]), "`roles` cannot be used together with a formula"),
        (lambda d: recipe(d, vars=["a", "a"]), "`vars` must have unique members"),
        (lambda d: recipe(d, vars=["a", "q"]), r"the `vars` \['q'\] are not columns"),
        (lambda d: recipe(d, vars=["a"], roles=["x", "y"]), "must have one role per variable"),
        (lambda d: recipe("y ~ .", d.set_axis([0.5, 1.5, 2.5, 3.5], axis=1)), "column name of `data` must be a string"),
        (lambda d: recipe("y ~ .", d.set_axis(["y", "a", "a", "c"], axis=1)), "duplicated column names"),
    ],
)
def test_recipe_errors(df, call, match):
    with pytest.raises(InvalidParameterError, match=match):
        call(df)


# ---- roles ----------------------------------------------------------------------------------

def test_update_add_remove_role(df):
    rec = recipe("y ~ .", df).update_role("a", new_role="id variable")
    assert rec.predictors == ["b", "c"]
    rec = rec.add_role("c", new_role="extra")
    assert rec.var_info.loc[rec.var_info.variable == "c", "role"].tolist() == ["predictor", "extra"]
    with pytest.raises(InvalidParameterError, match="has several roles"):
        rec.update_role("c", new_role="z")
    rec2 = rec.update_role("c", new_role="z", old_role="extra")
    assert rec2.var_info.loc[rec2.var_info.variable == "c", "role"].tolist() == ["predictor", "z"]
    with pytest.raises(InvalidParameterError, match="has no role 'nope'"):
        rec.update_role("c", new_role="z", old_role="nope")
    rec3 = rec.remove_role("c", old_role="extra")
    assert rec3.var_info.loc[rec3.var_info.variable == "c", "role"].tolist() == ["predictor"]
    rec4 = rec3.remove_role("c", old_role="predictor")
    assert rec4.var_info.loc[rec4.var_info.variable == "c", "role"].tolist() == [None]
    with pytest.raises(InvalidParameterError, match="has no role yet; use update_role"):
        rec4.add_role("c", new_role="extra")
    with pytest.warns(PytidyWarning, match="does not have the role 'outcome'"):
        rec4.remove_role("a", old_role="outcome")
    with pytest.warns(PytidyWarning, match="already has the role 'predictor'"):
        recipe("y ~ .", df).add_role("b", new_role="predictor")
    with pytest.raises(InvalidParameterError, match="`new_role` in update_role"):
        recipe("y ~ .", df).update_role("a", new_role="")
    assert tm.update_role(recipe("y ~ .", df), "a", new_role="id").predictors == ["b", "c"]
    assert tm.remove_role(recipe("y ~ .", df), "y", old_role="outcome").outcomes == []
    assert len(tm.add_role(recipe("y ~ .", df), "a", new_role="x", new_type="double").var_info) == 5


def test_roles_change_what_steps_select(df):
    rec = recipe("y ~ .", df).update_role("a", new_role="id variable").step_normalize(all_numeric_predictors())
    out = rec.prep().bake(None)
    assert out["a"].tolist() == [1, 2, 3, 4]               # id kept as is
    assert out["c"].mean() == pytest.approx(0.0)


# ---- prep / bake / juice --------------------------------------------------------------------

def test_prep_bake_basics(df):
    original = df.copy()
    rec = recipe("y ~ .", df).step_center("a", "c")
    p = rec.prep()
    assert isinstance(p, PreparedRecipe)
    pd.testing.assert_frame_equal(df, original)             # prep never changes its input
    assert p.bake(None)["a"].tolist() == [-1.5, -0.5, 0.5, 1.5]
    assert list(p.bake(None).index) == [10, 11, 12, 13]
    new = df.iloc[[3, 1]].assign(extra=1)
    out = p.bake(new)
    assert list(out.index) == [13, 11] and "extra" not in out.columns
    assert out["a"].tolist() == [1.5, -0.5]
    pd.testing.assert_frame_equal(bake(p, df), p.bake(df))
    pd.testing.assert_frame_equal(juice(p), p.juice())
    pd.testing.assert_frame_equal(prep(rec).bake(None), p.bake(None))


def test_bake_without_outcome_and_missing_predictor(df):
    p = recipe("y ~ .", df).step_center("a").prep()
    out = p.bake(df.drop(columns="y"))
    assert list(out.columns) == ["a", "b", "c"]
    with pytest.raises(InvalidParameterError, match=r"new_data lacks the column\(s\) \['a', 'c'\]"):
        p.bake(df.drop(columns=["a", "c"]))
    with pytest.raises(InvalidParameterError, match="`new_data` in bake\\(\\) must be a pandas DataFrame"):
        p.bake([1, 2])


def test_strings_become_factors_with_training_levels(df):
    p = recipe("y ~ .", df).prep()
    assert p.bake(None)["b"].cat.categories.tolist() == ["u", "v", "w"]
    out = p.bake(pd.DataFrame({"a": [1], "b": ["zz"], "c": [0.0]}))
    assert out["b"].cat.categories.tolist() == ["u", "v", "w"] and out["b"].isna().all()
    assert p.term_info.loc[p.term_info.variable == "b", "type"].item() == ("factor", "unordered", "nominal")
    assert p.var_info.loc[p.var_info.variable == "b", "type"].item()[0] == "string"
    keep = recipe("y ~ .", df).prep(strings_as_factors=False)
    assert keep.bake(None)["b"].dtype == df["b"].dtype


def test_bake_selectors_and_composition(df):
    p = recipe("y ~ .", df).prep()
    assert list(p.bake(df, all_predictors()).columns) == ["a", "b", "c"]
    assert list(p.bake(None, all_outcomes()).columns) == ["y"]
    arr = p.bake(df, "a", "c", composition="numpy")
    assert isinstance(arr, np.ndarray) and arr.shape == (4, 2)
    with pytest.raises(InvalidParameterError, match=r"composition='numpy' needs numeric columns; \['b'\]"):
        p.bake(df, composition="numpy")
    with pytest.raises(InvalidParameterError, match="`composition` in bake\\(\\) must be one of"):
        p.bake(df, composition="tibble")
    with pytest.raises(InvalidParameterError, match="`composition` in juice\\(\\) must be one of"):
        p.juice(composition="matrix")


def test_retain_false_and_fresh(df):
    p = recipe("y ~ .", df).step_center("a").prep(retain=False)
    assert len(p.template) == 0
    with pytest.raises(InvalidParameterError, match="prep the recipe with retain=True"):
        p.bake(None)
    assert p.prep() is p
    again = p.prep(df.assign(a=[0, 0, 0, 4]), fresh=True)
    assert again.tidy(1)["value"].tolist() == [1.0]


def test_prep_errors(df):
    with pytest.raises(InvalidParameterError, match=r"`training` lacks the column\(s\) \['c'\]"):
        recipe("y ~ .", df).prep(df.drop(columns="c"))
    with pytest.raises(InvalidParameterError, match="`training` in prep\\(\\) must be a pandas DataFrame"):
        recipe("y ~ .", df).prep("data")
    with pytest.raises(InvalidParameterError, match="prep\\(\\) needs a recipe"):
        prep(df)
    with pytest.raises(InvalidParameterError, match="bake\\(\\) needs a prepped recipe"):
        bake(df)
    with pytest.raises(InvalidParameterError, match="juice\\(\\) needs a prepped recipe"):
        juice(df)
    with pytest.raises(NotTrainedError, match="bake\\(\\) needs a prepped recipe"):
        recipe("y ~ .", df).bake(df)
    with pytest.raises(NotTrainedError, match="juice\\(\\) needs a prepped recipe"):
        recipe("y ~ .", df).juice()


def test_verbose_prints(df, capsys):
    recipe("y ~ .", df).step_center("a").prep(verbose=True)
    assert "oper 1 step center [training]" in capsys.readouterr().out


def test_skip_applied_at_prep_not_bake(df):
    p = recipe("y ~ .", df).step_center("a", skip=True).prep()
    assert p.bake(None)["a"].tolist() == [-1.5, -0.5, 0.5, 1.5]
    assert p.bake(df)["a"].tolist() == [1, 2, 3, 4]


def test_term_info_after_steps(df):
    p = recipe("y ~ .", df).step_dummy("b").step_zv(all_predictors()).prep()
    ti = p.term_info
    assert ti["variable"].tolist() == ["a", "c", "y", "b_v", "b_w"]
    assert ti.set_index("variable").loc["b_v", ["role", "source"]].tolist() == ["predictor", "derived"]
    assert p.predictors == ["a", "c", "b_v", "b_w"] and p.outcomes == ["y"]
    assert "Training data contained 4 data points and no missing data." in repr(p)


# ---- steps, ids, tidy -----------------------------------------------------------------------

def test_ids_are_deterministic_and_unique(df):
    rec = recipe("y ~ .", df).step_center("a").step_scale("a").step_center("c", id="center_2").step_center("c")
    assert [s.id for s in rec.steps] == ["center_1", "scale_1", "center_2", "center_3"]
    with pytest.raises(InvalidParameterError, match="the id 'scale_1' is already used"):
        rec.step_normalize("a", id="scale_1")
    with pytest.raises(InvalidParameterError, match="`id` of step_center\\(\\) must be a non-empty string"):
        rec.step_center("a", id="")
    with pytest.raises(InvalidParameterError, match="add_step\\(\\) needs a Step object"):
        rec.add_step("step")


def test_free_function_equals_method(df):
    a = tm.step_normalize(recipe("y ~ .", df), "a")
    b = recipe("y ~ .", df).step_normalize("a")
    assert a.steps == b.steps


def test_tidy_recipe(df):
    rec = recipe("y ~ .", df).step_center("a").step_scale("c", skip=True)
    t = tm.tidy(rec)
    assert t.columns.tolist() == ["number", "operation", "type", "trained", "skip", "id"]
    assert t["type"].tolist() == ["center", "scale"] and t["skip"].tolist() == [False, True]
    assert not t["trained"].any() and tm.tidy(rec.prep())["trained"].all()
    pd.testing.assert_frame_equal(rec.prep().tidy(id="scale_1"), rec.prep().tidy(2))
    with pytest.raises(InvalidParameterError, match="`number` must be a whole number between 1 and 2"):
        rec.tidy(3)
    with pytest.raises(InvalidParameterError, match="no step has the id 'zz'"):
        rec.tidy(id="zz")
    with pytest.raises(InvalidParameterError, match="either `number` or `id`, not both"):
        rec.tidy(1, id="center_1")
    assert "Operations:" in repr(rec) and "Centering for: a" in repr(rec)


# ---- tuning hooks ---------------------------------------------------------------------------

def test_tune_blocks_prep_and_finalize_replaces(df):
    rec = recipe("y ~ .", df).step_scale("a")
    from attrs import evolve

    tuned = evolve(rec, steps=(evolve(rec.steps[0], factor=tune()),))
    with pytest.raises(InvalidParameterError, match="You cannot prep\\(\\) a tunable recipe. Argument\\(s\\) with tune\\(\\): 'factor'"):
        tuned.prep()
    with pytest.raises(InvalidParameterError, match="'factor' is set to tune\\(\\) but is not tunable"):
        tuned.tunable()
    done = tuned.finalize({"factor": np.int64(2), "penalty": 0.1})
    assert done.steps[0].factor == 2 and isinstance(done.steps[0].factor, int)
    assert done.prep().tidy(1)["value"].item() == pytest.approx(2 * df["a"].std())
    assert tuned.finalize(pd.DataFrame({"factor": [1]})).steps[0].factor == 1
    with pytest.raises(InvalidParameterError, match="one row of parameter values; got a DataFrame with 2 rows"):
        tuned.finalize(pd.DataFrame({"factor": [1, 2]}))
    with pytest.raises(InvalidParameterError, match="finalize\\(\\) needs a dict"):
        tuned.finalize([1])
    assert rec.prep().tunable() == []
