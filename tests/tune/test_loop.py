"""The evaluation loop: tune's pre*_mod*_post* order, submodels, verbose lines and the progress bar."""

import numpy as np
import pandas as pd
import pytest
from attrs import evolve

import pytidy as tm
from pytidy.parsnip.registry import get_engine, temporary_engine
from pytidy.recipes.recipe import Recipe


@pytest.fixture(scope="module")
def biomass(modeldata):
    b = modeldata("biomass")
    return b[b["dataset"] == "Training"].drop(columns=["sample", "dataset"]).iloc[:240].reset_index(drop=True)


@pytest.fixture(scope="module")
def ames(modeldata):
    d = modeldata("ames").iloc[:400].reset_index(drop=True)
    cols = ["Sale_Price", "Gr_Liv_Area", "Year_Built", "Lot_Area", "Neighborhood", "Bldg_Type", "Central_Air"]
    d = d.loc[:, cols]
    d["Sale_Price"] = np.log10(d["Sale_Price"])
    return d


def _count_preps(monkeypatch):
    calls = []
    original = Recipe.prep

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Recipe, "prep", counting)
    return calls


def test_an_untuned_recipe_is_prepped_once_per_resample(biomass, monkeypatch):
    rec = tm.recipe("HHV ~ .", biomass).step_normalize(tm.all_numeric_predictors())
    spec = tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_recipe(rec).add_model(spec)
    grid = pd.DataFrame({"penalty": [0.01, 0.1, 0.01, 0.1], "mixture": [0.0, 0.0, 1.0, 1.0]})
    folds = tm.vfold_cv(biomass, v=3, seed=1)
    calls = _count_preps(monkeypatch)
    res = tm.tune_grid(wf, folds, grid=grid, metrics=tm.metric_set(tm.rmse), seed=2)
    assert len(calls) == 3  # R: once per resample, not once per configuration (12)
    # the numbers are those of finalising and fitting each configuration separately
    row = res.collect_metrics(summarize=False).iloc[0]
    split = folds[0]
    fin = wf.finalize_workflow({"penalty": row["penalty"], "mixture": row["mixture"]}).fit(split.analysis())
    pred = fin.predict(split.assessment())[".pred"].to_numpy()
    assert row[".estimate"] == pytest.approx(np.sqrt(np.mean((split.assessment()["HHV"] - pred) ** 2)), rel=1e-12)


def test_a_tuned_recipe_is_prepped_once_per_resample_and_recipe_configuration(biomass, monkeypatch):
    rec = tm.recipe("HHV ~ .", biomass).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    grid = pd.DataFrame({"penalty": [1e-3, 0.1, 1e-3, 0.1, 1.0], "degree": [1, 1, 2, 2, 2]})
    folds = tm.vfold_cv(biomass, v=2, seed=1)
    calls = _count_preps(monkeypatch)
    res = tm.tune_grid(wf, folds, grid=grid, metrics=tm.metric_set(tm.rmse), seed=2)
    assert len(calls) == 2 * 2
    assert len(res.collect_metrics()) == 5


def test_a_formula_is_molded_once_per_resample(ames, monkeypatch):
    import pytidy.parsnip._mold as mold

    calls = []
    original = mold.mold_formula

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(mold, "mold_formula", counting)
    spec = tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("Sale_Price ~ Gr_Liv_Area + Neighborhood")
    tm.tune_grid(wf, tm.vfold_cv(ames, v=3, seed=1), grid=pd.DataFrame({"penalty": [1e-3, 1e-2, 1e-1]}), seed=1,
                 control=tm.control_grid(submodels=False))
    assert len(calls) == 3


def _counting_engine(model, mode):
    info = get_engine(model, "glmnet", mode)
    calls = []

    def fit(x, y, *, seed, **args):
        calls.append(args.get("penalty"))
        return info.fit(x, y, seed=seed, **args)

    return evolve(info, fit=fit), calls


@pytest.mark.parametrize("submodels", [True, False])
def test_submodels_fit_once_per_group_and_give_the_same_metrics(ames, submodels):
    rec = (tm.recipe("Sale_Price ~ .", ames).step_dummy(tm.all_nominal_predictors())
           .step_normalize(tm.all_numeric_predictors()))
    spec = tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_recipe(rec).add_model(spec)
    grid = pd.DataFrame({"penalty": [1e-4, 1e-3, 1e-2, 1e-4, 1e-3, 1e-2], "mixture": [0.5] * 3 + [1.0] * 3})
    folds = tm.vfold_cv(ames, v=3, seed=5)
    info, calls = _counting_engine("linear_reg", "regression")
    with temporary_engine(info):
        got = tm.tune_grid(wf, folds, grid=grid, seed=3,
                           control=tm.control_grid(save_pred=True, submodels=submodels))
    ref = tm.tune_grid(wf, folds, grid=grid, seed=3, control=tm.control_grid(save_pred=True, submodels=False))
    pd.testing.assert_frame_equal(got.metric_values, ref.metric_values, check_exact=True)
    pd.testing.assert_frame_equal(got.collect_predictions(), ref.collect_predictions(), check_exact=True)
    if submodels:  # R's min_grid: one fit per fold and mixture, at the largest penalty
        assert sorted(calls) == [1e-2] * 6
    else:
        assert len(calls) == 3 * 6


def test_submodels_for_class_and_probability_predictions(two_class, logistic_wf):
    folds = tm.vfold_cv(two_class, v=3, seed=2)
    grid = pd.DataFrame({"penalty": [1e-4, 0.01, 0.05, 1.0]})
    ctrl = tm.control_grid(save_pred=True)
    info, calls = _counting_engine("logistic_reg", "classification")
    with temporary_engine(info):
        got = tm.tune_grid(logistic_wf, folds, grid=grid, seed=3, control=ctrl)
    ref = tm.tune_grid(logistic_wf, folds, grid=grid, seed=3, control=evolve(ctrl, submodels=False))
    assert calls == [1.0] * 3
    pd.testing.assert_frame_equal(got.metric_values, ref.metric_values, check_exact=True)
    pd.testing.assert_frame_equal(got.collect_predictions(), ref.collect_predictions(), check_exact=True)
    # the largest penalty zeroes both slopes: every row gets the analysis set's majority class
    raw = got.collect_metrics(summarize=False)
    acc = raw[(raw["penalty"] == 1.0) & (raw[".metric"] == "accuracy")][".estimate"].to_numpy()
    share = [np.mean(s.assessment()["Class"] == s.analysis()["Class"].value_counts().idxmax()) for s in folds.splits]
    np.testing.assert_allclose(acc, share)


def test_a_multi_predict_of_the_wrong_length_is_recorded_in_the_notes(two_class, logistic_wf):
    info = get_engine("logistic_reg", "glmnet", "classification")
    bad = evolve(info, multi_predict={"penalty": lambda fit, x, values, type: [info.predict["prob"](fit, x)]})
    with temporary_engine(bad), pytest.warns(tm.errors.PytidyWarning, match="All models failed"):
        res = tm.tune_grid(logistic_wf, tm.vfold_cv(two_class, v=2, seed=1),
                           grid=pd.DataFrame({"penalty": [0.01, 0.1]}), seed=1)
    notes = res.collect_notes()
    assert notes["location"].tolist() == ["preprocessor 1/1, model 1/1 (predictions)"] * 2
    assert notes["note"].str.contains(r"returned 1 predictions for 2 values of `penalty`").all()


def test_verbose_lines_follow_r_and_progress_counts_every_configuration(two_class, logistic_wf, capsys):
    folds = tm.vfold_cv(two_class, v=2, seed=1)
    grid = pd.DataFrame({"penalty": [0.01, 0.1, 0.3]})
    tm.tune_grid(logistic_wf, folds, grid=grid, control=tm.control_grid(verbose=True, submodels=False))
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["i Fold1: preprocessor 1/1", "\u2713 Fold1: preprocessor 1/1",
                       "i Fold1: preprocessor 1/1, model 1/3", "\u2713 Fold1: preprocessor 1/1, model 1/3"]
    assert "i Fold2: preprocessor 1/1, model 3/3 (predictions)" in out
    tm.tune_grid(logistic_wf, folds, grid=grid, control=tm.control_grid(progress=True))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "6/6" in captured.err  # configurations x resamples
    tm.tune_grid(logistic_wf, folds, grid=grid)
    assert capsys.readouterr().err == ""
