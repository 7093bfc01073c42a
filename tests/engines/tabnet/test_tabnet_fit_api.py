"""R's ``tabnet_fit()``, ``tabnet_pretrain()`` and ``tabnet_config()`` in Python: the x/y, formula and recipe methods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.engines.tabnet import fit_tabnet
from pytidy.errors import InvalidParameterError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(1)
    d = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200),
                      "g": pd.Categorical(rng.choice(["p", "q", "r"], 200))})
    d["y1"] = 2 * d["a"]
    d["y2"] = d["b"] - d["a"]
    d["cls"] = pd.Categorical(np.where(d["a"] > 0, "hi", "lo"))
    return d


SMALL = dict(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4, skip_importance=True)


def test_tabnet_config_has_r_defaults_and_checks_names():
    cfg = tm.tabnet_config()
    # R's tabnet_config() defaults (mlverse/tabnet R/model.R)
    assert (cfg["batch_size"], cfg["penalty"], cfg["epochs"], cfg["learn_rate"], cfg["num_steps"]) == \
        (1024 ** 2, 1e-3, 5, 0.02, 3)
    assert (cfg["decision_width"], cfg["feature_reusage"], cfg["momentum"], cfg["virtual_batch_size"]) == \
        (8, 1.3, 0.02, 256 ** 2)
    assert tm.tabnet_config(attention_width=16)["decision_width"] == 16  # one copies the other, as in R
    with pytest.raises(InvalidParameterError, match="learning_rate"):
        tm.tabnet_config(learning_rate=0.1)


def test_the_formula_method_equals_the_xy_method(df):
    by_formula = tm.tabnet_fit("y1 ~ a + g", df, config=tm.tabnet_config(**SMALL), seed=5)
    by_xy = fit_tabnet(df[["a", "g"]], df["y1"], seed=5, **SMALL)
    assert by_formula.predictors == ("a", "g")
    np.testing.assert_array_equal(by_formula.predict_numeric(df), by_xy.predict_numeric(df))
    # `.` and `- name`, several outcomes
    multi = tm.tabnet_fit("y1 + y2 ~ . - cls", df, seed=5, **SMALL)
    assert multi.outcomes == ("y1", "y2") and multi.predictors == ("a", "b", "g")
    assert list(multi.predict(df.head(3)).columns) == [".pred_y1", ".pred_y2"]


def test_config_kwargs_weights_and_warm_start_reach_the_fit(df):
    x, y = df[["a", "b"]], df["cls"]
    base = tm.tabnet_fit(x, y, config=tm.tabnet_config(**SMALL), seed=2)
    assert len(base.history) == 2
    more = tm.tabnet_fit(x, y, tabnet_model=base, config=tm.tabnet_config(**SMALL), epochs=1, seed=2)
    assert list(more.history["epoch"]) == [1, 2, 3]  # `...` overrides config's epochs; training continues
    w = np.where(df["a"] > 0, 5.0, 1.0)
    weighted = tm.tabnet_fit(x, y, config=tm.tabnet_config(**SMALL), weights=w, seed=2)
    assert not np.allclose(weighted.predict_proba(x), base.predict_proba(x))
    tm.set_seed(11)
    a = tm.tabnet_fit(x, y, **SMALL)
    tm.set_seed(11)
    b = tm.tabnet_fit(x, y, **SMALL)
    np.testing.assert_array_equal(a.predict_proba(x), b.predict_proba(x))  # seed=None follows set_seed


def test_tabnet_fit_errors(df):
    with pytest.raises(InvalidParameterError, match=r"TabNet's formula takes column names only"):
        tm.tabnet_fit("y1 ~ log(b)", df, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"names column\(s\) \['zz'\] that the data does not have"):
        tm.tabnet_fit("y1 ~ zz", df, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match="needs the data as a pandas DataFrame"):
        tm.tabnet_fit("y1 ~ a", df.to_numpy(), seed=1)
    with pytest.raises(InvalidParameterError, match=r"`config` in tabnet_fit\(\) must come from tabnet_config"):
        tm.tabnet_fit(df[["a"]], df["y1"], config=[1, 2], seed=1)


@pytest.fixture(scope="module")
def shifted(df):
    """``a`` far from 0, so that a fit that forgets to normalise new data predicts something else."""
    return df.assign(a=100 + 10 * df["a"], w=tm.importance_weights(np.where(df["a"] > 0, 4.0, 1.0)))


def test_the_recipe_method_equals_fitting_the_baked_data(shifted):
    """R: ``tabnet_fit(rec, data)`` molds with the recipe and forges new data with it at predict time."""
    data = shifted.drop(columns="w")
    rec = tm.recipe("y1 ~ a + b + g", data).step_normalize(tm.all_numeric_predictors())
    fit = tm.tabnet_fit(rec, data=data, seed=3, **SMALL)  # R: tabnet_fit(rec, data = df)
    baked = rec.prep(training=data).bake(None)
    by_hand = fit_tabnet(baked[["a", "b", "g"]], baked["y1"], seed=3, **SMALL)
    assert fit.predictors == ("a", "b", "g") and fit.blueprint is not None
    new = data.drop(columns=["y1", "y2", "cls"]).iloc[:20]  # raw columns, no outcome
    np.testing.assert_array_equal(fit.predict(new)[".pred"].to_numpy(), by_hand.predict_numeric(baked.iloc[:20]))
    ex, ex_hand = tm.tabnet_explain(fit, new), tm.tabnet_explain(by_hand, baked.iloc[:20])
    pd.testing.assert_frame_equal(ex.M_explain, ex_hand.M_explain)
    # several outcomes from the recipe's outcome roles; epochs from the checkpoints go through it too
    multi = tm.tabnet_fit(tm.recipe("y1 + y2 ~ a + b", data).step_normalize("a"), data, seed=3, **SMALL)
    assert multi.outcomes == ("y1", "y2") and list(multi.predict(new).columns) == [".pred_y1", ".pred_y2"]
    pd.testing.assert_frame_equal(fit.predict(new, epoch=2), fit.predict(new))


def test_the_recipe_method_takes_the_weights_column(shifted):
    rec = tm.recipe("cls ~ a + b + w", shifted)
    by_recipe = tm.tabnet_fit(rec, shifted, seed=2, **SMALL)
    by_arg = tm.tabnet_fit(shifted[["a", "b"]], shifted["cls"], weights=np.asarray(shifted["w"]), seed=2, **SMALL)
    assert by_recipe.predictors == ("a", "b")  # the weights are not a predictor
    np.testing.assert_array_equal(by_recipe.predict_proba(shifted), by_arg.predict_proba(shifted[["a", "b"]]))
    with pytest.raises(InvalidParameterError, match=r"got `weights` and a recipe with a case-weights column \('w'\)"):
        tm.tabnet_fit(rec, shifted, weights=np.ones(len(shifted)), seed=2, **SMALL)


def test_the_recipe_method_keeps_its_blueprint_through_pickles_and_model_files(shifted, tmp_path):
    import pickle

    from pytidy.workflows._serialize import read_model_file, write_model_file

    data = shifted.drop(columns="w")
    fit = tm.tabnet_fit(tm.recipe("y1 ~ a + b", data).step_normalize("a"), data, seed=1, **SMALL)
    expected = fit.predict(data.head(5))
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(fit)).predict(data.head(5)), expected)
    back = read_model_file(write_model_file(tmp_path / "f.pytidy", fit))
    pd.testing.assert_frame_equal(back.predict(data.head(5)), expected)


def test_tabnet_pretrain_takes_formulas_and_recipes_and_fine_tunes(shifted):
    data = shifted.drop(columns="w")
    cfg = tm.tabnet_config(epochs=1, batch_size=100, virtual_batch_size=50, decision_width=4)
    assert tm.tabnet_pretrain("~ a + b", data, config=cfg, seed=1).predictors == ("a", "b")
    assert tm.tabnet_pretrain("y1 ~ . - y2 - cls", data, config=cfg, seed=1).predictors == ("a", "b", "g")
    rec = tm.recipe("y1 ~ a + b", data).step_normalize("a")
    pre = tm.tabnet_pretrain(rec, data=data, config=cfg, seed=1)
    baked = rec.prep(training=data).bake(None)
    by_hand = tm.tabnet_pretrain(baked[["a", "b"]], config=cfg, seed=1)
    pd.testing.assert_frame_equal(tm.tabnet_explain(pre, data.head(6)).M_explain,
                                  tm.tabnet_explain(by_hand, baked.head(6)).M_explain)
    tuned = tm.tabnet_fit(rec, data, tabnet_model=pre, config=cfg, seed=1)
    assert tuned.mode == "regression" and len(tuned.predict(data.head(3))) == 3
    no_outcome = tm.recipe("~ a + b", data).step_normalize("a")
    assert tm.tabnet_pretrain(no_outcome, data, config=cfg, seed=1).predictors == ("a", "b")


def test_the_recipe_method_errors(shifted):
    data = shifted.drop(columns="w")
    with pytest.raises(InvalidParameterError, match=r"The recipe given to tabnet_fit\(\) has no outcome; give it a "
                                                    r"formula such as 'y ~ \.'"):
        tm.tabnet_fit(tm.recipe("~ a + b", data), data, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"tabnet_fit\(\) takes the recipe before prep\(\)"):
        tm.tabnet_fit(tm.recipe("y1 ~ a", data).prep(), data, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"tabnet_fit\(recipe, data\) needs the training data as `data`"):
        tm.tabnet_fit(tm.recipe("y1 ~ a", data), seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"still has tune\(\) placeholders \(\['num_comp'\]\)"):
        tm.tabnet_fit(tm.recipe("y1 ~ a + b", data).step_pca("a", "b", num_comp=tm.tune()), data, seed=1)
    with pytest.raises(InvalidParameterError, match=r"The recipe given to tabnet_pretrain\(\) leaves no predictor"):
        tm.tabnet_pretrain(tm.recipe("y1 ~ a", data).step_rm("a"), data, seed=1)
    with pytest.raises(InvalidParameterError, match=r"tabnet_fit\(\) got both `y` and `data`; give the data once"):
        tm.tabnet_fit(tm.recipe("y1 ~ a", data), data, data=data, seed=1)
    with pytest.raises(InvalidParameterError, match=r"`config` in tabnet_pretrain\(\) must come from tabnet_config"):
        tm.tabnet_pretrain(data[["a"]], config=(1,), seed=1)
    fit = tm.tabnet_fit(tm.recipe("y1 ~ a + b", data).step_normalize("a"), data, seed=1, **SMALL)
    with pytest.raises(InvalidParameterError, match=r"new_data lacks the column\(s\) \['b'\]"):
        fit.predict(data[["a"]])


def test_tabnet_specs_and_workflows_fit_several_outcomes(df):
    spec = tm.tabnet(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4).set_mode("regression")
    by_formula = spec.fit("y1 + y2 ~ a + b", df, seed=4)
    by_xy = spec.fit_xy(df[["a", "b"]], df[["y1", "y2"]], seed=4)
    direct = tm.tabnet_fit(df[["a", "b"]], df[["y1", "y2"]], seed=4, epochs=2, batch_size=100,
                           virtual_batch_size=50, decision_width=4)
    assert by_formula.outcomes == ("y1", "y2")
    pred = by_formula.predict(df.iloc[5:8])
    assert list(pred.columns) == [".pred_y1", ".pred_y2"] and list(pred.index) == [5, 6, 7]
    np.testing.assert_array_equal(pred.to_numpy(), by_xy.predict(df.iloc[5:8]).to_numpy())
    np.testing.assert_array_equal(pred.to_numpy(), direct.predict_numeric(df.iloc[5:8]))
    cls = tm.tabnet(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4).set_mode("classification")
    df2 = df.assign(c2=pd.Categorical(np.where(df["b"] > 0, "x", "y")))
    wf = tm.workflow().add_formula("cls + c2 ~ a + b").add_model(cls).fit(df2, seed=1)
    assert list(wf.predict(df2.head(2)).columns) == [".pred_class_cls", ".pred_class_c2"]
    assert list(wf.predict(df2.head(2), type="prob").columns) == [".pred_cls_hi", ".pred_cls_lo", ".pred_c2_x",
                                                                   ".pred_c2_y"]
    with pytest.raises(InvalidParameterError, match=r"`type` in predict\(\) for tabnet\(torch\) must be one of 'numeric'"):
        by_formula.predict(df.head(2), type="prob")


def test_one_outcome_engines_and_resampling_refuse_several_outcomes(df):
    with pytest.raises(NotImplementedError, match=r"Multiple outcomes \(\['y1', 'y2'\]\) are not supported by the "
                                                  r"lm engine of linear_reg\(\): it fits one outcome"):
        tm.linear_reg().fit("y1 + y2 ~ a", df)
    wf = tm.workflow().add_formula("y1 + y2 ~ a").add_model(tm.tabnet(epochs=1).set_mode("regression"))
    with pytest.raises(NotImplementedError, match=r"fit_resamples\(\) with several outcomes \(\['y1', 'y2'\]\) is "
                                                  r"not implemented: the metrics score one outcome column"):
        tm.fit_resamples(wf, tm.vfold_cv(df, v=2, seed=1))


def test_a_workflow_of_several_outcomes_saves_and_loads(df, tmp_path):
    df2 = df.assign(c2=pd.Categorical(np.where(df["b"] > 0, "x", "y")))
    cls = tm.tabnet(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4).set_mode("classification")
    wf = tm.workflow().add_formula("cls + c2 ~ a + b").add_model(cls).fit(df2, seed=1)
    wf.save(tmp_path / "m.zip")
    back = tm.load_workflow(tmp_path / "m.zip")
    assert back.extract_fit_parsnip().outcomes == ("cls", "c2")
    pd.testing.assert_frame_equal(back.predict(df2.head(5), type="prob"), wf.predict(df2.head(5), type="prob"))
    with pytest.raises(InvalidParameterError, match="the outcome `c2` has only one class"):
        cls.fit("cls + c2 ~ a", df2.assign(c2=pd.Categorical(["x"] * len(df2))))


def test_a_recipe_of_several_outcomes_fits_tabnet_and_equals_the_formula_fit(df, tmp_path):
    """R: ``recipe(y1 + y2 ~ ., data)`` in a workflow with tabnet() gives one head per outcome."""
    spec = tm.tabnet(epochs=2, batch_size=100, virtual_batch_size=50, decision_width=4).set_mode("regression")
    rec = tm.recipe("y1 + y2 ~ a + b", df)
    by_recipe = tm.workflow().add_recipe(rec).add_model(spec).fit(df, seed=4)
    by_formula = tm.workflow().add_formula("y1 + y2 ~ a + b").add_model(spec).fit(df, seed=4)
    assert by_recipe.extract_fit_parsnip().outcomes == ("y1", "y2")
    new = df.iloc[5:9].drop(columns=["y1", "y2"])
    pred = by_recipe.predict(new)
    assert list(pred.columns) == [".pred_y1", ".pred_y2"] and list(pred.index) == [5, 6, 7, 8]
    pd.testing.assert_frame_equal(pred, by_formula.predict(new))
    # a step on the predictors is applied at predict time, and the workflow saves and loads
    scaled = tm.workflow().add_recipe(tm.recipe("y1 + y2 ~ a + b", df).step_normalize("a")).add_model(spec)
    fitted = scaled.fit(df, seed=4)
    fitted.save(tmp_path / "m.zip")
    pd.testing.assert_frame_equal(tm.load_workflow(tmp_path / "m.zip").predict(new), fitted.predict(new))


def test_recipes_of_several_outcomes_are_refused_where_one_is_needed(df):
    rec = tm.recipe("y1 + y2 ~ a + b", df)
    with pytest.raises(NotImplementedError, match=r"The recipe has several outcomes \(\['y1', 'y2'\]\), but "
                                                  r"linear_reg\(\) with the 'lm' engine fits one outcome"):
        tm.workflow().add_recipe(rec).add_model(tm.linear_reg()).fit(df)
    wf = tm.workflow().add_recipe(rec).add_model(tm.tabnet(epochs=1).set_mode("regression"))
    with pytest.raises(NotImplementedError, match=r"fit_resamples\(\) with several outcomes \(\['y1', 'y2'\]\) is "
                                                  r"not implemented: the metrics score one outcome column"):
        tm.fit_resamples(wf, tm.vfold_cv(df, v=2, seed=1))
    no_outcome = tm.recipe(df[["a", "b"]])
    with pytest.raises(InvalidParameterError, match=r"The recipe has no outcome; a model fit needs one"):
        tm.workflow().add_recipe(no_outcome).add_model(tm.linear_reg()).fit(df)
