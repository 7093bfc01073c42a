import numpy as np
import pandas as pd
import pytest
from sklearn.naive_bayes import CategoricalNB, GaussianNB

import pytidy as tm
from pytidy.engines.sklearn.naive_bayes import fit_naive_bayes
from pytidy.errors import InvalidParameterError


@pytest.fixture
def pen(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    d["species"] = d["species"].cat.reorder_categories(["Gentoo", "Adelie", "Chinstrap"])
    return d


def test_numeric_predictors_match_gaussian_nb(pen):
    x = ["bill_length_mm", "bill_depth_mm"]
    fit = tm.naive_Bayes().fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    ref = GaussianNB().fit(pen[x].to_numpy(float), pen["species"].astype(str))
    ref_prob = pd.DataFrame(ref.predict_proba(pen[x].to_numpy(float)), columns=ref.classes_)
    prob = fit.predict(pen, type="prob")
    assert list(prob.columns) == [".pred_Gentoo", ".pred_Adelie", ".pred_Chinstrap"]
    np.testing.assert_allclose(prob.to_numpy(), ref_prob[["Gentoo", "Adelie", "Chinstrap"]].to_numpy(), rtol=1e-9)


def test_mixed_predictors_add_log_likelihoods_and_laplace_reaches_counts(pen):
    fit = tm.naive_Bayes(Laplace=2).fit("species ~ bill_length_mm + island", data=pen)
    y = pen["species"].astype(str)
    g = GaussianNB().fit(pen[["bill_length_mm"]].to_numpy(float), y)
    c = CategoricalNB(alpha=2.0).fit(pen[["island"]].apply(lambda s: s.cat.codes).to_numpy(), y)
    jll = (g.predict_joint_log_proba(pen[["bill_length_mm"]].to_numpy(float))
           + c.predict_joint_log_proba(pen[["island"]].apply(lambda s: s.cat.codes).to_numpy())
           - np.log(g.class_prior_))
    ref = np.exp(jll - jll.max(axis=1, keepdims=True))
    ref = pd.DataFrame(ref / ref.sum(axis=1, keepdims=True), columns=g.classes_)[["Gentoo", "Adelie", "Chinstrap"]]
    np.testing.assert_allclose(fit.predict(pen, type="prob").to_numpy(), ref.to_numpy(), rtol=1e-9)
    other = tm.naive_Bayes(Laplace=0).fit("species ~ bill_length_mm + island", data=pen)
    assert not np.allclose(fit.predict(pen, type="prob"), other.predict(pen, type="prob"))


def test_kernel_densities_follow_r_density(pen):
    from scipy.stats import gaussian_kde

    spec = tm.naive_Bayes(smoothness=1.5).set_engine("sklearn", usekernel=True)
    fit = spec.fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    new = pen.head(5)
    logp = []
    for lv in ["Gentoo", "Adelie", "Chinstrap"]:
        sub = pen[pen["species"] == lv]
        lp = np.log(len(sub) / len(pen))
        for col in ["bill_length_mm", "bill_depth_mm"]:
            v = sub[col].to_numpy(float)
            iqr = np.subtract(*np.percentile(v, [75, 25]))
            h = 1.5 * 0.9 * min(v.std(ddof=1), iqr / 1.34) * len(v) ** -0.2  # adjust * bw.nrd0
            lp = lp + np.log(gaussian_kde(v, bw_method=h / v.std(ddof=1))(new[col].to_numpy(float)))
        logp.append(lp)
    logp = np.column_stack(logp)
    ref = np.exp(logp - logp.max(axis=1, keepdims=True))
    ref /= ref.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(fit.predict(new, type="prob").to_numpy(), ref, rtol=1e-6)
    default = tm.naive_Bayes().set_engine("sklearn", usekernel=True).fit("species ~ bill_length_mm + bill_depth_mm", data=pen)
    assert not np.allclose(default.predict(new, type="prob"), fit.predict(new, type="prob"))


def test_smoothness_needs_kernels_and_laplace_is_checked(pen):
    with pytest.raises(InvalidParameterError, match="usekernel=True"):
        tm.naive_Bayes(smoothness=1.2).fit("species ~ bill_length_mm", data=pen)
    with pytest.raises(InvalidParameterError, match="`Laplace` in naive_Bayes\\(\\) must be >= 0"):
        fit_naive_bayes(pen[["island"]], pen["species"], seed=1, alpha=-1)
