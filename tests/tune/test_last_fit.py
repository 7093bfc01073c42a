import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture(scope="module")
def split(reg_data):
    return tm.initial_split(reg_data, prop=0.75, seed=4)


def test_last_fit_equals_fit_on_training_scored_on_testing(split):
    wf = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ .")
    res = tm.last_fit(wf, split)
    met = res.collect_metrics()
    assert met.columns.tolist() == [".metric", ".estimator", ".estimate", ".config"]
    assert met[".config"].unique().tolist() == ["pre0_mod0_post0"]
    fitted = wf.fit(tm.training(split))
    test = tm.testing(split)
    pred = fitted.predict(test)[".pred"].to_numpy()
    rmse = np.sqrt(np.mean((test["y"].to_numpy() - pred) ** 2))
    assert met.loc[met[".metric"] == "rmse", ".estimate"].iloc[0] == pytest.approx(rmse, rel=1e-10)
    preds = res.collect_predictions()
    assert preds["id"].unique().tolist() == ["train/test split"]
    assert np.allclose(preds[".pred"].to_numpy(), pred)
    assert np.allclose(res.extract_workflow().predict(test)[".pred"], pred)
    assert np.allclose(res.predict(test)[".pred"], pred)
    assert res.extract_fit_parsnip() is res.extract_workflow().extract_fit_parsnip()
    wide = res.collect_metrics(type="wide")
    assert wide.columns.tolist() == [".config", "rmse", "rsq"]


def test_workflow_method_and_errors(split, lasso_wf):
    wf = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ x1")
    a = wf.last_fit(split).collect_metrics()
    b = tm.last_fit(wf, split).collect_metrics()
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(InvalidParameterError, match=r"last_fit\(\) needs a workflow without tune\(\) placeholders; "
                                                    "these are still to be tuned: penalty"):
        tm.last_fit(lasso_wf, split)
    with pytest.raises(InvalidParameterError, match=r"`split` in last_fit\(\) must be an initial split"):
        tm.last_fit(wf, tm.vfold_cv(tm.training(split), v=2))
    with pytest.raises(InvalidParameterError, match=r"last_fit\(\) is not well-defined for a fitted workflow"):
        tm.last_fit(wf.fit(tm.training(split)), split)


def test_fit_resamples(reg_data, lasso_wf):
    folds = tm.vfold_cv(reg_data, v=4, seed=9)
    wf = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ .")
    res = tm.fit_resamples(wf, folds, control=tm.control_resamples(save_pred=True))
    summ = res.collect_metrics()
    assert summ.columns.tolist() == [".metric", ".estimator", "mean", "n", "std_err", ".config"]
    assert summ[".config"].tolist() == ["pre0_mod0_post0"] * 2 and (summ["n"] == 4).all()
    assert sorted(res.collect_predictions()[".row"]) == list(range(len(reg_data)))
    pd.testing.assert_frame_equal(wf.fit_resamples(folds).collect_metrics(), summ)
    with pytest.raises(InvalidParameterError, match=r"fit_resamples\(\) needs a workflow without tune\(\)"):
        tm.fit_resamples(lasso_wf, folds)


def test_last_fit_metrics_in_r_order_and_resampling_results_printed(two_class):
    """R: collect_metrics(last_fit(...)) lists accuracy, roc_auc, brier_class (class metrics first)."""
    wf = tm.workflow().add_model(tm.logistic_reg()).add_formula("Class ~ A + B")
    res = tm.last_fit(wf, tm.initial_split(two_class, seed=2))
    assert res.collect_metrics()[".metric"].tolist() == ["accuracy", "roc_auc", "brier_class"]
    mixed = tm.last_fit(wf, tm.initial_split(two_class, seed=2),
                        metrics=tm.metric_set(tm.brier_class, tm.kap, tm.roc_auc, tm.accuracy))
    assert mixed.collect_metrics()[".metric"].tolist() == ["kap", "accuracy", "brier_class", "roc_auc"]
    assert repr(res).startswith("# Resampling results\n# Manual resampling")
    rs = tm.fit_resamples(wf, tm.vfold_cv(two_class, v=3, seed=1))
    assert repr(rs).startswith("# Resampling results\n# 3-fold cross-validation")
    tuned = tm.tune_grid(tm.workflow().add_model(tm.logistic_reg(penalty=tm.tune()).set_engine("glmnet"))
                         .add_formula("Class ~ A + B"), tm.vfold_cv(two_class, v=3, seed=1), grid=2)
    assert repr(tuned).startswith("# Tuning results")
