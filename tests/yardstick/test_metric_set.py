"""metric_set(): mixing rules, call forms, metadata."""

import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture
def preds():
    return pd.DataFrame({"class": pd.Categorical(["1", "0", "1", "0"], categories=["1", "0"]),
                         ".pred_1": [0.9, 0.2, 0.4, 0.6],
                         ".pred_class": pd.Categorical(["1", "0", "0", "1"], categories=["1", "0"])})


def test_class_and_prob_mixed(preds):
    ms = tm.metric_set(tm.accuracy, tm.roc_auc, tm.mn_log_loss)
    out = ms(preds, "class", ".pred_1", estimate=".pred_class")
    assert out[".metric"].tolist() == ["accuracy", "roc_auc", "mn_log_loss"]
    assert out[".estimate"].iloc[0] == tm.accuracy(preds, "class", ".pred_class")[".estimate"].iloc[0]
    assert out[".estimate"].iloc[2] == tm.mn_log_loss(preds, "class", ".pred_1")[".estimate"].iloc[0]
    assert ms.kinds == {"class", "prob"}
    assert [m.name for m in ms.metrics] == ["accuracy", "roc_auc", "mn_log_loss"]
    assert "MetricSet with 3 metric(s)" in repr(ms)


def test_multiclass_set_and_grouped(modeldata):
    hpc = modeldata("hpc_cv")
    ms = tm.metric_set(tm.accuracy, tm.roc_auc)
    out = ms(hpc.groupby("Resample"), "obs", "VF", "F", "M", "L", estimate="pred")
    assert len(out) == 20
    assert list(out.columns) == ["Resample", ".metric", ".estimator", ".estimate"]


def test_numeric_set():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "p": [1.0, 2.5, 2.0]})
    ms = tm.metric_set(tm.rmse, tm.rsq, tm.mae)
    a = ms(df, "y", "p")
    b = ms(df, "y", estimate="p")
    assert a.equals(b)
    assert a[".estimator"].unique().tolist() == ["standard"]
    assert len(ms) == 3 and list(ms) == [tm.rmse, tm.rsq, tm.mae]


def test_illegal_mix_lists_kinds():
    with pytest.raises(InvalidParameterError, match="(?s)cannot mix numeric.*- rmse \\(numeric\\).*- accuracy \\(class\\)"):
        tm.metric_set(tm.rmse, tm.accuracy)


def test_set_errors(preds):
    with pytest.raises(InvalidParameterError, match="needs at least one metric"):
        tm.metric_set()
    with pytest.raises(InvalidParameterError, match="takes Metric objects"):
        tm.metric_set(tm.accuracy, "roc_auc")
    with pytest.raises(InvalidParameterError, match="got the metric\\(s\\) \\['accuracy'\\] more than once"):
        tm.metric_set(tm.accuracy, tm.accuracy)
    ms = tm.metric_set(tm.accuracy, tm.roc_auc)
    with pytest.raises(InvalidParameterError, match="has class metrics \\(accuracy\\), which need the predicted class"):
        ms(preds, "class", ".pred_1")
    with pytest.raises(InvalidParameterError, match="has probability metrics \\(roc_auc\\)"):
        ms(preds, "class", estimate=".pred_class")
    with pytest.raises(InvalidParameterError, match="has only class metrics; got probability columns"):
        tm.metric_set(tm.accuracy)(preds, "class", ".pred_1", estimate=".pred_class")


def test_tweaked_metric_in_set(preds):
    f2 = tm.metric_tweak("f2", tm.f_meas, beta=2)
    out = tm.metric_set(tm.f_meas, f2)(preds, "class", estimate=".pred_class")
    assert out[".metric"].tolist() == ["f_meas", "f2"]


def test_metrics_defaults_by_kind(modeldata):
    import pytidy as tm

    tc = modeldata("two_class_example")
    out = tm.metrics(tc, "truth", "predicted")
    assert out[".metric"].tolist() == ["accuracy", "kap"]
    assert out[".estimate"].iloc[0] == pytest.approx(0.838)
    out = tm.metrics(tc, "truth", "predicted", "Class1")
    assert out[".metric"].tolist() == ["accuracy", "kap", "mn_log_loss", "roc_auc"]
    assert out[".estimate"].iloc[3] == pytest.approx(0.939313857389967)
    sol = modeldata("solubility_test")
    assert tm.metrics(sol, "solubility", "prediction")[".metric"].tolist() == ["rmse", "rsq", "mae"]
    with pytest.raises(InvalidParameterError, match=r"a numeric truth \('solubility'\) takes no probability columns"):
        tm.metrics(sol, "solubility", "prediction", "x")
