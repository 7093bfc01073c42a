"""Every model-zoo engine in every mode: fits, predicts R's columns, repeats with the same seed."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.parsnip.registry import _ENGINES

ZOO = ["rand_forest", "boost_tree", "decision_tree", "nearest_neighbor", "svm_rbf", "svm_linear", "svm_poly",
       "naive_Bayes", "multinom_reg", "poisson_reg", "null_model", "linear_reg", "logistic_reg"]
CASES = sorted((m, e, md) for (m, e, md) in _ENGINES if m in ZOO and (m not in ("linear_reg", "logistic_reg")
                                                                      or e == "sklearn"))
SMALL = {"rand_forest": {"trees": 5}, "boost_tree": {"trees": 5}}


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    n = 90
    df = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n),
                       "g": pd.Categorical(rng.choice(["x", "y", "z"], size=n))})
    df["count"] = rng.poisson(np.exp(0.3 * df["a"] + 1)).astype(float)
    df["num"] = df["a"] * 2 + df["b"] + rng.normal(scale=0.1, size=n)
    df["two"] = pd.Categorical(np.where(df["a"] + rng.normal(scale=0.5, size=n) > 0, "yes", "no"),
                               categories=["yes", "no"])
    df["three"] = pd.Categorical(np.array(["p", "q", "r"])[np.argmax(np.column_stack([df["a"], df["b"], -df["a"]])
                                                                   + rng.normal(scale=0.3, size=(n, 3)), axis=1)],
                                 categories=["r", "p", "q"])
    df.index = np.arange(100, 100 + n)  # predictions keep the caller's index
    return df


def test_every_zoo_model_is_covered():
    assert {m for m, _, _ in CASES} == set(ZOO)


@pytest.mark.parametrize("model,engine,mode", CASES, ids=["-".join(c) for c in CASES])
def test_fit_predict_and_seed(data, model, engine, mode):
    spec = getattr(tm, model)(**SMALL.get(model, {})).set_engine(engine).set_mode(mode)
    if mode == "regression":
        outcome = "count" if model == "poisson_reg" else "num"
    else:
        outcome = "two" if model == "logistic_reg" else "three"
    formula = f"{outcome} ~ a + b" if model == "null_model" or engine in ("glm",) else f"{outcome} ~ a + b + g"
    before = repr(spec)
    fit = spec.fit(formula, data=data, seed=11)
    again = spec.fit(formula, data=data, seed=11)
    assert repr(spec) == before
    new = data.iloc[:7]
    pred = fit.predict(new)
    assert list(pred.index) == list(new.index)
    if mode == "regression":
        assert list(pred.columns) == [".pred"] and np.isfinite(pred[".pred"]).all()
        pd.testing.assert_frame_equal(pred, again.predict(new))
    else:
        lv = list(data[outcome].cat.categories)
        assert list(pred[".pred_class"].cat.categories) == lv
        prob = fit.predict(new, type="prob")
        assert list(prob.columns) == [f".pred_{v}" for v in lv]
        np.testing.assert_allclose(prob.sum(axis=1), 1.0)
        pd.testing.assert_frame_equal(prob, again.predict(new, type="prob"))
