import numpy as np
import pandas as pd
import pytest

import pytidy as tm


def test_regression_predicts_the_mean(modeldata):
    d = modeldata("concrete").iloc[:100]
    fit = tm.null_model(mode="regression").fit("compressive_strength ~ .", data=d)
    np.testing.assert_allclose(fit.predict(d)[".pred"], d["compressive_strength"].mean())


def test_classification_predicts_majority_and_frequencies(modeldata):
    d = modeldata("penguins").dropna()
    d["species"] = d["species"].cat.reorder_categories(["Gentoo", "Adelie", "Chinstrap"])
    fit = tm.null_model().fit("species ~ .", data=d)
    freq = d["species"].value_counts(normalize=True)
    prob = fit.predict(d.head(3), type="prob")
    assert list(prob.columns) == [".pred_Gentoo", ".pred_Adelie", ".pred_Chinstrap"]
    np.testing.assert_allclose(prob.iloc[0].to_numpy(), freq[["Gentoo", "Adelie", "Chinstrap"]].to_numpy())
    assert fit.predict(d.head(2))[".pred_class"].astype(str).tolist() == [freq.idxmax()] * 2


def test_ties_go_to_the_first_level():
    d = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": pd.Categorical(["b", "a", "a", "b"], categories=["b", "a"])})
    assert tm.null_model().fit("y ~ x", data=d).predict(d.head(1))[".pred_class"].astype(str).tolist() == ["b"]


def test_case_weights_weight_the_mean_and_the_frequencies():
    from pytidy.engines.null import fit_null

    y = pd.Series([1.0, 2.0, 6.0])
    assert fit_null(pd.DataFrame(index=range(3)), y, case_weights=[1, 1, 2]).value == pytest.approx(3.75)
    cls = pd.Series(pd.Categorical(["a", "b", "b"]))
    assert fit_null(pd.DataFrame(index=range(3)), cls, case_weights=[3, 1, 1]).prob == pytest.approx((0.6, 0.4))
