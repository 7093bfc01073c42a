"""decision_tree(engine="rpart"): rpart's complexity pruning on a scikit-learn-grown CART tree."""

import numpy as np
import pandas as pd
import pytest
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import pytidy as tm
from pytidy.engines.sklearn.trees import fit_rpart


@pytest.fixture(scope="module")
def cells(modeldata):
    return modeldata("cells").drop(columns=["case"]).iloc[::2].reset_index(drop=True)


@pytest.fixture(scope="module")
def concrete(modeldata):
    return modeldata("concrete").iloc[:400].reset_index(drop=True)


def weakest_link(full, risk, alpha):
    """Breiman et al.'s minimal cost-complexity subtree at ``alpha``: repeatedly collapse the internal
    node with the smallest g(t) = (R(t) - R(T_t)) / (|leaves(T_t)| - 1) while it is <= alpha."""
    left, right = full.children_left.copy(), full.children_right.copy()
    while True:
        best, node_g = None, np.inf
        for t in range(len(left)):
            if left[t] < 0 or not reachable(left, right, t):
                continue
            leaves, sub = subtree(left, right, t, risk)
            g = (risk[t] - sub) / (leaves - 1)
            if g < node_g:
                best, node_g = t, g
        if best is None or node_g > alpha:
            return left, right
        left[best] = right[best] = -1


def reachable(left, right, target):
    stack = [0]
    while stack:
        t = stack.pop()
        if t == target:
            return True
        if left[t] >= 0:
            stack += [left[t], right[t]]
    return False


def subtree(left, right, t, risk):
    if left[t] < 0:
        return 1, risk[t]
    a, ra = subtree(left, right, left[t], risk)
    b, rb = subtree(left, right, right[t], risk)
    return a + b, ra + rb


def leaves_of(left, right):
    return sum(1 for t in range(len(left)) if left[t] < 0 and reachable(left, right, t))


@pytest.mark.parametrize("cp", [0.0, 0.005, 0.01, 0.03])
def test_classification_pruning_is_the_minimal_cost_complexity_subtree(cells, cp):
    x, y = cells.drop(columns=["class"]), cells["class"]
    fit = fit_rpart(x, y, seed=3, cp=cp)
    grown = DecisionTreeClassifier(min_samples_split=20, min_samples_leaf=7, max_depth=30, random_state=3)
    grown.fit(x.to_numpy(), y.cat.codes.to_numpy())
    t = grown.tree_
    risk = t.weighted_n_node_samples * (1 - t.value[:, 0, :].max(axis=1))  # misclassified rows
    left, right = weakest_link(t, risk, cp * risk[0])
    assert fit.estimator.get_n_leaves() == leaves_of(left, right)
    assert fit.estimator.get_n_leaves() < grown.get_n_leaves()


@pytest.mark.parametrize("cp", [0.001, 0.01, 0.05])
def test_regression_pruning_matches_scikit_learn_cost_complexity(concrete, cp):
    # for squared error rpart's risk is the sum of squares, scikit-learn's ccp_alpha is per row
    x, y = concrete.drop(columns=["compressive_strength"]), concrete["compressive_strength"]
    fit = fit_rpart(x, y, seed=1, cp=cp)
    ref = DecisionTreeRegressor(min_samples_split=20, min_samples_leaf=7, max_depth=30, random_state=1,
                                ccp_alpha=cp * float(np.var(y)))
    ref.fit(x.to_numpy(), y.to_numpy())
    assert fit.estimator.get_n_leaves() == ref.get_n_leaves()
    np.testing.assert_allclose(fit.predict_numeric(x), ref.predict(x.to_numpy()), rtol=1e-12)


def test_each_argument_reaches_the_tree(cells):
    spec = tm.decision_tree(cost_complexity=0.001, tree_depth=3, min_n=40).set_engine("rpart")
    assert spec.set_mode("classification").translate() == {"cp": 0.001, "maxdepth": 3, "minsplit": 40}
    base = tm.decision_tree(cost_complexity=0.0).set_engine("rpart").set_mode("classification")
    default = tm.decision_tree().set_engine("rpart").set_mode("classification")
    default = default.fit("class ~ .", data=cells, seed=1)
    deep = base.fit("class ~ .", data=cells, seed=1).fit.estimator
    shallow = base.set_args(tree_depth=2).fit("class ~ .", data=cells, seed=1).fit.estimator
    big_nodes = base.set_args(min_n=200).fit("class ~ .", data=cells, seed=1).fit.estimator
    assert deep.get_n_leaves() > default.fit.estimator.get_n_leaves()  # cp reaches rpart (default 0.01)
    assert shallow.get_depth() == 2 and deep.get_depth() > 2  # tree_depth is maxdepth
    # minbucket = round(minsplit / 3)
    assert big_nodes.min_samples_split == 200 and big_nodes.min_samples_leaf == 67
    probs = default.predict(cells, type="prob")
    assert list(probs.columns) == [".pred_PS", ".pred_WS"]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_factors_stay_one_variable_in_vi_and_unknown_arguments_are_refused(modeldata):
    pen = modeldata("penguins").dropna().reset_index(drop=True)
    fit = (tm.decision_tree().set_engine("rpart").set_mode("regression")
           .fit("body_mass_g ~ species + sex + bill_length_mm", data=pen, seed=1))
    assert sorted(tm.vi(fit)["Variable"]) == ["bill_length_mm", "sex", "species"]
    with pytest.raises(NotImplementedError, match="does not build the rpart argument\\(s\\) \\['parms'\\]"):
        tm.decision_tree().set_engine("rpart", parms={"split": "information"}).set_mode("regression").fit(
            "body_mass_g ~ bill_length_mm", data=pen)
    msg = "`cost_complexity` in decision_tree\\(\\) must be >= 0"
    with pytest.raises(tm.InvalidParameterError, match=msg):
        fit_rpart(pen[["bill_length_mm"]], pen["body_mass_g"], seed=1, cp=-1)
    # the caller's frame is untouched
    assert list(pen.columns)[0] == "species"
