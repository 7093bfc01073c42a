"""Probability metrics against R yardstick's asserted values and scikit-learn."""

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning

LV = ["VF", "F", "M", "L"]


@pytest.fixture
def tce(modeldata):
    return modeldata("two_class_example")


@pytest.fixture
def hpc(modeldata):
    return modeldata("hpc_cv")


def test_two_class_reference_values(tce):
    assert tm.roc_auc_vec(tce["truth"], tce["Class1"]) == pytest.approx(0.939313857389967, rel=1e-12)
    assert tm.pr_auc_vec(tce["truth"], tce["Class1"]) == pytest.approx(0.9464467, abs=1e-7)
    assert tm.brier_class_vec(tce["truth"], tce["Class1"]) == pytest.approx(0.10561859, abs=1e-8)
    # R: gain_capture == 2 * roc_auc - 1 on two_class_example
    assert tm.gain_capture_vec(tce["truth"], tce["Class1"]) == pytest.approx(
        2 * tm.roc_auc_vec(tce["truth"], tce["Class1"]) - 1, rel=1e-12)


def test_hpc_cv_reference_values(hpc):
    folds = hpc[hpc["Resample"].isin(["Fold06", "Fold07", "Fold08", "Fold09", "Fold10"])].copy()
    out = tm.roc_auc(folds, "obs", *LV)
    assert out[".estimator"].iloc[0] == "hand_till"
    assert out[".estimate"].iloc[0] == pytest.approx(0.827387699597311, rel=1e-12)
    folds.loc[folds.index[:10], "VF"] = np.nan
    assert tm.roc_auc(folds, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.82746116, abs=1e-8)
    assert np.isnan(tm.roc_auc(folds, "obs", *LV, na_rm=False)[".estimate"].iloc[0])

    assert tm.average_precision(hpc, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.623566079, abs=1e-9)
    assert tm.brier_class(hpc, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.21083946, abs=1e-8)
    na = hpc.copy()
    na.loc[na.index[:10], "VF"] = np.nan
    assert tm.average_precision(na, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.623365730, abs=1e-9)
    assert tm.brier_class(na, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.21143119, abs=1e-8)
    assert tm.pr_auc(na, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.62197342, abs=1e-8)
    assert tm.gain_capture(na, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(0.7376331, abs=1e-7)


def test_roc_auc_vs_sklearn(hpc, tce):
    y = hpc["obs"].cat.codes.to_numpy()
    p = hpc[LV].to_numpy()
    assert tm.roc_auc_vec(hpc["obs"], p) == pytest.approx(skm.roc_auc_score(y, p, multi_class="ovo"), rel=1e-12)
    assert tm.roc_auc_vec(hpc["obs"], p, estimator="macro") == pytest.approx(
        skm.roc_auc_score(y, p, multi_class="ovr", average="macro"), rel=1e-12)
    assert tm.roc_aunu_vec(hpc["obs"], p) == pytest.approx(tm.roc_auc_vec(hpc["obs"], p, estimator="macro"))
    assert tm.roc_auc_vec(hpc["obs"], p, estimator="macro_weighted") == pytest.approx(
        skm.roc_auc_score(y, p, multi_class="ovr", average="weighted"), rel=1e-12)
    assert tm.roc_aunp_vec(hpc["obs"], p) == pytest.approx(
        tm.roc_auc_vec(hpc["obs"], p, estimator="macro_weighted"))
    yb = (tce["truth"] == "Class1").to_numpy()
    assert tm.average_precision_vec(tce["truth"], tce["Class1"]) == pytest.approx(
        skm.average_precision_score(yb, tce["Class1"]), rel=1e-12)


def test_mn_log_loss_vs_sklearn_and_sum(hpc, tce):
    y = hpc["obs"].cat.codes.to_numpy()
    p = hpc[LV].to_numpy()
    assert tm.mn_log_loss(hpc, "obs", *LV)[".estimate"].iloc[0] == pytest.approx(skm.log_loss(y, p), rel=1e-12)
    assert tm.mn_log_loss(hpc, "obs", *LV, sum=True)[".estimate"].iloc[0] == pytest.approx(
        skm.log_loss(y, p, normalize=False), rel=1e-12)
    yb = (tce["truth"] == "Class1").astype(int)
    assert tm.mn_log_loss_vec(tce["truth"], tce["Class1"]) == pytest.approx(
        skm.log_loss(yb, tce["Class1"]), rel=1e-12)
    # R test "sum argument works"
    df = pd.DataFrame({"obs": pd.Categorical(list("AAABBB")), "A": [1, 0.8, 0.51, 0.1, 0.2, 0.3]})
    assert tm.mn_log_loss_vec(df["obs"], df["A"], sum=True) == pytest.approx(
        -(np.log(1) + np.log(0.8) + np.log(0.51) + np.log(0.9) + np.log(0.8) + np.log(0.7)), abs=1e-12)


def test_mn_log_loss_min_max_rule():
    # R #103: an event with probability 0 / a non-event with probability 1 is clipped at eps
    truth = pd.Categorical(["Yes", "No", "Yes"], categories=["Yes", "No"])
    assert tm.mn_log_loss_vec(truth, [0.5, 0.5, 0.0]) == pytest.approx(12.476649250079, abs=1e-4)
    truth2 = pd.Categorical(["Yes", "No", "No"], categories=["Yes", "No"])
    assert tm.mn_log_loss_vec(truth2, [0.5, 0.5, 1.0]) == pytest.approx(12.476649250079, abs=1e-4)
    # Issue #29
    x = pd.DataFrame({"No": [0.860384856004899, 1, 1], "truth": pd.Categorical(["Yes", "No", "Yes"])})
    assert tm.mn_log_loss(x.iloc[:2], "truth", "No")[".estimate"].iloc[0] == pytest.approx(0.9844328, abs=1e-4)
    assert tm.mn_log_loss(x, "truth", "No")[".estimate"].iloc[0] == pytest.approx(12.6708396674381, abs=1e-4)


def test_hand_till_drops_levels_without_observations():
    # R #123: a level with no observations in truth is dropped with a warning
    t = pd.Categorical(["a", "a", "b", "b", "c"], categories=["a", "b", "c", "d"])
    p = np.array([[0.7, 0.1, 0.1, 0.1], [0.2, 0.5, 0.2, 0.1], [0.1, 0.6, 0.2, 0.1], [0.3, 0.3, 0.3, 0.1],
                  [0.1, 0.1, 0.7, 0.1]])
    with pytest.warns(PytidyWarning, match="No observations were detected in `truth` for level\\(s\\) \\['d'\\]"):
        value = tm.roc_auc_vec(t, p)
    three = pd.Categorical(["a", "a", "b", "b", "c"], categories=["a", "b", "c"])
    assert value == pytest.approx(tm.roc_auc_vec(three, p[:, :3]))


def test_gain_capture_small_reference():
    truth = pd.Categorical(["Yes", "Yes", "No", "Yes", "No"], categories=["Yes", "No"])
    estimate = [0.9, 0.8, 0.7, 0.68, 0.4]
    denom = (3 / 5 * 1) / 2 + ((1 - 3 / 5) * 1) - 0.5
    numer = (0.4 * 2 / 3) / 2 + ((0.6 - 0.4) * 2 / 3) + ((0.8 - 0.6) * 2 / 3) + ((0.8 - 0.6) * (1 - 2 / 3)) / 2 + (
        (1 - 0.8) * 1) - 0.5
    assert tm.gain_capture_vec(truth, estimate) == pytest.approx(numer / denom)


def test_pr_auc_ties_reference():
    # R "PR - same class prob, different prediction value (#93)"
    truth = pd.Categorical(["x", "y", "y", "x", "x"])
    assert tm.pr_auc_vec(truth, [0.9, 0.9, 0.8, 0.4, 0.3]) == pytest.approx(0.572222222222222)


def test_classification_cost():
    df = pd.DataFrame({"obs": pd.Categorical(["A", "A", "B", "B"]), "A": [0.9, 0.4, 0.2, 0.7]})
    # default costs: 1 per error, i.e. the probability of the wrong class
    assert tm.classification_cost_vec(df["obs"], df["A"]) == pytest.approx(np.mean([0.1, 0.6, 0.2, 0.7]))
    costs = pd.DataFrame({"truth": ["A", "B"], "estimate": ["B", "A"], "cost": [2.0, 1.0]})
    out = tm.classification_cost(df, "obs", "A", costs=costs)
    assert out[".estimator"].iloc[0] == "binary"
    assert out[".estimate"].iloc[0] == pytest.approx(np.mean([0.2, 1.2, 0.2, 0.7]))
    with pytest.raises(InvalidParameterError, match="must have exactly the columns 'truth', 'estimate' and 'cost'"):
        tm.classification_cost_vec(df["obs"], df["A"], costs=costs.rename(columns={"cost": "x"}))
    with pytest.raises(InvalidParameterError, match="can only contain the levels \\['A', 'B'\\]"):
        tm.classification_cost_vec(df["obs"], df["A"], costs=costs.assign(truth=["A", "Z"]))
    with pytest.raises(InvalidParameterError, match="duplicate truth/estimate combinations"):
        tm.classification_cost_vec(df["obs"], df["A"], costs=pd.concat([costs, costs]))
    with pytest.raises(InvalidParameterError, match="must be a DataFrame or None"):
        tm.classification_cost_vec(df["obs"], df["A"], costs={"A": 1})
    with pytest.raises(InvalidParameterError, match="`costs\\['cost'\\]` in classification_cost\\(\\) must be numeric"):
        tm.classification_cost_vec(df["obs"], df["A"], costs=costs.assign(cost=["x", "y"]))


def test_roc_auc_without_events_warns_nan(tce):
    no_event = tce[tce["truth"] == "Class2"]
    with pytest.warns(PytidyWarning, match="No event observations with event level 'Class1'"):
        assert np.isnan(tm.roc_auc(no_event, "truth", "Class1")[".estimate"].iloc[0])
    no_control = tce[tce["truth"] == "Class1"]
    with pytest.warns(PytidyWarning, match="No control observations with control level 'Class2'"):
        assert np.isnan(tm.roc_auc(no_control, "truth", "Class1")[".estimate"].iloc[0])


def test_event_level_second_uses_other_column(tce):
    assert tm.roc_auc_vec(tce["truth"], tce["Class2"], event_level="second") == pytest.approx(
        tm.roc_auc_vec(tce["truth"], tce["Class1"]))


def test_case_weights_equal_repeated_rows(hpc):
    w = np.ones(len(hpc))
    w[[1, 99, 149, 199]] = 5
    expanded = hpc.loc[hpc.index.repeat(w.astype(int))]
    for est in ("macro", "macro_weighted"):
        ours = tm.roc_auc(hpc.assign(w=w), "obs", *LV, estimator=est, case_weights="w")[".estimate"].iloc[0]
        assert ours == pytest.approx(tm.roc_auc(expanded, "obs", *LV, estimator=est)[".estimate"].iloc[0])
        ours = tm.pr_auc(hpc, "obs", *LV, estimator=est, case_weights=w)[".estimate"].iloc[0]
        assert ours == pytest.approx(tm.pr_auc(expanded, "obs", *LV, estimator=est)[".estimate"].iloc[0])
    out = tm.roc_auc(hpc.assign(w=w), "obs", *LV, case_weights="w")
    assert out[".estimator"].iloc[0] == "macro"  # R: automatic hand_till becomes macro with weights
    with pytest.raises(InvalidParameterError, match="cannot use both estimator='hand_till' and `case_weights`"):
        tm.roc_auc(hpc, "obs", *LV, estimator="hand_till", case_weights=w)


def test_binary_weighted_auc_vs_sklearn(tce):
    w = np.random.default_rng(3).uniform(0, 2, len(tce))
    yb = (tce["truth"] == "Class1").to_numpy()
    assert tm.roc_auc_vec(tce["truth"], tce["Class1"], case_weights=w) == pytest.approx(
        skm.roc_auc_score(yb, tce["Class1"], sample_weight=w), rel=1e-12)
    assert tm.mn_log_loss_vec(tce["truth"], tce["Class1"], case_weights=w) == pytest.approx(
        skm.log_loss(yb, np.column_stack([1 - tce["Class1"], tce["Class1"]]), sample_weight=w), rel=1e-12)


def test_shape_errors(hpc, tce):
    with pytest.raises(InvalidParameterError, match="the number of levels in `truth` \\(4\\) must match the "
                                                    "number of probability columns \\(3\\)"):
        tm.roc_auc(hpc, "obs", "VF", "F", "M")
    with pytest.raises(InvalidParameterError, match="takes one probability column, that of the first level"):
        tm.roc_auc(tce, "truth", "Class1", "Class2")
    with pytest.raises(InvalidParameterError, match="roc_auc\\(\\) is 'binary', which needs a `truth` with 2 levels; it has 4"):
        tm.roc_auc_vec(pd.Categorical(["a", "b", "c", "d"]), [0.1, 0.2, 0.3, 0.4], estimator="binary")
    with pytest.raises(InvalidParameterError, match="`estimator` in pr_auc\\(\\) must be one of 'binary', 'macro', "
                                                    "'macro_weighted'; got 'micro'"):
        tm.pr_auc(hpc, "obs", *LV, estimator="micro")
    with pytest.raises(InvalidParameterError, match="`sum` in mn_log_loss\\(\\) must be True or False"):
        tm.mn_log_loss(tce, "truth", "Class1", sum="yes")
