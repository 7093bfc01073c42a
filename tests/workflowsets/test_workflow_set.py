"""workflow_set / workflow_map / rank_results / collect_metrics / autoplot (R: workflowsets)."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.workflowsets import WorkflowSet

Y = "compressive_strength"
FORMULAS = {
    "cement": f"{Y} ~ cement",
    "cement_age": f"{Y} ~ cement + age",
    "water": f"{Y} ~ water + superplasticizer",
    "all": f"{Y} ~ .",
}


@pytest.fixture(scope="module")
def concrete(modeldata):
    return modeldata("concrete").iloc[:150].reset_index(drop=True)


@pytest.fixture(scope="module")
def folds(concrete):
    return tm.vfold_cv(concrete, v=3, seed=7)


@pytest.fixture(scope="module")
def lm_results(folds):
    wset = tm.workflow_set(FORMULAS, {"lm": tm.linear_reg()})
    return tm.workflow_map(wset, "fit_resamples", seed=1, resamples=folds)


def _hand_rmse(formula_rhs, folds):
    """Least squares with numpy on each analysis set, RMSE on its assessment set, mean over folds."""
    out = []
    for split in folds.splits:
        tr, te = split.analysis(), split.assessment()
        cols = [c for c in tr.columns if c != Y] if formula_rhs == "." else formula_rhs.split(" + ")
        X = np.column_stack([np.ones(len(tr)), tr[cols].to_numpy(float)])
        beta = np.linalg.lstsq(X, tr[Y].to_numpy(float), rcond=None)[0]
        pred = np.column_stack([np.ones(len(te)), te[cols].to_numpy(float)]) @ beta
        out.append(np.sqrt(np.mean((te[Y].to_numpy(float) - pred) ** 2)))
    return float(np.mean(out))


def test_ranking_matches_hand_computed_least_squares(lm_results, folds):
    hand = {f"{k}_lm": _hand_rmse(v.split("~ ")[1], folds) for k, v in FORMULAS.items()}
    expected_order = sorted(hand, key=hand.get)
    ranked = tm.rank_results(lm_results, rank_metric="rmse")
    rmse = ranked[ranked[".metric"] == "rmse"]
    assert rmse["wflow_id"].tolist() == expected_order
    assert rmse["rank"].tolist() == [1, 2, 3, 4]
    np.testing.assert_allclose(rmse["mean"].to_numpy(), [hand[w] for w in expected_order], rtol=1e-8)
    assert list(ranked.columns) == ["wflow_id", ".config", ".metric", "mean", "std_err", "n", "preprocessor",
                                    "model", "rank"]
    assert set(ranked["preprocessor"]) == {"formula"} and set(ranked["model"]) == {"linear_reg"}


def test_rank_metric_direction_maximize_for_rsq(lm_results):
    ranked = lm_results.rank_results(rank_metric="rsq")
    rsq = ranked[ranked[".metric"] == "rsq"]
    assert rsq["mean"].is_monotonic_decreasing            # best (largest) rsq first
    default = tm.rank_results(lm_results)                  # first metric of the set: rmse
    assert default[default[".metric"] == "rmse"]["mean"].is_monotonic_increasing


def test_collect_metrics_layout(lm_results):
    m = tm.collect_metrics(lm_results)
    assert list(m.columns[:4]) == ["wflow_id", ".config", "preproc", "model"]
    assert {".metric", ".estimator", "mean", "n", "std_err"} <= set(m.columns)
    assert len(m) == 8 and (m["n"] == 3).all()
    per_fold = lm_results.collect_metrics(summarize=False)
    assert len(per_fold) == 4 * 3 * 2 and "id" in per_fold.columns


def test_ids_cross_and_pairs():
    pre = {"a": "y ~ x", "b": "y ~ x + z"}
    mods = {"lm": tm.linear_reg(), "net": tm.linear_reg(penalty=0.1).set_engine("glmnet")}
    assert list(tm.workflow_set(pre, mods).wflow_id) == ["a_lm", "a_net", "b_lm", "b_net"]
    assert list(tm.workflow_set(pre, mods, cross=False).wflow_id) == ["a_lm", "b_net"]
    unnamed = tm.workflow_set(["y ~ x", "y ~ z"], [tm.linear_reg()])
    assert list(unnamed.wflow_id) == ["formula_1_linear_reg", "formula_2_linear_reg"]
    with pytest.raises(InvalidParameterError, match="lengths of 'preproc' \\(2\\) and 'models' \\(3\\) are different"):
        tm.workflow_set(pre, [tm.linear_reg()] * 3, cross=False)
    with pytest.raises(InvalidParameterError, match="must be a model specification"):
        tm.workflow_set(pre, ["lm"])
    with pytest.raises(InvalidParameterError, match="must be a recipe, a formula string"):
        tm.workflow_set([3], [tm.linear_reg()])
    with pytest.raises(InvalidParameterError, match="`cross` in workflow_set\\(\\) must be True or False"):
        tm.workflow_set(pre, mods, cross="yes")


def test_mixed_preprocessors_and_info(concrete):
    rec = tm.recipe(f"{Y} ~ cement + age", concrete).step_normalize(tm.all_numeric_predictors())
    wset = tm.workflow_set({"rec": rec, "vars": {"outcomes": Y, "predictors": ["cement"]}}, [tm.linear_reg()])
    assert [i["preproc"] for i in wset.info] == ["recipe", "workflow_variables"]
    assert wset.extract_workflow("vars_linear_reg").extract_preprocessor() == {"outcomes": [Y], "predictors": ["cement"]}
    assert "result" in repr(wset) and "<opts[0]>" in repr(wset)
    frame = wset.to_frame()
    assert list(frame.columns) == ["wflow_id", "info", "option", "result"]


def test_tuning_racing_and_select_best(concrete, folds):
    lasso = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    wset = tm.workflow_set({"cement": FORMULAS["cement"], "all": FORMULAS["all"]}, {"lm": tm.linear_reg(), "lasso": lasso})
    grid = pd.DataFrame({"penalty": [0.001, 3.0]})
    res = wset.workflow_map("tune_grid", seed=3, resamples=folds, grid=grid)
    assert all(not isinstance(r, Exception) for r in res.result)
    assert res.option[0]["grid"] is grid                                   # options are recorded
    assert "<rsmp[+]>" in repr(res) and "<tune[+]>" in repr(res)           # lm had nothing to tune
    ranked = res.rank_results(rank_metric="rmse")
    assert len(ranked) == 2 * (2 + 1 + 2 + 1)                              # configs x metrics
    best = res.rank_results(rank_metric="rmse", select_best=True)
    assert best["wflow_id"].nunique() == 4 and len(best) == 8
    for wid in ("all_lasso", "cement_lasso"):
        one = res.extract_workflow_set_result(wid)
        assert best.loc[best["wflow_id"] == wid, ".config"].iloc[0] == one.select_best(metric="rmse")[".config"].iloc[0]
    # the same resamples and seed reach every workflow: the lm rows equal a direct fit_resamples()
    direct = tm.fit_resamples(res.extract_workflow("all_lm"), folds, seed=3).collect_metrics()
    got = res.collect_metrics()
    np.testing.assert_allclose(got.loc[got["wflow_id"] == "all_lm", "mean"].to_numpy(), direct["mean"].to_numpy())


def test_racing_results_rank(concrete):
    rs = tm.vfold_cv(concrete, v=4, seed=2)
    lasso = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    wset = tm.workflow_set({"all": FORMULAS["all"]}, {"lasso": lasso})
    res = tm.workflow_map(wset, "tune_race_anova", seed=1, resamples=rs, grid=pd.DataFrame({"penalty": [1e-3, 0.01, 30.0]}))
    ranked = tm.rank_results(res, rank_metric="rmse")
    assert (ranked["n"] == 4).all()                                         # unfinished candidates are left out
    assert "<race[" in repr(res)


def test_failures_are_kept_and_reported(concrete, folds):
    wset = tm.workflow_set({"bad": "nope ~ cement"}, [tm.linear_reg()])
    with pytest.warns(PytidyWarning, match="All models failed"):
        failed_fits = tm.workflow_map(wset, "fit_resamples", seed=1, resamples=folds)
    assert "<rsmp[x]>" in repr(failed_fits)                                 # errors recorded in the notes
    res = tm.workflow_map(wset, "fit_resamples", seed=1, resamples=folds, metrics="rmse")
    assert isinstance(res.result[0], InvalidParameterError) and "<try-error [1]>" in repr(res)
    with pytest.raises(InvalidParameterError, match="There were 1 workflows that had no results"):
        tm.collect_metrics(res)
    with pytest.raises(InvalidParameterError, match="Function 'tune_everything' can't be used"):
        tm.workflow_map(wset, "tune_everything", resamples=folds)


def test_verbose_logs_each_workflow(capsys, folds):
    tm.workflow_map(tm.workflow_set([FORMULAS["cement"]], [tm.linear_reg()]), "tune_grid", verbose=True, seed=1,
                    resamples=folds)
    err = capsys.readouterr().err
    assert "no tuning parameters, fit_resamples() will be attempted" in err
    assert "\u2714 1 of 1 tuning: formula_linear_reg (" in err


def test_seed_argument_is_used(concrete):
    # a seeded engine: TabNet with one epoch gives different numbers with a different seed
    df = concrete.iloc[:60]
    wset = tm.workflow_set([FORMULAS["cement_age"]],
                           [tm.tabnet(epochs=1, batch_size=32, virtual_batch_size=16).set_mode("regression")])
    rs = tm.vfold_cv(df, v=2, seed=1)
    a = tm.collect_metrics(tm.workflow_map(wset, "fit_resamples", seed=1, resamples=rs))["mean"]
    b = tm.collect_metrics(tm.workflow_map(wset, "fit_resamples", seed=1, resamples=rs))["mean"]
    c = tm.collect_metrics(tm.workflow_map(wset, "fit_resamples", seed=2, resamples=rs))["mean"]
    assert a.tolist() == b.tolist() and a.tolist() != c.tolist()


def test_options_comments_and_extractors():
    wset = tm.workflow_set({"a": "y ~ x", "b": "y ~ z"}, {"lm": tm.linear_reg()})
    wset = tm.option_add(wset, id="a_lm", grid=5)
    assert wset.option[0] == {"grid": 5} and wset.option[1] == {}
    assert tm.comment_add(wset, "b_lm", "second").info[1]["comment"] == "second"
    with pytest.raises(InvalidParameterError, match="`id` must be one of the wflow_id values"):
        wset.extract_workflow("c_lm")
    with pytest.raises(InvalidParameterError, match="must be a workflow set made by workflow_set"):
        tm.rank_results(pd.DataFrame())
    assert isinstance(wset, WorkflowSet)


def test_case_weights_must_be_a_column_name():
    with pytest.raises(InvalidParameterError, match="`case_weights` in workflow_set\\(\\) must be a column name"):
        tm.workflow_set(["y ~ x"], [tm.linear_reg()], case_weights=3)


def test_autoplot(lm_results):
    import matplotlib

    matplotlib.use("Agg")
    fig = tm.autoplot(lm_results, rank_metric="rmse")
    assert [ax.get_title() for ax in fig.axes] == ["rmse", "rsq"]
    assert fig.axes[0].get_xlabel() == "Workflow Rank"
    one = tm.autoplot(lm_results, metric="rmse", select_best=True, type="wflow_id")
    assert len(one.axes) == 1
    with pytest.raises(InvalidParameterError, match="`type` in autoplot\\(\\) of a workflow set must be"):
        lm_results.autoplot(type="bars")


def _bar_halfwidths(ax):
    from matplotlib.collections import LineCollection

    out = []
    for coll in ax.collections:
        if isinstance(coll, LineCollection):
            out += [abs(seg[1][1] - seg[0][1]) / 2 for seg in coll.get_segments()]
    return np.array(out)


def test_autoplot_std_errs_and_id(lm_results, folds):
    import matplotlib

    matplotlib.use("Agg")
    ranked = lm_results.rank_results(rank_metric="rmse")
    se = np.sort(ranked.loc[ranked[".metric"] == "rmse", "std_err"].to_numpy())
    wide = np.sort(_bar_halfwidths(tm.autoplot(lm_results, metric="rmse", std_errs=2.0).axes[0]))
    default = np.sort(_bar_halfwidths(tm.autoplot(lm_results, metric="rmse").axes[0]))
    np.testing.assert_allclose(wide, 2.0 * se, rtol=1e-9)
    np.testing.assert_allclose(default, 1.6448536269514722 * se, rtol=1e-9)     # R: qnorm(0.95)
    lasso = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    tuned = tm.workflow_map(tm.workflow_set([FORMULAS["all"]], [lasso]), seed=1, resamples=folds, grid=2)
    fig = tuned.autoplot(id="formula_linear_reg")                               # the result's own plot
    assert "penalty" in fig.axes[-1].get_xlabel()


def test_collect_predictions_and_notes(concrete, folds):
    lasso = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    wset = tm.workflow_set({"all": FORMULAS["all"]}, {"lm": tm.linear_reg(), "lasso": lasso})
    res = tm.workflow_map(wset, seed=1, resamples=folds, grid=pd.DataFrame({"penalty": [0.01, 2.0]}),
                          control=tm.control_grid(save_pred=True))
    preds = tm.collect_predictions(res, summarize=False)
    assert list(preds.columns[:4]) == ["wflow_id", ".config", "preproc", "model"]
    assert "penalty" not in preds.columns
    assert len(preds) == len(concrete) * (1 + 2)                 # every row once per configuration
    best = res.collect_predictions(summarize=False, select_best=True, metric="rmse")
    assert len(best) == 2 * len(concrete) and best.groupby("wflow_id")[".config"].nunique().eq(1).all()
    assert list(tm.collect_notes(res).columns[:1]) == ["wflow_id"]
