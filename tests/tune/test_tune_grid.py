import warnings

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.parsnip.registry import EngineInfo, temporary_engine
from pytidy.tune.tune_grid import resample_seed

GRID = pd.DataFrame({"penalty": [0.001, 0.05, 0.3]})


@pytest.fixture(scope="module")
def folds(two_class):
    return tm.vfold_cv(two_class, v=4, seed=3)


@pytest.fixture(scope="module")
def res(logistic_wf, folds):
    return tm.tune_grid(logistic_wf, folds, grid=GRID, seed=1, control=tm.control_grid(save_pred=True))


def test_default_classification_metrics_and_layout(res):
    summ = res.collect_metrics()
    assert summ.columns.tolist() == ["penalty", ".metric", ".estimator", "mean", "n", "std_err", ".config"]
    assert summ[".config"].tolist() == sorted(summ[".config"])
    assert set(summ[".metric"]) == {"roc_auc", "accuracy", "brier_class"}
    # within a configuration metrics are in R's (alphabetical) group order
    assert summ[".metric"].tolist()[:3] == ["accuracy", "brier_class", "roc_auc"]
    assert (summ["n"] == 4).all()
    assert [m.name for m in res.metric_set.metrics] == ["roc_auc", "accuracy", "brier_class"]


def test_summary_is_mean_and_sd_over_sqrt_n(res):
    raw = res.collect_metrics(summarize=False)
    assert raw.columns.tolist() == ["id", "penalty", ".metric", ".estimator", ".estimate", ".config"]
    assert len(raw) == 4 * 3 * 3
    one = raw[(raw[".config"] == "pre0_mod2_post0") & (raw[".metric"] == "roc_auc")][".estimate"]
    summ = res.collect_metrics()
    row = summ[(summ[".config"] == "pre0_mod2_post0") & (summ[".metric"] == "roc_auc")].iloc[0]
    assert row["mean"] == pytest.approx(one.mean())
    assert row["std_err"] == pytest.approx(one.std(ddof=1) / np.sqrt(4))


def test_metrics_equal_a_manual_fit_on_each_fold(res, logistic_wf, folds):
    raw = res.collect_metrics(summarize=False)
    split = folds[1]
    fitted = logistic_wf.finalize_workflow({"penalty": 0.05}).fit(split.analysis())
    assess = split.assessment()
    preds = pd.concat([fitted.predict(assess, type="prob").reset_index(drop=True),
                       assess["Class"].reset_index(drop=True)], axis=1)
    auc = tm.roc_auc(preds, "Class", ".pred_Class1")[".estimate"].iloc[0]
    got = raw[(raw["id"] == "Fold2") & (raw[".metric"] == "roc_auc") & (raw["penalty"] == 0.05)][".estimate"].iloc[0]
    assert got == pytest.approx(auc, abs=1e-12)


def test_saved_predictions_line_up_with_the_data(res, two_class):
    pred = res.collect_predictions()
    assert pred.columns.tolist() == ["id", ".pred_class", ".pred_Class1", ".pred_Class2", ".row", "Class",
                                     "penalty", ".config"]
    assert len(pred) == len(two_class) * 3
    assert (pred["Class"].astype(str).to_numpy() == two_class["Class"].astype(str).to_numpy()[pred[".row"]]).all()
    one = res.collect_predictions(parameters={"penalty": 0.001})
    assert set(one[".config"]) == {"pre0_mod1_post0"} and len(one) == len(two_class)
    summ = res.collect_predictions(summarize=True)
    assert len(summ) == len(two_class) * 3
    assert np.allclose(summ[".pred_Class1"] + summ[".pred_Class2"], 1.0)


def test_wide_metrics(res):
    wide = res.collect_metrics(type="wide")
    assert wide.columns.tolist() == ["penalty", ".config", "accuracy", "brier_class", "roc_auc"]
    assert len(wide) == 3
    with pytest.raises(InvalidParameterError, match=r"`type` in collect_metrics\(\) must be 'long' or 'wide'"):
        res.collect_metrics(type="tall")


def test_show_best_and_select_best(res):
    best = res.show_best("roc_auc", n=2)
    assert len(best) == 2 and best["mean"].is_monotonic_decreasing
    brier = res.show_best("brier_class")
    assert brier["mean"].is_monotonic_increasing  # minimize
    sel = res.select_best("roc_auc")
    assert sel.columns.tolist() == ["penalty", ".config"] and len(sel) == 1
    assert sel[".config"].iloc[0] == best[".config"].iloc[0]
    with pytest.warns(PytidyWarning, match='No value of `metric` was given; "roc_auc" will be used.'):
        res.show_best()
    with pytest.warns(PytidyWarning, match='2 metrics were given; "accuracy" will be used.'):
        res.show_best(["accuracy", "roc_auc"])
    with pytest.raises(InvalidParameterError, match='"rmse" was not in the metric set. Please choose from: '
                                                    '"roc_auc", "accuracy", "brier_class"'):
        res.select_best("rmse")


def test_free_verbs_dispatch(res):
    pd.testing.assert_frame_equal(tm.show_best(res, "accuracy"), res.show_best("accuracy"))
    pd.testing.assert_frame_equal(tm.collect_metrics(res), res.collect_metrics())


def test_finalize_with_select_best(res, logistic_wf, two_class):
    final = logistic_wf.finalize_workflow(res.select_best("roc_auc"))
    assert final.tune_args() == []
    assert tm.finalize_model(logistic_wf.spec, res.select_best("roc_auc")).args["penalty"] == \
        res.select_best("roc_auc")["penalty"].iloc[0]
    with pytest.raises(InvalidParameterError, match=r"finalize_model\(\) needs one row of parameters"):
        tm.finalize_model(logistic_wf.spec, GRID)
    with pytest.raises(InvalidParameterError, match=r"`x` in finalize_model\(\) must be a model specification"):
        tm.finalize_model(logistic_wf, {"penalty": 1})
    with pytest.raises(InvalidParameterError, match=r"`x` in finalize_recipe\(\) must be a recipe"):
        tm.finalize_recipe(logistic_wf.spec, {"penalty": 1})


def test_grid_checks(logistic_wf, folds):
    with pytest.raises(InvalidParameterError, match=r"The provided grid has 1 parameter column\(s\) \(mixture\) "
                                                    "that have not been marked for tuning"):
        tm.tune_grid(logistic_wf, folds, grid=GRID.assign(mixture=1.0))
    with pytest.raises(InvalidParameterError, match="The provided grid is missing the following 1 parameter "
                                                    r"column\(s\) that have been marked for tuning by tune\(\): penalty"):
        two = tm.workflow().add_model(tm.logistic_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet"))
        tm.tune_grid(two.add_formula("Class ~ A + B"), folds, grid=pd.DataFrame({"mixture": [1.0]}))
    with pytest.raises(InvalidParameterError, match="`grid` should be a positive integer or a DataFrame"):
        tm.tune_grid(logistic_wf, folds, grid=0)
    with pytest.raises(InvalidParameterError, match="`grid` should be a positive integer or a DataFrame"):
        tm.tune_grid(logistic_wf, folds, grid="ten")
    with pytest.warns(PytidyWarning, match="Duplicate rows in grid of tuning combinations found and removed."):
        out = tm.tune_grid(logistic_wf, folds, grid=pd.DataFrame({"penalty": [0.01, 0.01]}))
    assert out.collect_metrics()[".config"].unique().tolist() == ["pre0_mod1_post0"]


class FakeSet:
    """A parameter set stand-in: the integer grid path asks it for a space-filling design."""

    def __init__(self):
        self.calls = []

    def grid_space_filling(self, size, seed=None):
        self.calls.append((size, seed))
        return pd.DataFrame({"penalty": np.linspace(0.001, 0.2, size)})


def test_integer_grid_uses_space_filling_of_param_info(logistic_wf, folds):
    pset = FakeSet()
    res = tm.tune_grid(logistic_wf, folds, grid=3, param_info=pset, seed=5)
    assert pset.calls[0][0] == 3
    assert len(res.collect_metrics()) == 9
    tm.tune_grid(logistic_wf, folds, grid=3, param_info=pset, seed=5)
    assert pset.calls[0][1] == pset.calls[1][1]  # same seed, same design seed


def test_no_tuning_parameters_warns_and_resamples(folds):
    wf = tm.workflow().add_model(tm.logistic_reg()).add_formula("Class ~ A + B")
    with pytest.warns(PytidyWarning, match="No tuning parameters have been detected"):
        res = tm.tune_grid(wf, folds)
    assert res.collect_metrics()[".config"].unique().tolist() == ["pre0_mod0_post0"]


def test_metric_set_must_match_mode(logistic_wf, folds, lasso_wf, reg_data):
    with pytest.raises(InvalidParameterError, match='mode "classification", but `metrics` in tune_grid'):
        tm.tune_grid(logistic_wf, folds, grid=GRID, metrics=tm.metric_set(tm.rmse))
    with pytest.raises(InvalidParameterError, match='mode "regression", but `metrics` in tune_grid'):
        tm.tune_grid(lasso_wf, tm.vfold_cv(reg_data, v=3, seed=1), grid=GRID, metrics=tm.metric_set(tm.accuracy))
    with pytest.raises(InvalidParameterError, match=r"`metrics` in tune_grid\(\) must be made by metric_set\(\)"):
        tm.tune_grid(logistic_wf, folds, grid=GRID, metrics=tm.accuracy)


def test_custom_metrics_and_event_level(logistic_wf, folds):
    ms = tm.metric_set(tm.roc_auc)
    first = tm.tune_grid(logistic_wf, folds, grid=GRID, metrics=ms).collect_metrics()
    second = tm.tune_grid(logistic_wf, folds, grid=GRID, metrics=ms,
                          control=tm.control_grid(event_level="second")).collect_metrics()
    assert first[".metric"].unique().tolist() == ["roc_auc"]
    # with the second level as event and its own probability column, the AUC is unchanged
    assert np.allclose(first["mean"], second["mean"])


def test_bad_arguments(logistic_wf, folds, two_class):
    with pytest.raises(InvalidParameterError, match=r"`resamples` in tune_grid\(\) must be an rset"):
        tm.tune_grid(logistic_wf, two_class)
    with pytest.raises(InvalidParameterError, match=r"The first argument to tune_grid\(\) should be a workflow"):
        tm.tune_grid("wf", folds)
    with pytest.raises(InvalidParameterError, match=r"tune_grid\(\) with a model specification needs `preprocessor=`"):
        tm.tune_grid(logistic_wf.spec, folds)
    with pytest.raises(InvalidParameterError, match=r"`preprocessor` is only used with a model specification"):
        tm.tune_grid(logistic_wf, folds, preprocessor="Class ~ A")
    fitted = logistic_wf.finalize_workflow({"penalty": 0.1}).fit(two_class)
    with pytest.raises(InvalidParameterError, match=r"tune_grid\(\) is not well-defined for a fitted workflow"):
        tm.tune_grid(fitted, folds)


def test_model_spec_plus_preprocessor(logistic_wf, folds):
    a = tm.tune_grid(logistic_wf.spec, folds, preprocessor="Class ~ A + B", grid=GRID).collect_metrics()
    b = tm.tune_grid(logistic_wf, folds, grid=GRID).collect_metrics()
    pd.testing.assert_frame_equal(a, b)


def _engine(fit):
    return EngineInfo(model="linear_reg", engine="fake", mode="regression", fit=fit,
                      predict={"numeric": lambda m, x: np.full(len(x), m["mean"])},
                      tunable={"penalty": lambda: None})


def test_errors_and_warnings_become_notes(reg_data):
    def fit(x, y, *, seed, penalty=None, **_):
        if penalty > 1:
            raise ValueError("penalty too large for this engine")
        if penalty > 0.5:
            warnings.warn("shrinking hard", UserWarning)
        return {"mean": float(y.mean())}

    with temporary_engine(_engine(fit)):
        wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("fake")).add_formula("y ~ x1")
        folds = tm.vfold_cv(reg_data, v=3, seed=1)
        res = tm.tune_grid(wf, folds, grid=pd.DataFrame({"penalty": [0.1, 0.8, 2.0]}),
                           metrics=tm.metric_set(tm.rmse))
        notes = res.collect_notes()
        assert notes.columns.tolist() == ["id", "location", "type", "note"]
        errs = notes[notes["type"] == "error"]
        assert len(errs) == 3 and errs["location"].unique().tolist() == ["preprocessor 1/1, model 3/3"]
        assert errs["note"].str.contains("ValueError: penalty too large for this engine").all()
        warns = notes[notes["type"] == "warning"]
        assert len(warns) == 3 and (warns["location"] == "preprocessor 1/1, model 2/3").all()
        assert warns["note"].str.contains("shrinking hard").all()
        summ = res.collect_metrics()
        assert summ[".config"].tolist() == ["pre0_mod1_post0", "pre0_mod2_post0"]
        assert "There were issues with some computations: 3 error(s), 3 warning(s)." in repr(res)
        assert "error: ValueError: penalty too large" in res.show_notes()

        with pytest.warns(PytidyWarning, match="All models failed"):
            bad = tm.tune_grid(wf, folds, grid=pd.DataFrame({"penalty": [3.0]}), metrics=tm.metric_set(tm.rmse))
        with pytest.raises(InvalidParameterError, match="All models failed, so there are no metrics"):
            bad.collect_metrics()


def test_fit_seeds_derive_from_the_seed_and_the_resample(reg_data):
    seen = []

    def fit(x, y, *, seed, **_):
        seen.append(seed)
        return {"mean": float(y.mean())}

    with temporary_engine(_engine(fit)):
        wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("fake")).add_formula("y ~ x1")
        folds = tm.vfold_cv(reg_data, v=3, seed=1)
        grid = pd.DataFrame({"penalty": [0.1, 0.2]})
        tm.tune_grid(wf, folds, grid=grid, seed=7)
        first = list(seen)
        seen.clear()
        tm.tune_grid(wf, folds, grid=grid, seed=7)
        assert seen == first
        # configurations of one resample share its seed; resamples differ
        assert first[0] == first[1] and first[2] == first[3] and first[0] != first[2]
        seen.clear()
        tm.set_seed(3)
        tm.tune_grid(wf, folds, grid=grid)
        a = list(seen)
        seen.clear()
        tm.set_seed(3)
        tm.tune_grid(wf, folds, grid=grid)
        assert seen == a
    assert resample_seed(1, ("Fold1",)) == resample_seed(1, ("Fold1",)) != resample_seed(1, ("Fold2",))


def test_extract_and_verbose(logistic_wf, folds, capsys):
    ctrl = tm.control_grid(extract=lambda f: f.extract_fit_parsnip().spec.args["penalty"], verbose=True)
    res = tm.tune_grid(logistic_wf, folds, grid=GRID, control=ctrl)
    ex = res.collect_extracts()
    assert ex.columns.tolist() == ["id", "penalty", ".extracts", ".config"]
    # submodels (R): the three penalties share one fit at the largest, so every row extracts it
    assert (ex[".extracts"] == 0.3).all() and len(ex) == 12
    assert ex["penalty"].tolist()[:3] == [0.001, 0.05, 0.3]
    assert "i Fold1: preprocessor 1/1, model 1/1" in capsys.readouterr().out
    one_each = tm.tune_grid(logistic_wf, folds, grid=GRID, control=tm.control_grid(
        extract=ctrl.extract, verbose=True, submodels=False)).collect_extracts()
    assert (one_each["penalty"] == one_each[".extracts"]).all() and len(one_each) == 12
    assert "i Fold1: preprocessor 1/1, model 1/3" in capsys.readouterr().out
    with pytest.raises(InvalidParameterError, match=r"The `.predictions` column does not exist"):
        res.collect_predictions()
    frame = res.to_frame()
    assert frame.columns.tolist() == ["splits", "id", ".metrics", ".notes", ".extracts"]
    assert frame[".metrics"].iloc[0].shape == (9, 5)


def test_select_by_one_std_err_and_pct_loss_follow_r(reg_data):
    """Constructed metrics: rmse means 1.00 (best, se .05), 1.04, 1.10 for penalties .001 < .01 < .1."""
    from pytidy.tune.results import TuneResults

    vals = []
    for pen, cfg, base in ((0.001, "pre0_mod1_post0", 1.0), (0.01, "pre0_mod2_post0", 1.04),
                           (0.1, "pre0_mod3_post0", 1.10)):
        for i, d in enumerate((-0.05, 0.05, -0.05, 0.05)):  # sd 0.0577, se 0.0289 ... scaled below
            vals.append({"id": f"Fold{i + 1}", "penalty": pen, ".metric": "rmse", ".estimator": "standard",
                         ".estimate": base + 1.732 * d, ".config": cfg})
    res = TuneResults(splits=[None] * 4, ids=pd.DataFrame({"id": [f"Fold{i}" for i in range(1, 5)]}),
                      metric_values=pd.DataFrame(vals), notes=pd.DataFrame(columns=["id", "location", "type", "note"]),
                      param_names=["penalty"], metric_set=tm.metric_set(tm.rmse), outcomes=["y"],
                      config_key=pd.DataFrame({"penalty": [0.001, 0.01, 0.1],
                                               ".config": ["pre0_mod1_post0", "pre0_mod2_post0", "pre0_mod3_post0"]}))
    se = res.collect_metrics()["std_err"].iloc[0]
    assert se == pytest.approx(0.05, abs=1e-3)
    # bound 1.05: the simplest (largest penalty) within it is 0.01
    assert res.select_by_one_std_err("-penalty", metric="rmse")["penalty"].iloc[0] == 0.01
    assert res.select_by_one_std_err("desc(penalty)", metric="rmse")["penalty"].iloc[0] == 0.01
    assert res.select_by_one_std_err("penalty", metric="rmse")["penalty"].iloc[0] == 0.001
    # losses 0, 4 %, 10 %: limit 5 keeps 0.01; limit 2 only the best
    assert res.select_by_pct_loss("-penalty", metric="rmse", limit=5)["penalty"].iloc[0] == 0.01
    assert res.select_by_pct_loss("-penalty", metric="rmse")["penalty"].iloc[0] == 0.001
    with pytest.raises(InvalidParameterError, match="Please choose at least one tuning parameter to sort by"):
        res.select_by_one_std_err(metric="rmse")
    with pytest.raises(InvalidParameterError, match="Could not sort results by `mixture`"):
        res.select_by_pct_loss("mixture", metric="rmse")
    with pytest.raises(InvalidParameterError, match="Sort keys must be column names as strings"):
        res.select_by_pct_loss(1, metric="rmse")


def test_autoplot_draws_one_panel_per_metric_and_parameter(res):
    import matplotlib

    matplotlib.use("Agg")
    fig = res.autoplot()
    assert len(fig.axes) == 3
    assert len(res.autoplot(metric="roc_auc").axes) == 1
    with pytest.raises(InvalidParameterError, match=r"autoplot\(\): metric\(s\) \['rmse'\] are not in the results"):
        res.autoplot(metric="rmse")
    with pytest.raises(InvalidParameterError, match="supports type='marginals'"):
        res.autoplot(type="performance")
    import matplotlib.pyplot as plt

    plt.close("all")
