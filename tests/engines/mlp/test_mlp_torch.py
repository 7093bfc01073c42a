"""mlp() with the torch engine: closed forms (OLS, Adam's first step, the L2 term) and R's defaults."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

import pytidy as tm
from pytidy.engines.mlp.engine import MLPNetwork, fit_mlp
from pytidy.errors import InvalidParameterError

DATA = Path(__file__).parents[2] / "data" / "modeldata"


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _reg(n=40, seed=0):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    return x, pd.Series(2 * x["a"] - x["b"] + 0.5 + rng.normal(scale=0.3, size=n), name="y")


def test_linear_activation_converges_to_least_squares():
    x, y = _reg()
    fit = fit_mlp(x, y, seed=1, hidden_units=4, activation="linear", penalty=0.0, epochs=600, learn_rate=0.05,
                  validation=0.0, stop_iter=600)
    design = np.column_stack([np.ones(len(x)), x.to_numpy()])
    ols = design @ np.linalg.lstsq(design, y.to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(fit.predict_numeric(x), ols, atol=0.02)


def test_penalty_is_the_l2_term_of_the_loss():
    x, y = _reg()
    fit = fit_mlp(x, y, seed=1, hidden_units=3, penalty=0.3, epochs=2, learn_rate=1e-30, validation=0.0)
    net = fit._network()
    sq = sum(float((layer.weight.detach().double() ** 2).sum()) for layer in net.layers)
    z = (y.to_numpy() - y.mean()) / y.std(ddof=1)  # brulee standardises the outcome
    mse = float(((fit._raw(x)[:, 0].numpy().astype(np.float64) - z) ** 2).mean())
    assert fit.history["loss"].iloc[-1] == pytest.approx(mse + 0.3 * sq, rel=1e-4)


@pytest.mark.parametrize("batch_size,exact", [(None, True), (20, False)])
def test_learn_rate_and_batch_size_set_adams_steps(batch_size, exact):
    x, y = _reg()
    kw = dict(seed=4, hidden_units=3, activation="tanh", epochs=1, validation=0.0, batch_size=batch_size)
    a = fit_mlp(x, y, learn_rate=0.05, **kw).state_dict["layers.0.weight"]
    b = fit_mlp(x, y, learn_rate=0.01, **kw).state_dict["layers.0.weight"]
    # one Adam step moves every weight by learn_rate * sign(g) from the same start: 0.05 - 0.01 apart
    assert np.allclose((a - b).abs().numpy(), 0.04, rtol=1e-3) == exact


def test_hidden_units_activation_and_dropout_shape_the_network():
    x, y = _reg()
    fit = fit_mlp(x, y, seed=1, hidden_units=[5, 2], activation="elu", dropout=0.4, epochs=1)
    assert [tuple(fit.state_dict[f"layers.{i}.weight"].shape) for i in range(3)] == [(5, 3), (2, 5), (1, 2)]
    net = fit._network()
    assert net.activation == "elu" and net.dropout == 0.4
    net.train()
    net.set_dropout_generator(torch.Generator().manual_seed(0))
    xt = torch.tensor(x.to_numpy(), dtype=torch.float32)
    with torch.no_grad():
        assert not torch.allclose(net(xt), net.eval()(xt))  # dropout acts in training only


def test_validation_and_stop_iter_stop_early_with_the_best_weights():
    x, y = _reg(n=60)
    fit = fit_mlp(x, y, seed=1, epochs=200, learn_rate=0.3, validation=0.25, stop_iter=2)
    assert "valid_loss" in fit.history and len(fit.history) < 200
    assert fit.best_epoch == int(fit.history["epoch"][fit.history["valid_loss"].idxmin()])


def test_same_seed_same_fit_without_the_global_rng():
    x, y = _reg()
    state = torch.get_rng_state()
    a = fit_mlp(x, y, seed=3, dropout=0.3, epochs=3)
    b = fit_mlp(x, y, seed=3, dropout=0.3, epochs=3)
    assert torch.equal(torch.get_rng_state(), state)
    np.testing.assert_array_equal(a.predict_numeric(x), b.predict_numeric(x))


def test_classification_through_parsnip_matches_logistic_regression():
    from sklearn.linear_model import LogisticRegression

    df = pd.read_csv(DATA / "two_class_dat.csv")
    df["Class"] = pd.Categorical(df["Class"], categories=["Class1", "Class2"])
    train, test = df.iloc[:600], df.iloc[600:]
    spec = tm.mlp(hidden_units=5, epochs=150, learn_rate=0.05).set_mode("classification")
    fit = spec.fit("Class ~ A + B", data=train, seed=1)
    pred = fit.predict(test)
    acc = float((pred[".pred_class"] == test["Class"]).mean())
    ref = LogisticRegression().fit(train[["A", "B"]], train["Class"]).score(test[["A", "B"]], test["Class"])
    assert acc >= ref - 0.03
    prob = fit.predict(test, type="prob")
    assert list(prob.columns) == [".pred_Class1", ".pred_Class2"]
    np.testing.assert_allclose(prob.sum(axis=1), 1.0, rtol=1e-6)


def test_errors():
    x, y = _reg()
    with pytest.raises(InvalidParameterError, match="needs numeric predictors; \\['g'\\]"):
        fit_mlp(x.assign(g=["u"] * len(x)), y, seed=1)
    with pytest.raises(InvalidParameterError, match="`learn_rate` in mlp\\(\\) must be a finite number"):
        fit_mlp(x, y, seed=1, learn_rate=float("inf"))
    with pytest.raises(InvalidParameterError, match="`activation` in mlp\\(\\) must be one of"):
        fit_mlp(x, y, seed=1, activation="wiggle")
    with pytest.raises(InvalidParameterError, match="`hidden_units` in mlp\\(\\) must be a whole number"):
        fit_mlp(x, y, seed=1, hidden_units=0)
    with pytest.raises(InvalidParameterError, match="hold infinite values"):
        fit_mlp(x.assign(a=np.inf), y, seed=1)
    assert isinstance(MLPNetwork(2, (3,), 1, "relu", 0.0, torch.Generator()), torch.nn.Module)


@pytest.mark.parametrize("dropout", [0.0, 0.5])
def test_dropout_acts_in_training(dropout):
    x, y = _reg()
    fit = fit_mlp(x, y, seed=1, hidden_units=8, dropout=dropout, penalty=0.0, epochs=2, learn_rate=1e-30,
                  validation=0.0)
    z = (y.to_numpy() - y.mean()) / y.std(ddof=1)
    eval_mse = float(((fit._raw(x)[:, 0].numpy().astype(np.float64) - z) ** 2).mean())
    # without dropout the training loss is the evaluation loss; with it, the thinned network's loss
    assert (fit.history["loss"].iloc[-1] == pytest.approx(eval_mse, rel=1e-4)) == (dropout == 0.0)
