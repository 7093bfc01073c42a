"""tune_bayes(): R's tune_bayes loop, scored through tune_grid, with .iter results."""

import math

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.tune.tune_bayes import _pick_candidate

RMSE = tm.metric_set(tm.rmse)


@pytest.fixture(scope="module")
def folds(reg_data):
    return tm.vfold_cv(reg_data, v=3, seed=1)


@pytest.fixture(scope="module")
def flat_pset(lasso_wf):
    # penalties of 10..100 zero every lasso coefficient: every candidate has the same rmse
    return lasso_wf.parameters().update(penalty=tm.penalty(range=(1.0, 2.0)))


@pytest.fixture(scope="module")
def smooth_pset(lasso_wf):
    # penalties of 0.01..1: rmse rises smoothly, so the GP has leave-one-out skill
    return lasso_wf.parameters().update(penalty=tm.penalty(range=(-2.0, 0.0)))


@pytest.fixture(scope="module")
def bayes(lasso_wf, folds):
    return tm.tune_bayes(lasso_wf, folds, initial=4, iter=3, metrics=RMSE, seed=3,
                         control=tm.control_bayes(save_pred=True))


def test_finds_a_better_configuration_than_the_initial_grid(two_class, logistic_wf):
    folds = tm.vfold_cv(two_class, v=3, seed=1)
    auc = tm.metric_set(tm.roc_auc)
    init = tm.tune_grid(logistic_wf, folds, grid=pd.DataFrame({"penalty": [0.08, 0.3]}), metrics=auc, seed=1)
    res = tm.tune_bayes(logistic_wf, folds, initial=init, iter=3, metrics=auc, seed=1)
    stats = res.collect_metrics()
    best_initial = stats.loc[stats[".iter"] == 0, "mean"].max()
    assert stats.loc[stats[".iter"] > 0, "mean"].max() > best_initial + 0.005
    best = res.select_best("roc_auc")
    assert best.columns.tolist() == ["penalty", ".config"] and best[".config"].iloc[0].startswith("iter")
    assert best["penalty"].iloc[0] < 0.08


def test_results_have_iter_and_r_labels(bayes, folds):
    stats = bayes.collect_metrics()
    assert stats.columns.tolist() == ["penalty", ".metric", ".estimator", "mean", "n", "std_err", ".config", ".iter"]
    assert stats[".iter"].tolist() == [0, 0, 0, 0, 1, 2, 3]
    assert stats[".config"].tolist()[4:] == ["iter1", "iter2", "iter3"]
    assert (stats["n"] == 3).all()
    raw = bayes.collect_metrics(summarize=False)
    assert ".iter" in raw.columns and len(raw) == 7 * 3
    assert len(bayes.to_frame()) == 3 * 4  # R: the rset repeated for iterations 0..3
    wide = bayes.collect_metrics(type="wide")
    assert wide.columns.tolist() == ["penalty", ".config", ".iter", "rmse"]
    assert bayes.show_best("rmse", n=2)["mean"].is_monotonic_increasing
    pred = bayes.collect_predictions()
    assert set(pred[".config"]) >= {"iter1", "iter2", "iter3"} and ".iter" in pred.columns
    assert isinstance(bayes, tm.IterationResults) and bayes.parameters is not None


def test_new_candidates_differ_from_evaluated_ones(bayes):
    pens = bayes.collect_metrics()["penalty"]
    assert pens.is_unique


def test_same_seed_same_numbers(lasso_wf, folds, bayes):
    again = tm.tune_bayes(lasso_wf, folds, initial=4, iter=3, metrics=RMSE, seed=3,
                          control=tm.control_bayes(save_pred=True))
    pd.testing.assert_frame_equal(again.collect_metrics(), bayes.collect_metrics())
    via_control = tm.tune_bayes(lasso_wf, folds, initial=4, iter=1, metrics=RMSE,
                                control=tm.control_bayes(seed=3))
    pd.testing.assert_frame_equal(via_control.collect_metrics(), bayes.collect_metrics().iloc[:5])
    other = tm.tune_bayes(lasso_wf, folds, initial=4, iter=1, metrics=RMSE, control=tm.control_bayes(seed=4))
    assert not np.allclose(other.collect_metrics()["penalty"], via_control.collect_metrics()["penalty"])


def test_the_gp_drives_the_search_when_it_fits(lasso_wf, folds, smooth_pset, capsys):
    tm.tune_bayes(lasso_wf, folds, initial=6, iter=2, metrics=RMSE, seed=2, param_info=smooth_pset,
                  control=tm.control_bayes(verbose_iter=True))
    out = capsys.readouterr().out
    assert "Optimizing rmse using the expected improvement" in out
    assert "── Iteration 1 ─" in out and "── Iteration 2 ─" in out
    assert "i Current best:\t\trmse=" in out and "(@iter 0)" in out
    assert "✔ Gaussian process model (LOO R²:" in out and "i Generating" in out and "candidates." in out
    assert "Newest results:\trmse=" in out
    assert "i penalty=" in out


def test_quiet_by_default_and_verbose_initial_message(lasso_wf, folds, capsys):
    tm.tune_bayes(lasso_wf, folds, initial=3, iter=1, metrics=RMSE, seed=2)
    assert capsys.readouterr().out == ""
    tm.tune_bayes(lasso_wf, folds, initial=3, iter=1, metrics=RMSE, seed=2, control=tm.control_bayes(verbose=True))
    out = capsys.readouterr().out
    assert ">  Generating a set of 3 initial parameter results" in out and "✔ Initialization complete" in out


def test_no_improve_stops_the_search(lasso_wf, folds, flat_pset, capsys):
    res = tm.tune_bayes(lasso_wf, folds, initial=3, iter=6, param_info=flat_pset, metrics=RMSE, seed=1,
                        control=tm.control_bayes(no_improve=2))
    assert res.collect_metrics()[".iter"].max() == 2
    assert "No improvement for 2 iterations; returning current results." in capsys.readouterr().out
    full = tm.tune_bayes(lasso_wf, folds, initial=3, iter=3, param_info=flat_pset, metrics=RMSE, seed=1)
    assert full.collect_metrics()[".iter"].max() == 3


def test_param_info_ranges_are_used(lasso_wf, folds, flat_pset):
    res = tm.tune_bayes(lasso_wf, folds, initial=3, iter=2, param_info=flat_pset, metrics=RMSE, seed=1)
    assert res.collect_metrics()["penalty"].between(10, 100).all()


def test_uncertainty_sample_rule():
    cands = pd.DataFrame({"p": range(20), ".mean": np.linspace(0, 1, 20), ".sd": np.linspace(1, 0, 20),
                          "objective": np.linspace(0, 1, 20)})
    ctrl = tm.control_bayes(uncertain=2, no_improve=5)
    best = _pick_candidate(cands, uncertainty=1, control=ctrl, rng=np.random.default_rng(1))
    assert best["p"].tolist() == [19]  # largest objective
    picks = {_pick_candidate(cands, uncertainty=2, control=ctrl, rng=np.random.default_rng(s))["p"].iloc[0]
             for s in range(20)}
    assert picks == {0, 1}  # a random one of the 10% with the largest sd


def test_uncertain_changes_the_search(lasso_wf, folds, smooth_pset):
    a = tm.tune_bayes(lasso_wf, folds, initial=6, iter=3, metrics=RMSE, seed=2, param_info=smooth_pset)
    b = tm.tune_bayes(lasso_wf, folds, initial=6, iter=3, metrics=RMSE, seed=2, param_info=smooth_pset,
                      control=tm.control_bayes(uncertain=0, no_improve=10))
    assert not np.allclose(a.collect_metrics()["penalty"].iloc[6:], b.collect_metrics()["penalty"].iloc[6:])


def test_objective_is_called_with_the_iteration(lasso_wf, folds, smooth_pset):
    seen = []

    def kappa(i):
        seen.append(i)
        return 1.0

    tm.tune_bayes(lasso_wf, folds, initial=6, iter=2, metrics=RMSE, seed=2, param_info=smooth_pset,
                  objective=tm.conf_bound(kappa=kappa))
    assert seen == [1, 2]


def test_initial_results_continue_iterations(lasso_wf, folds, bayes):
    more = tm.tune_bayes(lasso_wf, folds, initial=bayes, iter=2, metrics=RMSE, seed=5,
                         control=tm.control_bayes(save_pred=True))
    stats = more.collect_metrics()
    assert stats[".iter"].max() == 5 and stats[".config"].iloc[-1] == "iter5"
    pd.testing.assert_frame_equal(stats.iloc[:7], bayes.collect_metrics())


def test_initial_racing_results_use_finished_configs(lasso_wf, reg_data):
    folds = tm.vfold_cv(reg_data, v=5, seed=2)
    race = tm.tune_race_anova(lasso_wf, folds, grid=pd.DataFrame({"penalty": [0.001, 0.01, 0.05, 2.0, 3.0]}),
                              metrics=RMSE, seed=1)
    finished = race.finished_configs()
    res = tm.tune_bayes(lasso_wf, folds, initial=race, iter=1, metrics=RMSE, seed=1)
    init = res.collect_metrics().loc[lambda d: d[".iter"] == 0]
    assert sorted(init[".config"]) == finished and (init["n"] == 5).all()


def test_save_gp_scoring_extract_and_workflow(lasso_wf, folds):
    res = tm.tune_bayes(lasso_wf, folds, initial=6, iter=2, metrics=RMSE, seed=2,
                        control=tm.control_bayes(save_gp_scoring=True, extract=lambda f: 1, save_workflow=True))
    assert res.history["iter"].tolist() == [1, 2]
    assert {".mean", ".sd", "objective"} <= set(res.history["candidates"].iloc[0].columns)
    assert set(res.collect_extracts()[".config"]) >= {"iter1", "iter2"}
    assert res.workflow is lasso_wf
    plain = tm.tune_bayes(lasso_wf, folds, initial=6, iter=1, metrics=RMSE, seed=2)
    assert plain.history is None and plain.workflow is None


def test_time_limit(lasso_wf, folds, capsys):
    res = tm.tune_bayes(lasso_wf, folds, initial=3, iter=3, metrics=RMSE, seed=1,
                        control=tm.control_bayes(time_limit=1e-9))
    assert res.collect_metrics()[".iter"].max() == 0
    assert "Optimization stopped prematurely" in capsys.readouterr().out


def test_model_spec_with_preprocessor(reg_data, folds):
    spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    res = tm.tune_bayes(spec, folds, preprocessor="y ~ .", initial=3, iter=1, metrics=RMSE, seed=1)
    assert res.collect_metrics()[".iter"].max() == 1


def test_errors(lasso_wf, folds, bayes):
    with pytest.raises(InvalidParameterError, match="requires 2\\+ initial points"):
        tm.tune_bayes(lasso_wf, folds, initial=1, metrics=RMSE)
    with pytest.raises(InvalidParameterError, match="`initial` in tune_bayes\\(\\) should be a positive integer"):
        tm.tune_bayes(lasso_wf, folds, initial="a", metrics=RMSE)
    with pytest.raises(InvalidParameterError, match="`objective` in tune_bayes\\(\\) must be an acquisition"):
        tm.tune_bayes(lasso_wf, folds, objective="rmse", metrics=RMSE)
    with pytest.raises(InvalidParameterError, match="must be made by control_bayes"):
        tm.tune_bayes(lasso_wf, folds, control=tm.control_grid())
    with pytest.raises(InvalidParameterError, match="`iter` argument of tune_bayes\\(\\) must be a non-negative"):
        tm.tune_bayes(lasso_wf, folds, iter=-1)
    with pytest.raises(InvalidParameterError, match="`save_pred` can only be used if the initial results"):
        tm.tune_bayes(lasso_wf, folds, initial=bayes.__class__.__mro__[1](
            **{k: getattr(bayes, k) for k in ("splits", "ids", "metric_values", "notes", "param_names",
                                              "metric_set", "outcomes", "config_key")}),
            control=tm.control_bayes(save_pred=True))
    untuned = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ .")
    with pytest.raises(InvalidParameterError, match="needs parameters marked with tune"):
        tm.tune_bayes(untuned, folds)
    with pytest.warns(PytidyWarning, match="There are 2 tuning parameters and 2 grid points were requested"):
        wf2 = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet"))
        tm.tune_bayes(wf2.add_formula("y ~ ."), folds, initial=2, iter=0, metrics=RMSE, seed=1)


def test_control_bayes_checks():
    ctrl = tm.control_bayes()
    assert (ctrl.no_improve, ctrl.uncertain, ctrl.verbose_iter, ctrl.seed) == (10, math.inf, False, None)
    with pytest.raises(InvalidParameterError, match="`no_improve` in control_bayes\\(\\) must be a whole number"):
        tm.control_bayes(no_improve=1.5)
    with pytest.raises(InvalidParameterError, match="`verbose_iter` in control_bayes\\(\\) must be True or False"):
        tm.control_bayes(verbose_iter=1)
    with pytest.raises(InvalidParameterError, match="`seed` in control_bayes\\(\\)"):
        tm.control_bayes(seed=-1)
    with pytest.raises(InvalidParameterError, match="`time_limit` in control_bayes\\(\\)"):
        tm.control_bayes(time_limit=0)
    with pytest.warns(PytidyWarning, match="Uncertainty sample scheduled after 12 poor iterations"):
        tm.control_bayes(uncertain=12)


def test_integer_recipe_parameter_and_model_parameter(modeldata):
    biomass = modeldata("biomass")
    train = biomass[biomass["dataset"] == "Training"].drop(columns=["sample", "dataset"]).iloc[:150]
    rec = tm.recipe("HHV ~ .", train).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    folds = tm.vfold_cv(train, v=3, seed=1)
    res = tm.tune_bayes(wf, folds, initial=3, iter=2, metrics=RMSE, seed=1)
    stats = res.collect_metrics()
    assert stats.columns.tolist()[:2] == ["penalty", "degree"]
    deg = res.parameters["degree"]
    assert stats["degree"].between(deg.range[0], deg.range[1]).all()
    assert all(float(d).is_integer() for d in stats["degree"])
    assert stats[".iter"].max() == 2


def test_to_frame_nests_each_iteration(bayes):
    frame = bayes.to_frame()
    assert frame.columns.tolist() == ["splits", "id", ".metrics", ".notes", ".predictions", ".iter"]
    assert frame[".iter"].tolist() == [0] * 3 + [1] * 3 + [2] * 3 + [3] * 3
    assert [len(m) for m in frame[".metrics"]] == [4] * 3 + [1] * 9
    assert all(".iter" not in m.columns for m in frame[".metrics"])


def test_generics_and_initial_results_left_unchanged(lasso_wf, folds):
    init = tm.tune_grid(lasso_wf, folds, grid=pd.DataFrame({"penalty": [0.01, 0.1, 0.5]}), metrics=RMSE, seed=1)
    before = init.metric_values.copy()
    res = tm.tune_bayes(lasso_wf, folds, initial=init, iter=1, metrics=RMSE, seed=1)
    pd.testing.assert_frame_equal(init.metric_values, before)
    pd.testing.assert_frame_equal(tm.collect_metrics(res), res.collect_metrics())
    pd.testing.assert_frame_equal(tm.show_best(res, metric="rmse"), res.show_best("rmse"))
    assert ".iter" in tm.collect_notes(res).columns


def test_verbose_prints_fits_of_iterations_not_of_the_initial_grid(lasso_wf, folds, capsys):
    tm.tune_bayes(lasso_wf, folds, initial=3, iter=1, metrics=RMSE, seed=2, control=tm.control_bayes(verbose=True))
    out = capsys.readouterr().out
    # the iteration's fit only (R's check_initial)
    assert out.splitlines().count("i Fold1: preprocessor 1/1, model 1/1") == 1
    assert "model 2/3" not in out


def test_event_level_reaches_the_metrics(two_class, logistic_wf):
    folds = tm.vfold_cv(two_class, v=3, seed=1)
    first = tm.tune_bayes(logistic_wf, folds, initial=2, iter=1, metrics=tm.metric_set(tm.sens), seed=1)
    second = tm.tune_bayes(logistic_wf, folds, initial=2, iter=1, metrics=tm.metric_set(tm.spec), seed=1,
                           control=tm.control_bayes(event_level="second"))
    # sensitivity with the first level as event = specificity with the second level as event
    a, b = first.collect_metrics(), second.collect_metrics()
    np.testing.assert_allclose(a["mean"].iloc[:2], b["mean"].iloc[:2])
    plain = tm.tune_bayes(logistic_wf, folds, initial=2, iter=1, metrics=tm.metric_set(tm.spec), seed=1)
    assert not np.allclose(plain.collect_metrics()["mean"].iloc[:1], b["mean"].iloc[:1])


def test_workflow_method_is_the_free_function(lasso_wf, folds):
    a = lasso_wf.tune_bayes(folds, initial=3, iter=1, metrics=RMSE, seed=2)
    b = tm.tune_bayes(lasso_wf, folds, initial=3, iter=1, metrics=RMSE, seed=2)
    pd.testing.assert_frame_equal(a.collect_metrics(), b.collect_metrics())
