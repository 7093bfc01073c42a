"""Several outcomes in one TabNet (R: ``tabnet_fit(x, y)`` with a data frame ``y``): one head each."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from pytidy.engines.tabnet import fit_tabnet
from pytidy.engines.tabnet.train import tabnet_task_loss
from pytidy.errors import InvalidParameterError

SMALL = dict(epochs=30, batch_size=128, virtual_batch_size=64, decision_width=8, learn_rate=0.05,
             skip_importance=True)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    x = pd.DataFrame({"a": rng.normal(size=600), "b": rng.normal(size=600),
                      "c": pd.Categorical(rng.choice(list("pq"), 600))})
    numeric = pd.DataFrame({"u": 2 * x["a"] + 0.1 * rng.normal(size=600), "v": -x["b"]})
    cats = pd.DataFrame({
        "s": pd.Categorical(np.where(x["a"] > 0, "hi", "lo"), categories=["lo", "hi"]),
        "t": pd.Categorical(np.where(x["b"] > 0.5, "x", np.where(x["b"] < -0.5, "y", "z"))),
    })
    return x, numeric, cats


def _log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def test_the_loss_of_several_heads_is_the_sum_of_their_cross_entropies():
    gen = torch.Generator().manual_seed(0)
    out = torch.randn(7, 5, generator=gen)
    y = torch.tensor([[0, 2], [1, 0], [1, 1], [0, 2], [0, 0], [1, 1], [1, 2]])
    w = torch.rand(7, generator=gen)
    z = out.numpy().astype(np.float64)
    ce1 = -_log_softmax(z[:, :2])[np.arange(7), y[:, 0].numpy()]
    ce2 = -_log_softmax(z[:, 2:])[np.arange(7), y[:, 1].numpy()]
    assert float(tabnet_task_loss("cross_entropy", out, y, heads=(2, 3))) == pytest.approx(np.mean(ce1 + ce2),
                                                                                              rel=1e-6)
    wn = w.numpy().astype(np.float64)
    weighted = float(tabnet_task_loss("cross_entropy", out, y, w, heads=(2, 3)))
    assert weighted == pytest.approx(np.sum(wn * (ce1 + ce2)) / wn.sum(), rel=1e-6)


def test_several_numeric_outcomes_are_learned_and_named_as_hardhat_names_them(data):
    x, numeric, _ = data
    fit = fit_tabnet(x, numeric, seed=1, **SMALL)
    assert fit.mode == "regression" and fit.outcomes == ("u", "v") and "2 outcomes" in repr(fit)
    pred = fit.predict(x)
    assert list(pred.columns) == [".pred_u", ".pred_v"] and pred.index.equals(x.index)
    assert np.corrcoef(pred[".pred_u"], numeric["u"])[0, 1] > 0.95
    assert np.corrcoef(pred[".pred_v"], numeric["v"])[0, 1] > 0.95
    np.testing.assert_array_equal(fit.predict_numeric(x), pred.to_numpy())
    # the loss is the mean squared error over both outcomes: training drove it far below var(u) + var(v)
    assert fit.history["loss"].iloc[-1] < 0.1 * numeric.var().mean()


def test_several_categorical_outcomes_get_one_softmax_head_each(data):
    x, _, cats = data
    fit = fit_tabnet(x, cats, seed=1, **SMALL)
    assert fit.mode == "classification" and fit.outcome_levels == (("lo", "hi"), ("x", "y", "z"))
    prob = fit.predict(x, type="prob")
    assert list(prob.columns) == [".pred_s_lo", ".pred_s_hi", ".pred_t_x", ".pred_t_y", ".pred_t_z"]
    np.testing.assert_allclose(prob.iloc[:, :2].sum(axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(prob.iloc[:, 2:].sum(axis=1), 1.0, rtol=1e-6)
    cls = fit.predict(x)
    assert list(cls.columns) == [".pred_class_s", ".pred_class_t"]
    assert list(cls[".pred_class_s"].cat.categories) == ["lo", "hi"]
    assert (cls[".pred_class_s"].astype(str) == cats["s"].astype(str)).mean() > 0.9
    assert (cls[".pred_class_t"].astype(str) == cats["t"].astype(str)).mean() > 0.85
    # each head's class is the argmax of its own block of probabilities
    np.testing.assert_array_equal(cls[".pred_class_t"].astype(str).to_numpy(),
                                  np.array(["x", "y", "z"])[prob.iloc[:, 2:].to_numpy().argmax(axis=1)])
    assert fit.multi_predict(x.head(3), [30], type="class")[0].shape == (3, 2)


def test_a_one_column_frame_is_the_single_outcome_fit(data):
    x, numeric, _ = data
    a = fit_tabnet(x, numeric[["u"]], seed=3, epochs=2, batch_size=128, virtual_batch_size=64, skip_importance=True)
    b = fit_tabnet(x, numeric["u"], seed=3, epochs=2, batch_size=128, virtual_batch_size=64, skip_importance=True)
    assert a.outcomes == () and list(a.predict(x.head()).columns) == [".pred"]
    np.testing.assert_array_equal(a.predict_numeric(x), b.predict_numeric(x))


def test_outcome_errors(data):
    x, numeric, cats = data
    with pytest.raises(InvalidParameterError, match=r"several outcomes must all be categorical .* or all numeric"):
        fit_tabnet(x, pd.concat([numeric[["u"]], cats[["s"]]], axis=1), seed=1, epochs=1)
    with pytest.raises(InvalidParameterError, match="a loss function would not know the heads"):
        fit_tabnet(x, numeric, seed=1, epochs=1, loss=lambda o, y: ((o - y) ** 2).mean())
    fit = fit_tabnet(x, numeric, seed=1, epochs=1, batch_size=300, virtual_batch_size=100, skip_importance=True)
    with pytest.raises(InvalidParameterError, match="Continue training on the same kind of outcome"):
        fit_tabnet(x, numeric.rename(columns={"v": "w"}), seed=1, epochs=1, tabnet_model=fit)
    more = fit_tabnet(x, numeric, seed=1, epochs=1, batch_size=300, virtual_batch_size=100, skip_importance=True, tabnet_model=fit)
    assert list(more.history["epoch"]) == [1, 2]
    with pytest.raises(InvalidParameterError, match="needs a regression fit"):
        fit_tabnet(x, cats, seed=1, epochs=1, batch_size=300, virtual_batch_size=100, skip_importance=True).predict(x, type="numeric")
