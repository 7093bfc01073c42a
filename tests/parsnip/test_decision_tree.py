import numpy as np
import pandas as pd
import pytest
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import pytidy as tm
from pytidy.engines.sklearn.trees import fit_decision_tree
from pytidy.errors import InvalidParameterError

CON_X = ["cement", "water", "age", "superplasticizer"]


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:300].reset_index(drop=True)[CON_X + ["compressive_strength"]]


def test_rpart_defaults_and_relative_cp(con):
    spec = tm.decision_tree().set_mode("regression")
    assert spec.translate() == {"cp": 0.01, "max_depth": 30, "min_samples_split": 20}
    fit = spec.fit("compressive_strength ~ .", data=con, seed=1)
    X, y = con[CON_X].to_numpy(float), con["compressive_strength"]
    # rpart's cp is relative to the root's lack of fit: ccp_alpha = cp * var(y) for squared error
    ref = DecisionTreeRegressor(ccp_alpha=0.01 * np.var(y), max_depth=30, min_samples_split=20,
                                min_samples_leaf=7, random_state=1).fit(X, y)
    np.testing.assert_allclose(fit.predict(con)[".pred"], ref.predict(X))
    assert fit.fit.estimator.min_samples_leaf == 7  # rpart's minbucket = round(minsplit / 3)


@pytest.mark.parametrize("arg,value", [("cost_complexity", 0.05), ("tree_depth", 2), ("min_n", 60)])
def test_each_argument_changes_the_tree(con, arg, value):
    base = tm.decision_tree().set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    other = tm.decision_tree(**{arg: value}).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    assert base.fit.estimator.get_n_leaves() != other.fit.estimator.get_n_leaves()


def test_classification_level_order_and_importance(modeldata):
    d = modeldata("penguins").dropna().reset_index(drop=True)
    d["species"] = d["species"].cat.reorder_categories(["Gentoo", "Chinstrap", "Adelie"])
    x = ["bill_length_mm", "bill_depth_mm"]
    fit = tm.decision_tree(cost_complexity=0.001).set_mode("classification").fit(
        "species ~ bill_length_mm + bill_depth_mm", data=d, seed=2)
    X = d[x].to_numpy(float)
    root = 1 - ((d["species"].value_counts(normalize=True)) ** 2).sum()
    ref = DecisionTreeClassifier(ccp_alpha=0.001 * root, max_depth=30, min_samples_split=20, min_samples_leaf=7,
                                 random_state=2).fit(X, d["species"].astype(str))
    ref_prob = pd.DataFrame(ref.predict_proba(X), columns=ref.classes_)[["Gentoo", "Chinstrap", "Adelie"]]
    np.testing.assert_allclose(fit.predict(d, type="prob").to_numpy(), ref_prob.to_numpy())
    out = tm.vi(fit, sort=False)
    np.testing.assert_allclose(out["Importance"], ref.feature_importances_)


def test_case_weights_and_bad_cp(con):
    x, y = con[CON_X], con["compressive_strength"]
    a = fit_decision_tree(x, y, seed=1)
    b = fit_decision_tree(x, y, seed=1, case_weights=np.linspace(0.1, 5, len(x)))
    assert not np.allclose(a.predict_numeric(x), b.predict_numeric(x))
    with pytest.raises(InvalidParameterError, match="`cost_complexity` in decision_tree\\(\\) must be >= 0"):
        fit_decision_tree(x, y, seed=1, cp=-1)
