"""Curves against R's asserted values; autoplot."""

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

import pytidy as tm
from pytidy.errors import InvalidParameterError

YES_NO = pd.Categorical(["Yes", "Yes", "No", "Yes", "No"], categories=["Yes", "No"])
EST = [0.9, 0.8, 0.7, 0.68, 0.5]


def test_gain_and_lift_reference():
    df = pd.DataFrame({"truth": YES_NO, "estimate": EST})
    g = tm.gain_curve(df, "truth", "estimate")
    assert list(g.columns) == [".n", ".n_events", ".percent_tested", ".percent_found"]
    assert g[".percent_found"].tolist() == pytest.approx([0, 100 / 3, 200 / 3, 200 / 3, 100, 100])
    lift = tm.lift_curve(df, "truth", "estimate")[".lift"].to_numpy()
    assert np.isnan(lift[0])
    assert lift[1:] == pytest.approx([1.66666666666667, 1.66666666666667, 1.11111111111111, 1.25, 1])


def test_gain_curve_case_weights_reference():
    df = pd.DataFrame({"truth": YES_NO, "estimate": EST, "weight": [2, 1, 1, 3, 2]})
    g = tm.gain_curve(df, "truth", "estimate", case_weights="weight")
    assert g[".n"].tolist() == [0, 2, 3, 4, 7, 9]
    assert g[".n_events"].tolist() == [0, 2, 3, 3, 6, 6]


def test_pr_curve_reference():
    df = pd.DataFrame({"truth": pd.Categorical(["x", "y", "y", "x", "x"]), "prob": [0.9, 0.9, 0.8, 0.4, 0.3]})
    c = tm.pr_curve(df, "truth", "prob")
    assert c[".threshold"].tolist() == [np.inf, 0.9, 0.8, 0.4, 0.3]
    assert c["recall"].tolist() == pytest.approx([0, 1 / 3, 1 / 3, 2 / 3, 1])
    assert c["precision"].tolist() == pytest.approx([1, 1 / 2, 1 / 3, 1 / 2, 3 / 5])


def test_roc_curve_matches_sklearn(modeldata):
    tce = modeldata("two_class_example")
    c = tm.roc_curve(tce, "truth", "Class1")
    assert list(c.columns) == [".threshold", "specificity", "sensitivity"]
    assert c.iloc[0].tolist() == [-np.inf, 0.0, 1.0] and c.iloc[-1].tolist() == [np.inf, 1.0, 0.0]
    fpr, tpr, thr = skm.roc_curve(tce["truth"] == "Class1", tce["Class1"], drop_intermediate=False)
    # sklearn: decreasing thresholds starting at inf; ours: increasing, framed by -inf/inf
    assert c["sensitivity"].to_numpy()[1:-1][::-1] == pytest.approx(tpr[1:])
    assert (1 - c["specificity"].to_numpy()[1:-1][::-1]) == pytest.approx(fpr[1:])
    assert c.attrs["yardstick_curve"] == "roc"


def test_roc_curve_thresholds():
    df = pd.DataFrame({"y": ["a", "a", "b", "b"], "p": [0.9, 0.4, 0.6, 0.1]})
    c = tm.roc_curve(df, "y", "p", thresholds=[0.5])
    assert c["sensitivity"].tolist() == [1.0, 0.5, 0.0]
    assert c["specificity"].tolist() == [0.0, 0.5, 1.0]
    with pytest.raises(InvalidParameterError, match="must only take values between 0 and 1"):
        tm.roc_curve(df, "y", "p", thresholds=[2])


def test_multiclass_and_grouped_curves(modeldata):
    hpc = modeldata("hpc_cv")
    c = tm.roc_curve(hpc, "obs", "VF", "F", "M", "L")
    assert c.columns[0] == ".level"
    assert c[".level"].unique().tolist() == ["VF", "F", "M", "L"]
    g = tm.pr_curve(hpc.groupby("Resample"), "obs", "VF", "F", "M", "L")
    assert list(g.columns[:2]) == ["Resample", ".level"]


def test_curve_errors(modeldata):
    tce = modeldata("two_class_example")
    with pytest.raises(InvalidParameterError, match="no event observations were detected in `truth` with event level 'Class1'"):
        tm.roc_curve(tce[tce["truth"] == "Class2"], "truth", "Class1")
    with pytest.raises(InvalidParameterError, match="no control observations"):
        tm.roc_curve(tce[tce["truth"] == "Class1"], "truth", "Class1")
    bad = tce.copy()
    bad.loc[0, "Class1"] = np.nan
    with pytest.raises(InvalidParameterError, match="missing values were detected and na_rm=False"):
        tm.gain_curve(bad, "truth", "Class1", na_rm=False)
    assert len(tm.gain_curve(bad, "truth", "Class1")) > 0
    with pytest.raises(InvalidParameterError, match="pass one probability column, that of the first level"):
        tm.roc_curve(tce, "truth", "Class1", "Class2")
    with pytest.raises(InvalidParameterError, match="needs the probability column\\(s\\) after `truth`"):
        tm.roc_curve(tce, "truth")


def test_autoplot_curves_and_conf_mat(modeldata):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    hpc = modeldata("hpc_cv")
    for fn in (tm.roc_curve, tm.pr_curve, tm.gain_curve, tm.lift_curve):
        fig = tm.autoplot(fn(hpc, "obs", "VF", "F", "M", "L"))
        assert len(fig.axes) == 4
        plt.close(fig)
    fig = tm.autoplot(tm.roc_curve(hpc.groupby("Resample"), "obs", "VF", "F", "M", "L"))
    assert fig.axes[0].get_legend() is not None
    plt.close(fig)
    cm = tm.conf_mat(hpc, "obs", "pred")
    for kind in ("heatmap", "mosaic"):
        fig = tm.autoplot(cm, type=kind)
        assert len(fig.axes) == 1
        plt.close(fig)
    with pytest.raises(InvalidParameterError, match="`type` in autoplot\\(\\) of a conf_mat must be one of 'heatmap', 'mosaic'"):
        cm.autoplot(type="pie")
