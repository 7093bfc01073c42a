"""fit_tabnet() and TabNetFit: config checks, predictions, reproducibility, pickling, learning."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch


from pytidy.engines.tabnet import TabNetFit, fit_tabnet
from pytidy.engines.tabnet.train import _batches
from pytidy.errors import InvalidParameterError, PytidyError

TINY = dict(epochs=2, decision_width=4, batch_size=256, virtual_batch_size=64)
DATA = Path(__file__).parents[2] / "data" / "modeldata"


def _xy(df, outcome="class"):
    return df.drop(columns=outcome), df[outcome]


@pytest.fixture(scope="module")
def higgs_fit(higgs_small):
    x, y = _xy(higgs_small)
    return fit_tabnet(x, y, seed=42, **TINY)


def test_classification_predictions(higgs_fit, higgs_small):
    assert isinstance(higgs_fit, TabNetFit)
    assert higgs_fit.levels == ("1", "0")
    assert higgs_fit.predictors == tuple(higgs_small.columns[1:])
    p = higgs_fit.predict_proba(higgs_small.head(300))
    assert p.shape == (300, 2)
    np.testing.assert_allclose(p.sum(1), 1.0, rtol=1e-6)
    assert list(higgs_fit.history.columns) == ["epoch", "loss"] and len(higgs_fit.history) == 2
    assert higgs_fit.importances.index.tolist() == list(higgs_fit.predictors)
    assert higgs_fit.importances.sum() == pytest.approx(1.0)
    assert "TabNet fit (classification)" in repr(higgs_fit)


def test_same_seed_same_predictions_and_global_rng_untouched(higgs_fit, higgs_small):
    x, y = _xy(higgs_small)
    torch.manual_seed(123)
    state = torch.get_rng_state()
    again = fit_tabnet(x, y, seed=42, **TINY)
    assert torch.equal(torch.get_rng_state(), state)
    np.testing.assert_array_equal(again.predict_proba(x), higgs_fit.predict_proba(x))
    other = fit_tabnet(x, y, seed=43, **TINY)
    assert not np.allclose(other.predict_proba(x), higgs_fit.predict_proba(x))


def test_pickle_round_trip_gives_identical_predictions(higgs_fit, higgs_small):
    higgs_fit.predict_proba(higgs_small)  # build the cached network first: it must not be pickled
    back = pickle.loads(pickle.dumps(higgs_fit))
    np.testing.assert_array_equal(back.predict_proba(higgs_small), higgs_fit.predict_proba(higgs_small))
    pd.testing.assert_series_equal(back.importances, higgs_fit.importances)


def test_learning_happens_on_the_higgs_sample(higgs):
    train, test = higgs.iloc[:8000], higgs.iloc[8000:]
    accuracies = []
    for seed in (1, 2, 3):  # one seed's accuracy varies by +-0.03 with float rounding: judge the mean
        fit = fit_tabnet(*_xy(train), seed=seed, epochs=6, batch_size=256, virtual_batch_size=128,
                         decision_width=8, num_steps=2, learn_rate=0.04, momentum=0.3, skip_importance=True)
        loss = fit.history["loss"].to_numpy()
        assert loss[-1] < loss[0] - 0.03
        p = fit.predict_proba(test)
        accuracies.append(np.mean(np.where(p[:, 0] > 0.5, "1", "0") == test["class"].astype(str).to_numpy()))
        assert fit.importances is None
    majority = test["class"].value_counts(normalize=True).max()
    assert np.mean(accuracies) > max(0.6, majority + 0.05)


def test_regression_on_concrete():
    df = pd.read_csv(DATA / "concrete.csv")
    x, y = _xy(df, "compressive_strength")
    fit = fit_tabnet(x, y, seed=1, epochs=6, batch_size=256, virtual_batch_size=64, learn_rate=0.05,
                     valid_split=0.2, checkpoint_epochs=2)
    assert list(fit.history.columns) == ["epoch", "loss", "valid_loss"]
    assert fit.history["loss"].iloc[-1] < fit.history["loss"].iloc[0]
    pred = fit.predict_numeric(x)
    assert pred.shape == (len(df),) and np.isfinite(pred).all()
    assert sorted(fit.checkpoints) == [2, 4, 6]
    early = fit.predict_numeric(x.head(5), epoch=2)
    assert not np.allclose(early, pred[:5])
    with pytest.raises(InvalidParameterError, match="No checkpoint for epoch 3"):
        fit.predict_numeric(x, epoch=3)
    with pytest.raises(InvalidParameterError, match="needs a classification fit"):
        fit.predict_proba(x)


def test_multiclass_with_categorical_predictors_and_missing_values(modeldata):
    df = modeldata("penguins")
    assert df.isna().any().any()
    x, y = _xy(df, "species")
    fit = fit_tabnet(x, y, seed=3, cat_emb_dim=2, **TINY)
    assert fit.levels == ("Adelie", "Chinstrap", "Gentoo")
    p = fit.predict_proba(x)
    assert p.shape == (len(df), 3) and np.isfinite(p).all()
    m, masks = fit.explain(x)
    assert list(m.columns) == list(x.columns) and len(masks) == 3
    np.testing.assert_allclose(masks[0].sum(axis=1), 1.0, rtol=1e-5)
    assert fit.importances.sum() == pytest.approx(1.0)
    # an unseen level and a string column are handled
    new = x.head(3).copy()
    new["island"] = pd.Categorical(["Biscoe", "Nowhere", None])
    assert np.isfinite(fit.predict_proba(new)).all()
    with pytest.raises(InvalidParameterError, match="needs a regression fit"):
        fit.predict_numeric(x)


def test_string_predictors_become_categories():
    df = pd.DataFrame({"a": np.linspace(0, 1, 60), "s": ["u", "v", "w"] * 20})
    fit = fit_tabnet(df, pd.Series(np.linspace(0, 1, 60)), seed=1, epochs=1, batch_size=32, virtual_batch_size=16)
    assert fit.predictor_levels == {"s": ("u", "v", "w")}
    assert fit.net_args.cat_idxs == (1,)


def test_a_last_batch_of_one_row_trains(higgs):
    x, y = _xy(higgs.iloc[:257])
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=256, virtual_batch_size=64, decision_width=4)
    assert np.isfinite(fit.history["loss"]).all()


def test_drop_last_never_drops_the_only_batch():
    gen = torch.Generator().manual_seed(0)
    assert [len(b) for b in _batches(100, 100, True, gen)] == [100]
    assert [len(b) for b in _batches(100, 64, True, gen)] == [64]
    assert [len(b) for b in _batches(100, 64, False, gen)] == [64, 36]


def test_schedulers_clip_and_entmax_run(higgs_small):
    x, y = _xy(higgs_small)
    for extra in ({"lr_scheduler": "step", "step_size": 1}, {"lr_scheduler": "reduce_on_plateau"},
                  {"clip_value": 1.0, "mask_type": "entmax", "drop_last": True}):
        fit = fit_tabnet(x, y, seed=1, skip_importance=True, **{**TINY, **extra})
        assert np.isfinite(fit.history["loss"]).all()


def test_early_stopping_stops(higgs_small):
    x, y = _xy(higgs_small)
    fit = fit_tabnet(x, y, seed=1, epochs=30, batch_size=256, virtual_batch_size=64, decision_width=4,
                     learn_rate=0.3, valid_split=0.3, early_stopping_tolerance=1e-6, early_stopping_patience=1,
                     skip_importance=True)
    assert len(fit.history) < 30


@pytest.mark.parametrize(
    "config,exc,match",
    [
        ({"epoch": 3}, InvalidParameterError, "Did you mean `epochs`"),
        ({"nonsense_arg": 1}, InvalidParameterError, r"Unknown argument\(s\) \['nonsense_arg'\]"),
        ({"tabnet_model": "fit"}, InvalidParameterError, "`tabnet_model` in tabnet\\(\\) must be a TabNet fit"),
        ({"from_epoch": 2}, InvalidParameterError, "`from_epoch` in tabnet\\(\\) needs `tabnet_model=`"),
        ({"optimizer": "sgd"}, InvalidParameterError, "`optimizer` in tabnet\\(\\) must be 'adam' or a function"),
        ({"optimizer": lambda params, lr: "nope"}, PytidyError, "must return a torch.optim.Optimizer"),
        ({"learn_rate": float("inf")}, InvalidParameterError, "`learn_rate` in tabnet\\(\\) must be a finite number"),
        ({"penalty": float("nan")}, InvalidParameterError, "`penalty` in tabnet\\(\\) must be a finite number"),
        ({"num_workers": -1}, InvalidParameterError, "`num_workers` in tabnet\\(\\) must be a whole number"),
        ({"loss": "bce"}, InvalidParameterError, "`loss` in tabnet\\(\\) must be one of"),
        ({"lr_scheduler": "cosine"}, InvalidParameterError, "`lr_scheduler` in tabnet\\(\\) must be one of"),
        ({"mask_type": "softmax"}, InvalidParameterError, "`mask_type` in tabnet\\(\\) must be one of"),
        ({"virtual_batch_size": 512, "batch_size": 256}, InvalidParameterError, "at most `batch_size`"),
        ({"num_independent": 0, "num_shared": 0}, InvalidParameterError, "can't both be 0"),
        ({"early_stopping_monitor": "valid_loss"}, InvalidParameterError, "needs a validation set"),
        ({"momentum": 1.5}, InvalidParameterError, "`momentum` in tabnet\\(\\) must be a number in \\[0, 1\\]"),
        ({"epochs": 0}, InvalidParameterError, "`epochs` in tabnet\\(\\) must be a whole number"),
        ({"drop_last": "yes"}, InvalidParameterError, "`drop_last` in tabnet\\(\\) must be True or False"),
        ({"device": "tpu"}, InvalidParameterError, "`device` in tabnet\\(\\) must be"),
        ({"loss": "mse"}, InvalidParameterError, "`loss='mse'`.*needs a numeric outcome"),
        ({"cat_emb_dim": (2, 3)}, InvalidParameterError, "`cat_emb_dim`.*length 1 or the number"),
        ({"valid_split": 0.9999}, InvalidParameterError, "leaves 9 validation"),
    ],
)
def test_config_errors(config, exc, match):
    x = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0) % 3})
    y = pd.Series(pd.Categorical(["p", "q"] * 5))
    cfg = {"epochs": 1, "batch_size": 10, "virtual_batch_size": 5, **config}
    if "virtual_batch_size" in config:
        cfg["virtual_batch_size"] = config["virtual_batch_size"]
    with pytest.raises(exc, match=match):
        fit_tabnet(x, y, seed=1, **cfg)


def test_data_errors():
    x = pd.DataFrame({"a": np.arange(10.0)})
    with pytest.raises(InvalidParameterError, match="needs a categorical outcome"):
        fit_tabnet(x, pd.Series(np.arange(10.0)), seed=1, loss="cross_entropy")
    with pytest.raises(InvalidParameterError, match="is a DataFrame with no columns"):
        fit_tabnet(x, pd.DataFrame(index=range(10)), seed=1)
    with pytest.raises(InvalidParameterError, match="must be a pandas Series \\(one outcome\\) or DataFrame"):
        fit_tabnet(x, np.arange(10.0), seed=1)
    with pytest.raises(InvalidParameterError, match="has 1 missing value"):
        fit_tabnet(x, pd.Series([np.nan] + [1.0] * 9), seed=1)
    with pytest.raises(InvalidParameterError, match="must be numeric \\(regression\\) or categorical"):
        fit_tabnet(x, pd.Series(["a"] * 10), seed=1)
    with pytest.raises(InvalidParameterError, match="`x` in fit_tabnet\\(\\) must be a pandas DataFrame"):
        fit_tabnet(x.to_numpy(), pd.Series(np.arange(10.0)), seed=1)
    with pytest.raises(InvalidParameterError, match="`y` in fit_tabnet\\(\\) must be a pandas Series"):
        fit_tabnet(x, np.arange(10.0), seed=1)
    with pytest.raises(InvalidParameterError, match="`x` has 10 rows but `y` has 3"):
        fit_tabnet(x, pd.Series([1.0, 2.0, 3.0]), seed=1)
    with pytest.raises(InvalidParameterError, match="at least 2 rows"):
        fit_tabnet(x.head(1), pd.Series([1.0]), seed=1)
    with pytest.raises(InvalidParameterError, match="at least one predictor"):
        fit_tabnet(x[[]], pd.Series(np.arange(10.0)), seed=1)
    with pytest.raises(InvalidParameterError, match="predictor `d` has dtype"):
        fit_tabnet(pd.DataFrame({"d": pd.date_range("2020", periods=10)}), pd.Series(np.arange(10.0)), seed=1)
    fit = fit_tabnet(x, pd.Series(np.arange(10.0)), seed=1, epochs=1, skip_importance=True)
    with pytest.raises(InvalidParameterError, match="lacks the column\\(s\\) \\['a'\\]"):
        fit.predict_numeric(pd.DataFrame({"b": [1.0]}))
    with pytest.raises(InvalidParameterError, match="was numeric at fit time"):
        fit.predict_numeric(pd.DataFrame({"a": ["x"]}))
    with pytest.raises(InvalidParameterError, match="`new_data` must be a pandas DataFrame"):
        fit.predict_numeric(np.zeros((2, 1)))
    with pytest.raises(InvalidParameterError, match="`new_data` must be a pandas DataFrame"):
        fit.explain(np.zeros((2, 1)))


def test_verbose_prints_the_loss_of_every_epoch(capsys):
    import pytidy as tm

    higgs = tm.read_higgs().head(600)
    spec = tm.tabnet(epochs=2, batch_size=256, virtual_batch_size=64, decision_width=4,
                     attention_width=4).set_engine("torch", verbose=True).set_mode("classification")
    spec.fit("class ~ .", data=higgs, seed=1)
    out = capsys.readouterr().out
    assert "[Epoch 001] Loss:" in out and "[Epoch 002] Loss:" in out


@pytest.mark.parametrize("pretrain", [False, True])
def test_num_workers_gathers_batches_in_worker_processes_with_the_same_fit(monkeypatch, pretrain):
    """R's ``num_workers``: a torch DataLoader with that many workers; the same batches, the same bits."""
    import numpy as np
    import pandas as pd
    import torch

    from pytidy.engines.tabnet.engine import fit_tabnet, tabnet_pretrain

    made = []
    real = torch.utils.data.DataLoader

    class Recording(real):
        def __init__(self, *args, **kwargs):
            made.append(kwargs.get("num_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(torch.utils.data, "DataLoader", Recording)
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.normal(size=(300, 4)), columns=list("abcd"))
    y = pd.Series(x["a"] * 2 + rng.normal(size=300))
    kw = dict(seed=3, epochs=3, batch_size=64, virtual_batch_size=16, decision_width=4, attention_width=4,
              skip_importance=True)
    fits = []
    for workers in (0, 2):
        if pretrain:
            fits.append(tabnet_pretrain(x, seed=3, epochs=3, batch_size=64, virtual_batch_size=16, decision_width=4,
                                        attention_width=4, num_workers=workers))
        else:
            fits.append(fit_tabnet(x, y, num_workers=workers, **kw))
    assert made == [2]  # one loader for the whole fit, none without workers
    for k, v in fits[0].state_dict.items():
        assert torch.equal(v, fits[1].state_dict[k]), k
    assert fits[0].history["loss"].tolist() == fits[1].history["loss"].tolist()
