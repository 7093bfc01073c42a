"""The Metric object: data-frame, grouped, table and vector interfaces; errors; metric_tweak."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.yardstick import Metric

LV = ["VF", "F", "M", "L"]


def test_api_md_calls(modeldata):
    hpc = modeldata("hpc_cv")
    preds = pd.DataFrame({"class": pd.Categorical(["1", "0", "1", "0"], categories=["1", "0"]),
                          ".pred_1": [0.9, 0.2, 0.4, 0.6],
                          ".pred_class": pd.Categorical(["1", "0", "0", "1"], categories=["1", "0"])})
    out = tm.accuracy(preds, truth="class", estimate=".pred_class")
    assert out.to_dict("list") == {".metric": ["accuracy"], ".estimator": ["binary"], ".estimate": [0.5]}
    assert tm.roc_auc(preds, "class", ".pred_1")[".estimate"].iloc[0] == 0.75
    assert tm.roc_auc(hpc, "obs", *LV)[".estimator"].iloc[0] == "hand_till"
    grouped = tm.roc_auc(hpc.groupby("Resample"), "obs", *LV)
    assert list(grouped.columns) == ["Resample", ".metric", ".estimator", ".estimate"]
    assert grouped["Resample"].tolist() == [f"Fold{i:02d}" for i in range(1, 11)]
    fold1 = hpc[hpc["Resample"] == "Fold01"]
    assert grouped[".estimate"].iloc[0] == tm.roc_auc(fold1, "obs", *LV)[".estimate"].iloc[0]


def test_two_grouping_columns(modeldata):
    hpc = modeldata("hpc_cv").assign(half=lambda d: np.arange(len(d)) % 2)
    out = tm.accuracy(hpc.groupby(["Resample", "half"]), "obs", "pred")
    assert list(out.columns[:2]) == ["Resample", "half"]
    assert len(out) == 20


def test_grouped_non_categorical_truth_keeps_levels_fixed():
    # each group sees only one class of truth, but the levels come from the whole column
    df = pd.DataFrame({"g": ["a", "a", "b", "b"], "y": [0, 0, 1, 1], "p": [0, 1, 1, 1]})
    with pytest.warns(PytidyWarning, match="sens is undefined"):  # group "b" has no event (level 0)
        out = tm.sens(df.groupby("g"), "y", "p")
    assert out[".estimator"].tolist() == ["binary", "binary"]
    assert out[".estimate"].iloc[0] == 0.5  # event = level 0 (first sorted value)
    assert np.isnan(out[".estimate"].iloc[1])


def test_grouped_with_weight_vector():
    df = pd.DataFrame({"g": ["a", "b", "a", "b"], "y": [1.0, 2.0, 3.0, 4.0], "p": [1.0, 2.0, 5.0, 8.0]})
    w = np.array([1.0, 1.0, 3.0, 1.0])
    out = tm.mae(df.groupby("g"), "y", "p", case_weights=w)
    assert out[".estimate"].tolist() == [pytest.approx(6 / 4), pytest.approx(4 / 2)]


def test_vec_and_frame_agree_and_levels_from_sorted_values():
    truth = np.array(["b", "a", "b", "a"])
    est = np.array(["b", "b", "b", "a"])
    df = pd.DataFrame({"t": truth, "e": est})
    assert tm.sens_vec(truth, est) == tm.sens(df, "t", "e")[".estimate"].iloc[0] == 0.5  # event "a"
    assert tm.sens_vec(truth, est, event_level="second") == 1.0


def test_confusion_table_input():
    table = np.array([[231, 32], [27, 54]])
    assert tm.sens(table)[".estimate"].iloc[0] == pytest.approx(231 / 258)
    with pytest.raises(InvalidParameterError, match="A confusion table must be square"):
        tm.sens(np.ones((2, 3)))
    with pytest.raises(InvalidParameterError, match="rmse\\(\\) is a numeric metric and cannot be computed from a"):
        tm.rmse(table)


def test_argument_errors():
    df = pd.DataFrame({"t": ["a", "b"], "e": ["a", "a"], "p": [0.1, 0.2]})
    with pytest.raises(InvalidParameterError, match="accuracy\\(\\) needs a DataFrame .* For vectors use accuracy_vec"):
        tm.accuracy([1, 2], "t", "e")
    with pytest.raises(InvalidParameterError, match="accuracy\\(\\) needs `truth`"):
        tm.accuracy(df)
    with pytest.raises(InvalidParameterError, match="accuracy\\(\\) needs `estimate`"):
        tm.accuracy(df, "t")
    with pytest.raises(InvalidParameterError, match="got the estimate column twice"):
        tm.accuracy(df, "t", "e", estimate="e")
    with pytest.raises(InvalidParameterError, match="takes one estimate column; got \\['e', 'p'\\]"):
        tm.accuracy(df, "t", "e", "p")
    with pytest.raises(InvalidParameterError, match="roc_auc\\(\\) needs the probability column\\(s\\) after `truth`"):
        tm.roc_auc(df, "t")
    with pytest.raises(InvalidParameterError, match="lacks the column\\(s\\) \\['nope'\\]"):
        tm.accuracy(df, "t", "nope")
    with pytest.raises(InvalidParameterError, match="`na_rm` in accuracy\\(\\) must be True or False"):
        tm.accuracy(df, "t", "e", na_rm="yes")
    with pytest.raises(InvalidParameterError, match="`event_level` in accuracy\\(\\) must be one of 'first', 'second'"):
        tm.accuracy(df, "t", "e", event_level="last")
    with pytest.raises(InvalidParameterError, match="accuracy\\(\\) got unknown option\\(s\\) \\['beta'\\]; its options are: none"):
        tm.accuracy(df, "t", "e", beta=2)
    with pytest.raises(InvalidParameterError, match="`case_weights` in accuracy\\(\\) must be a vector with one weight per row \\(2\\)"):
        tm.accuracy(df, "t", "e", case_weights=[1.0])
    with pytest.raises(InvalidParameterError, match="`case_weights` in accuracy\\(\\) must be non-negative"):
        tm.accuracy(df, "t", "e", case_weights=[1.0, -1.0])
    with pytest.raises(InvalidParameterError, match="must have the same length"):
        tm.accuracy_vec(["a", "b"], ["a"])
    with pytest.raises(InvalidParameterError, match="on grouped data needs the groups to be column names"):
        tm.accuracy(df.groupby(df["t"].str.upper()), "t", "e")
    with pytest.raises(InvalidParameterError, match="`truth` in accuracy\\(\\) must be a 1-D vector"):
        tm.accuracy_vec(np.ones((2, 2)), ["a", "b"])


def test_prob_metric_accepts_estimate_keyword():
    df = pd.DataFrame({"t": ["a", "b"], "p": [0.9, 0.2], "cls": ["a", "b"]})
    assert tm.roc_auc(df, "t", estimate="p")[".estimate"].iloc[0] == 1.0
    assert tm.roc_auc(df, "t", "p", estimate="cls")[".estimate"].iloc[0] == 1.0


def test_metric_tweak():
    f2 = tm.metric_tweak("f2", tm.f_meas, beta=2)
    truth = ["a", "a", "b", "b"]
    est = ["a", "a", "a", "b"]
    df = pd.DataFrame({"t": truth, "e": est})
    out = f2(df, "t", "e")
    assert out[".metric"].iloc[0] == "f2"
    assert out[".estimate"].iloc[0] == pytest.approx(tm.f_meas_vec(truth, est, beta=2))
    assert f2.direction == "maximize" and f2.range == (0.0, 1.0)
    with pytest.raises(InvalidParameterError, match="cannot fix the argument\\(s\\) \\['truth'\\]"):
        tm.metric_tweak("x", tm.f_meas, truth="a")
    with pytest.raises(InvalidParameterError, match="f_meas\\(\\) got unknown option\\(s\\) \\['bta'\\]; its options are: beta"):
        tm.metric_tweak("x", tm.f_meas, bta=2)
    with pytest.raises(InvalidParameterError, match="`metric` in metric_tweak\\(\\) must be a Metric"):
        tm.metric_tweak("x", len)
    with pytest.raises(InvalidParameterError, match="`name` in metric_tweak\\(\\) must be a non-empty string"):
        tm.metric_tweak("", tm.f_meas)


def test_metric_is_frozen_and_validated():
    with pytest.raises(Exception):
        tm.accuracy.name = "x"
    with pytest.raises(ValueError, match="'direction' must be in"):
        Metric(name="x", kind="class", direction="up", range=(0, 1), impl=lambda *a, **k: (0.0, "binary"))
    assert repr(tm.accuracy) == "<class metric 'accuracy': maximize in [0.0, 1.0]>"


def test_missing_values_in_categorical_truth():
    truth = pd.Categorical(["a", None, "b", "a"], categories=["a", "b"])
    est = pd.Categorical(["a", "b", "b", "b"], categories=["a", "b"])
    assert tm.accuracy_vec(truth, est) == pytest.approx(2 / 3)
    assert np.isnan(tm.accuracy_vec(truth, est, na_rm=False))
