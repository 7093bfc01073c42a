"""Class metrics against the values asserted in R yardstick's tests and scikit-learn."""

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning


@pytest.fixture
def path(modeldata):
    return modeldata("pathology")


def powers(with_na=False):
    """Table 2 of Powers (2007), as in R's data_powers()."""
    lv = ["Relevant", "Irrelevant"]
    pred = pd.Categorical(np.repeat(lv, [42, 58]), categories=lv)
    truth = pd.Categorical(np.concatenate([np.repeat(lv, [30, 12]), np.repeat(lv, [30, 28])]), categories=lv)
    df = pd.DataFrame({"truth": truth, "prediction": pred})
    if with_na:
        na = pd.Series(pred).astype(object)
        na.iloc[[0, 9, 19, 29, 39, 49]] = np.nan
        df["pred_na"] = pd.Categorical(na, categories=lv)
    return df


# -- pathology (R's data_altman(): table [[231, 32], [27, 54]]) ------------------------------------
@pytest.mark.parametrize(
    "metric, expected",
    [
        (tm.sens, 231 / 258), (tm.sensitivity, 231 / 258), (tm.recall, 231 / 258),
        (tm.spec, 54 / 86), (tm.specificity, 54 / 86),
        (tm.j_index, 231 / 258 + 54 / 86 - 1),
        (tm.fall_out, 32 / 86), (tm.miss_rate, 27 / 258),
        (tm.markedness, 231 / 263 + 54 / 81 - 1),
        (tm.precision, 231 / 263), (tm.ppv, 231 / 263), (tm.npv, 54 / 81),
        (tm.mcc, (231 * 54 - 32 * 27) / np.sqrt((231 + 32) * (231 + 27) * (54 + 32) * (54 + 27))),
        (tm.bal_accuracy, (231 / 258 + 54 / 86) / 2),
        (tm.detection_prevalence, 263 / 344),
        (tm.accuracy, 285 / 344),
    ],
    ids=lambda x: getattr(x, "name", ""),
)
def test_pathology_reference_values(path, metric, expected):
    out = metric(path, "pathology", "scan")
    assert list(out.columns) == [".metric", ".estimator", ".estimate"]
    assert out[".estimator"].iloc[0] == "binary"
    assert out[".estimate"].iloc[0] == pytest.approx(expected, rel=1e-12)


def test_pathology_kap_matches_formula(path):
    a, b, c, d = 231, 32, 27, 54
    total = a + b + c + d
    p_o = (a + d) / total
    p_e = (a + b) / total * (a + c) / total + (c + d) / total * (b + d) / total
    assert tm.kap_vec(path["pathology"], path["scan"]) == pytest.approx((p_o - p_e) / (1 - p_e))


def test_pathology_with_missing_values(path):
    # R: scan_na[c(1, 250, 300)] <- NA gives sens 230/256, spec 53/85
    scan = path["scan"].astype(object)
    scan.iloc[[0, 249, 299]] = np.nan
    path["scan_na"] = pd.Categorical(scan, categories=["abnorm", "norm"])
    assert tm.sens(path, "pathology", "scan_na")[".estimate"].iloc[0] == pytest.approx(230 / 256)
    assert tm.spec(path, "pathology", "scan_na")[".estimate"].iloc[0] == pytest.approx(53 / 85)
    assert tm.mcc_vec(path["pathology"], path["scan_na"]) == pytest.approx(
        (230 * 53 - 32 * 26) / np.sqrt((230 + 32) * (230 + 26) * (53 + 32) * (53 + 26)))
    assert np.isnan(tm.sens_vec(path["pathology"], path["scan_na"], na_rm=False))


def test_event_level_second_swaps_roles(path):
    assert tm.sens_vec(path["pathology"], path["scan"], event_level="second") == pytest.approx(54 / 86)
    assert tm.spec_vec(path["pathology"], path["scan"], event_level="second") == pytest.approx(231 / 258)
    # mcc is symmetric in the event level (R test "mcc() is symmetric")
    assert tm.mcc_vec(path["pathology"], path["scan"], event_level="second") == pytest.approx(
        tm.mcc_vec(path["pathology"], path["scan"]))


def test_powers_f_meas_precision_recall():
    df = powers(with_na=True)
    assert tm.f_meas_vec(df["truth"], df["prediction"]) == pytest.approx(0.5882353, abs=1e-4)
    assert tm.f_meas(df, "truth", "pred_na")[".estimate"].iloc[0] == pytest.approx(0.5652174, abs=1e-4)
    assert tm.precision_vec(df["truth"], df["prediction"]) == pytest.approx(30 / 42)
    assert tm.recall_vec(df["truth"], df["prediction"]) == pytest.approx(30 / 60)
    assert tm.precision_vec(df["truth"], df["prediction"], event_level="second") == pytest.approx(28 / 58)


def test_case_weight_reference_values():
    truth = pd.Categorical(["x", "x", "y"], categories=["x", "y"])
    est = pd.Categorical(["x", "y", "x"], categories=["x", "y"])
    assert tm.accuracy_vec(truth, est, case_weights=[1, 2, 1]) == pytest.approx(1 / 4)
    assert tm.f_meas_vec(truth, est, case_weights=[1, 1, 2]) == pytest.approx(2 / 5)
    assert tm.mcc_vec(truth, est, case_weights=[1, 10, 2]) == pytest.approx(-0.778498944)


def test_mcc_does_not_overflow():
    # R issue #108: matrix(c(50122L, 50267L, 49707L, 49904L), 2) column-major = table(estimate, truth)
    table = np.array([[50122, 49707], [50267, 49904]])
    assert tm.mcc(table)[".estimate"].iloc[0] == pytest.approx(0.00026665430738672, rel=1e-9)


# -- multiclass against scikit-learn on hpc_cv --------------------------------------------------
@pytest.mark.parametrize(
    "metric, sk, kwargs",
    [
        (tm.precision, skm.precision_score, {}),
        (tm.recall, skm.recall_score, {}),
        (tm.f_meas, skm.f1_score, {}),
        (tm.f_meas, lambda *a, **k: skm.fbeta_score(*a, beta=0.5, **k), {"beta": 0.5}),
    ],
)
@pytest.mark.parametrize("estimator, average", [("macro", "macro"), ("macro_weighted", "weighted"),
                                                ("micro", "micro")])
def test_hpc_cv_multiclass_vs_sklearn(modeldata, metric, sk, kwargs, estimator, average):
    hpc = modeldata("hpc_cv")
    ours = metric(hpc, "obs", "pred", estimator=estimator, **kwargs)
    assert ours[".estimator"].iloc[0] == estimator
    assert ours[".estimate"].iloc[0] == pytest.approx(sk(hpc["obs"], hpc["pred"], average=average), rel=1e-12)


def test_hpc_cv_fixed_estimators_vs_sklearn(modeldata):
    hpc = modeldata("hpc_cv")
    assert tm.accuracy(hpc, "obs", "pred")[".estimator"].iloc[0] == "multiclass"
    assert tm.accuracy_vec(hpc["obs"], hpc["pred"]) == pytest.approx(skm.accuracy_score(hpc["obs"], hpc["pred"]))
    assert tm.mcc_vec(hpc["obs"], hpc["pred"]) == pytest.approx(skm.matthews_corrcoef(hpc["obs"], hpc["pred"]))
    for weighting, w in [("none", None), ("linear", "linear"), ("quadratic", "quadratic")]:
        ours = tm.kap_vec(hpc["obs"], hpc["pred"], weighting=weighting)
        assert ours == pytest.approx(skm.cohen_kappa_score(hpc["obs"].cat.codes, hpc["pred"].cat.codes, weights=w))
    bal = tm.bal_accuracy(hpc, "obs", "pred", estimator="macro")[".estimate"].iloc[0]
    assert 0 < bal < 1


def test_macro_estimator_default_and_f_meas_macro_weighted(modeldata):
    hpc = modeldata("hpc_cv")
    out = tm.f_meas(hpc, "obs", "pred", estimator="macro_weighted")
    assert out[".estimator"].iloc[0] == "macro_weighted"
    assert tm.f_meas(hpc, "obs", "pred")[".estimator"].iloc[0] == "macro"


def test_three_by_three_macro_is_mean_of_one_vs_all():
    # R helper-macro-micro.R: data_three_by_three(); rows = prediction, columns = truth
    table = np.array([[3, 1, 1], [0, 4, 2], [1, 3, 5]], dtype=float)

    def sub(i):
        keep = [j for j in range(3) if j != i]
        return np.array([[table[i, i], table[i, keep].sum()],
                         [table[keep, i].sum(), table[np.ix_(keep, keep)].sum()]])

    for metric in (tm.sens, tm.spec, tm.precision, tm.npv, tm.ppv, tm.j_index, tm.f_meas):
        expected = np.mean([metric(sub(i))[".estimate"].iloc[0] for i in range(3)])
        assert metric(table, estimator="macro")[".estimate"].iloc[0] == pytest.approx(expected), metric.name
    # micro recall pools the counts
    assert tm.recall(table, estimator="micro")[".estimate"].iloc[0] == pytest.approx(12 / 20)


def test_undefined_precision_warns_and_returns_nan():
    truth = pd.Categorical(["a", "b"], categories=["a", "b"])
    est = pd.Categorical(["b", "b"], categories=["a", "b"])
    with pytest.warns(PytidyWarning, match="precision is undefined"):
        assert np.isnan(tm.precision_vec(truth, est))
    with pytest.warns(PytidyWarning, match="some levels had true_positive \\+ false_positive = 0"):
        tm.precision_vec(pd.Categorical(["a", "b", "c"]), pd.Categorical(["b", "b", "c"], categories=["a", "b", "c"]))


def test_kap_weighting_is_validated():
    with pytest.raises(InvalidParameterError, match="`weighting` in kap\\(\\) must be one of 'none', 'linear'"):
        tm.kap_vec(["a", "b"], ["a", "b"], weighting="cubic")


def test_f_meas_beta_is_validated():
    with pytest.raises(InvalidParameterError, match="`beta` in f_meas\\(\\) must be a number in \\(0, inf\\)"):
        tm.f_meas_vec(["a", "b"], ["a", "b"], beta=-1)


def test_binary_estimator_on_multiclass_is_an_error(modeldata):
    hpc = modeldata("hpc_cv")
    with pytest.raises(InvalidParameterError, match="is 'binary', which needs a `truth` with 2 levels; it has 4"):
        tm.sens(hpc, "obs", "pred", estimator="binary")
    with pytest.raises(InvalidParameterError, match="`estimator` in sens\\(\\) must be one of"):
        tm.sens(hpc, "obs", "pred", estimator="hand_till")


def test_unknown_estimate_level_is_an_error():
    truth = pd.Categorical(["a", "b"], categories=["a", "b"])
    with pytest.raises(InvalidParameterError, match="has values that are not levels of `truth`: \\['z'\\]"):
        tm.accuracy_vec(truth, ["a", "z"])
