"""Case weights in tuning: analysis weights reach the fit; frequency (not importance) weights reach the metrics.

R: tune's ``.use_case_weights_with_yardstick()`` is TRUE for frequency weights, FALSE for importance weights.
"""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm


@pytest.fixture
def data():
    rng = np.random.default_rng(21)
    n = 45
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = 1.0 + 2.0 * df.x - df.z + rng.normal(size=n) * (1 + np.abs(df.x))
    freq = rng.integers(0, 5, n)
    return df, freq


def _by_hand(spec, df, folds, weight_metrics):
    """Fold-by-fold rmse/rsq with the fits and yardstick called directly."""
    rows = []
    for split in folds.splits:
        ana, ass = split.analysis(), split.assessment()
        fit = spec.fit("y ~ x + z", data=ana.drop(columns="w"), case_weights=ana["w"].array)
        preds = fit.predict(ass).assign(y=ass["y"].to_numpy())
        cw = np.asarray(ass["w"], dtype=float) if weight_metrics else None
        rows.append((tm.rmse(preds, "y", ".pred", case_weights=cw)[".estimate"].iloc[0],
                     tm.rsq(preds, "y", ".pred", case_weights=cw)[".estimate"].iloc[0]))
    return np.array(rows)


def test_fit_resamples_uses_frequency_weights_in_metrics(data):
    df, freq = data
    dfw = df.assign(w=tm.frequency_weights(freq))
    folds = tm.vfold_cv(dfw, v=3, seed=4)
    wf = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w")
    res = tm.fit_resamples(wf, folds, seed=1)
    got = res.collect_metrics(summarize=False).pivot(index="id", columns=".metric", values=".estimate")
    expected = _by_hand(tm.linear_reg(), dfw, folds, weight_metrics=True)
    np.testing.assert_allclose(got[["rmse", "rsq"]].to_numpy(), expected, rtol=1e-10)
    unweighted = _by_hand(tm.linear_reg(), dfw, folds, weight_metrics=False)
    assert not np.allclose(got[["rmse", "rsq"]].to_numpy(), unweighted, rtol=1e-6)


def test_importance_weights_change_the_fit_but_not_the_metric(data):
    df, freq = data
    dfi = df.assign(w=tm.importance_weights(freq + 0.5))
    folds = tm.vfold_cv(dfi, v=3, seed=4)
    wf = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w")
    res = tm.fit_resamples(wf, folds, seed=1)
    got = res.collect_metrics(summarize=False).pivot(index="id", columns=".metric", values=".estimate")
    expected = _by_hand(tm.linear_reg(), dfi, folds, weight_metrics=False)
    np.testing.assert_allclose(got[["rmse", "rsq"]].to_numpy(), expected, rtol=1e-10)
    plain = tm.fit_resamples(tm.workflow("y ~ x + z", tm.linear_reg()), folds, seed=1)
    p = plain.collect_metrics(summarize=False).pivot(index="id", columns=".metric", values=".estimate")
    assert not np.allclose(got["rmse"].to_numpy(), p["rmse"].to_numpy(), rtol=1e-6)   # the fit changed


def test_tune_grid_with_frequency_weights(data):
    df, freq = data
    dfw = df.assign(w=tm.frequency_weights(freq))
    folds = tm.vfold_cv(dfw, v=3, seed=8)
    spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    wf = tm.workflow("y ~ .", spec).add_case_weights("w")
    res = tm.tune_grid(wf, folds, grid=pd.DataFrame({"penalty": [0.001, 0.3]}), seed=1)
    got = res.collect_metrics(summarize=False)
    for penalty in (0.001, 0.3):
        sub = got[got.penalty == penalty].pivot(index="id", columns=".metric", values=".estimate")
        expected = _by_hand(spec.set_args(penalty=penalty), dfw, folds, weight_metrics=True)
        np.testing.assert_allclose(sub[["rmse", "rsq"]].to_numpy(), expected, rtol=1e-8)


def test_last_fit_scores_the_test_set_with_frequency_weights(data):
    df, freq = data
    dfw = df.assign(w=tm.frequency_weights(np.maximum(freq, 1)))
    split = tm.initial_split(dfw, prop=0.7, seed=2)
    wf = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w")
    res = tm.last_fit(wf, split)
    train, test = tm.training(split), tm.testing(split)
    fit = tm.linear_reg().fit("y ~ x + z", data=train.drop(columns="w"), case_weights=train["w"].array)
    preds = fit.predict(test).assign(y=test["y"].to_numpy())
    expected = tm.rmse(preds, "y", ".pred", case_weights=np.asarray(test["w"], dtype=float))[".estimate"].iloc[0]
    got = res.collect_metrics().set_index(".metric").loc["rmse", ".estimate"]
    assert got == pytest.approx(expected, rel=1e-10)
