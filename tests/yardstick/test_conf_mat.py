"""conf_mat(): table layout, tidy(), summary() against R's 13 metrics."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


def test_tidy_reference(modeldata):
    res = tm.conf_mat(modeldata("hpc_cv"), "obs", "pred").tidy()
    assert res["value"].iloc[0] == 1620
    assert res["name"].iloc[0] == "cell_1_1"
    assert len(res) == 16


def test_table_layout_and_dnn(modeldata):
    path = modeldata("pathology")
    cm = tm.conf_mat(path, "pathology", "scan")
    assert cm.table.tolist() == [[231, 32], [27, 54]]
    frame = cm.to_frame()
    assert frame.index.name == "Prediction" and frame.columns.name == "Truth"
    cm2 = tm.conf_mat(path, "pathology", "scan", dnn=("Foo", "Bar"))
    assert cm2.to_frame().index.name == "Foo"
    assert "ConfMat" in repr(cm)
    with pytest.raises(InvalidParameterError, match="`dnn` in conf_mat\\(\\) must be two names"):
        tm.conf_mat(path, "pathology", "scan", dnn=("a",))
    with pytest.raises(InvalidParameterError, match="conf_mat\\(\\) needs a DataFrame"):
        tm.conf_mat([1], "a", "b")


def test_summary_names_and_values(modeldata):
    path = modeldata("pathology")
    s = tm.conf_mat(path, "pathology", "scan").summary()
    assert s[".metric"].tolist() == ["accuracy", "kap", "sens", "spec", "ppv", "npv", "mcc", "j_index",
                                    "bal_accuracy", "detection_prevalence", "precision", "recall", "f_meas"]
    direct = [m(path, "pathology", "scan")[".estimate"].iloc[0] for m in
              (tm.accuracy, tm.kap, tm.sens, tm.spec, tm.ppv, tm.npv, tm.mcc, tm.j_index, tm.bal_accuracy,
               tm.detection_prevalence, tm.precision, tm.recall, tm.f_meas)]
    assert s[".estimate"].tolist() == pytest.approx(direct)


def test_summary_event_level_passes_through():
    # R "summary method - `event_level` passes through (#160)"
    lv = ["Relevant", "Irrelevant"]
    pred = np.repeat(lv, [42, 58])
    truth = np.concatenate([np.repeat(lv, [30, 12]), np.repeat(lv, [30, 28])])
    df = pd.DataFrame({"truth": pd.Categorical(truth, categories=lv), "pred": pd.Categorical(pred, categories=lv)})
    rev = pd.DataFrame({"truth": pd.Categorical(truth, categories=lv[::-1]),
                        "pred": pd.Categorical(pred, categories=lv[::-1])})
    a = tm.conf_mat(df, "truth", "pred").summary()
    b = tm.conf_mat(rev, "truth", "pred").summary(event_level="second")
    assert a[".estimate"].to_numpy() == pytest.approx(b[".estimate"].to_numpy())


def test_summary_multiclass_estimators(modeldata):
    hpc = modeldata("hpc_cv")
    cm = tm.conf_mat(hpc, "obs", "pred")
    s = cm.summary(estimator="micro")
    assert set(s[".estimator"]) == {"multiclass", "micro"}
    assert set(cm.summary()[".estimator"]) == {"multiclass", "macro"}


def test_grouped_conf_mat_and_weights(modeldata):
    hpc = modeldata("hpc_cv")
    res = tm.conf_mat(hpc.groupby("Resample"), "obs", "pred")
    assert list(res.columns) == ["Resample", "conf_mat"] and len(res) == 10
    w = np.full(len(hpc), 2.0)
    assert tm.conf_mat(hpc, "obs", "pred", case_weights=w).table.sum() == 2 * len(hpc)
