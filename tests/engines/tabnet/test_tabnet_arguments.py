"""One test per tabnet_config() argument that fails when the argument is ignored or replaced by its default.

Expected values come from outside the code under test: closed forms (Adam's first step, batch
normalisation's running statistics, the paper's sparsity regulariser), torch's own schedulers run
directly, and subset identities (a column of powers of two tells which rows formed a batch).
Every network is tiny (a few rows, 1-3 epochs) and trains on one thread.
"""

from __future__ import annotations

import threading

import attrs
import numpy as np
import pandas as pd
import pytest
import torch

from pytidy.engines.tabnet.engine import fit_tabnet, tabnet_pretrain
from pytidy.engines.tabnet.explain import tabnet_explain
from pytidy.engines.tabnet.train import TrainingDivergedError, build_network
from pytidy.errors import InvalidParameterError

SMALL = dict(decision_width=4, attention_width=4, num_steps=2, skip_importance=True)


def _reg(n=32, p=3, seed=0):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)])
    y = pd.Series(x["x0"] * 2 - x["x1"] + rng.normal(scale=0.1, size=n), name="y")
    return x, y


def _cls(n=32, p=3, seed=0):
    x, y = _reg(n, p, seed)
    return x, pd.Series(pd.Categorical(np.where(y > 0, "a", "b"), categories=["a", "b"]), name="c")


def _train_mode_forward(fit, x):
    """The fitted network in training mode (batch statistics) on all rows: outputs and step masks."""
    net = build_network(fit.net_args)
    net.load_state_dict(fit.state_dict)
    net.train()
    xt = torch.tensor(x.to_numpy(), dtype=torch.float32)
    with torch.no_grad():
        out, _ = net(xt)
        _, masks = net.forward_masks(xt)
    return out, [m.numpy().astype(np.float64) for m in masks]


def _powers_of_two(n):
    """A predictor whose batch mean times the batch size identifies the rows (their binary digits)."""
    rng = np.random.default_rng(1)
    return pd.DataFrame({"bits": 2.0 ** np.arange(n), "z": rng.normal(size=n)})


def _rows_in_last_batch(fit, size):
    total = float(fit.state_dict["encoder.initial_bn.running_mean"][0]) * size
    assert total == pytest.approx(round(total), abs=1e-3)
    return bin(int(round(total))).count("1")


# --------------------------------------------------------------------------- losses
def test_sparsity_penalty_follows_the_papers_formula():
    # learn_rate ~ 0: the weights of the second epoch are the ones the test rebuilds; one batch of all rows
    x, y = _reg()
    fit = fit_tabnet(x, y, seed=3, epochs=2, batch_size=32, virtual_batch_size=32, learn_rate=1e-30, penalty=0.5,
                     **SMALL)
    out, masks = _train_mode_forward(fit, x)
    mse = float(((out[:, 0].numpy().astype(np.float64) - y.to_numpy()) ** 2).mean())
    # Arik & Pfister eq. (sparsity): mean over steps and rows of sum_j -M log(M + eps), times lambda_sparse
    entropy = np.mean([(-(m * np.log(m + 1e-15)).sum(axis=1)).mean() for m in masks])
    assert entropy > 0.05  # the masks are not one-hot, so a flipped sign changes the loss
    assert fit.history["loss"].iloc[-1] == pytest.approx(mse + 0.5 * entropy, rel=1e-4)


def test_larger_penalty_gives_sparser_masks():
    x, y = _reg(n=64, p=6)
    ent = {}
    for penalty in (0.0, 1.0):
        fit = fit_tabnet(x, y, seed=1, epochs=15, batch_size=64, virtual_batch_size=64, penalty=penalty, **SMALL)
        masks = fit.explain(x)[1]
        ent[penalty] = np.mean([(-(m * np.log(m + 1e-15)).sum(axis=1)).mean() for m in
                                (mk.to_numpy() for mk in masks)])
    assert ent[1.0] < ent[0.0]


def test_function_loss_is_used():
    x, y = _reg()
    l1 = lambda out, target: (out - target).abs().mean()  # noqa: E731
    fit = fit_tabnet(x, y, seed=3, epochs=2, batch_size=32, virtual_batch_size=32, learn_rate=1e-30, penalty=0.0,
                     loss=l1, **SMALL)
    out, _ = _train_mode_forward(fit, x)
    mae = float(np.abs(out[:, 0].numpy().astype(np.float64) - y.to_numpy()).mean())
    assert fit.history["loss"].iloc[-1] == pytest.approx(mae, rel=1e-4)


def test_case_weights_weight_the_loss():
    x, y = _reg()
    w = np.r_[np.zeros(16), np.full(16, 3.0)]
    fit = fit_tabnet(x, y, seed=3, epochs=2, batch_size=32, virtual_batch_size=32, learn_rate=1e-30, penalty=0.0,
                     case_weights=w, **SMALL)
    out, _ = _train_mode_forward(fit, x)
    se = (out[:, 0].numpy().astype(np.float64) - y.to_numpy()) ** 2
    assert fit.history["loss"].iloc[-1] == pytest.approx((w * se).sum() / w.sum(), rel=1e-4)
    assert fit.history["loss"].iloc[-1] != pytest.approx(se.mean(), rel=1e-3)
    with pytest.raises(InvalidParameterError, match="`case_weights` in tabnet\\(\\) must be 32 finite"):
        fit_tabnet(x, y, seed=1, epochs=1, case_weights=-w, **SMALL)


# --------------------------------------------------------------------------- optimisation
def test_learn_rate_is_the_size_of_adams_first_step():
    x, y = _cls()
    first = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, **SMALL)
    again = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, learn_rate=0.05,
                       tabnet_model=first, **SMALL)
    # Adam's first update is learn_rate * g / (|g| + eps): learn_rate in absolute value per weight
    step = (again.state_dict["final_mapping.weight"] - first.state_dict["final_mapping.weight"]).abs()
    np.testing.assert_allclose(step.numpy(), 0.05, rtol=1e-3)
    assert list(again.history["epoch"]) == [1, 2]


def test_adam_over_the_flat_parameters_is_torchs_adam_over_each():
    """Training flattens the parameters into one tensor for Adam; the steps are torch's per-tensor Adam."""
    from pytidy.engines.tabnet.model import TabNetNetwork, init_generator
    from pytidy.engines.tabnet.train import TrainConfig, _make_optimizer

    def network():
        with init_generator(torch.Generator().manual_seed(0)):
            return TabNetNetwork(5, 2, n_d=4, n_a=4, n_steps=2, virtual_batch_size=8).double()

    flat_net, ref_net = network(), network()
    config = TrainConfig(epochs=1, batch_size=16, penalty=0.0, learn_rate=0.03, weight_decay=0.01)
    opt, zero_grad = _make_optimizer(config, flat_net)
    ref = torch.optim.Adam(ref_net.parameters(), lr=0.03, weight_decay=0.01)
    x = torch.randn(16, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    for _ in range(3):
        for net, optimizer, clear in ((flat_net, opt, zero_grad), (ref_net, ref, ref.zero_grad)):
            clear()
            out, m_loss = net(x)
            (out.square().mean() - 0.1 * m_loss).backward()
            optimizer.step()
    ref_params = dict(ref_net.named_parameters())
    moved = 0
    for name, p in flat_net.named_parameters():
        torch.testing.assert_close(p, ref_params[name], rtol=0, atol=1e-12, msg=name)
        moved += int(not torch.equal(p, network().state_dict()[name]))
    assert moved == len(ref_params)  # every parameter trained
    zero_grad()
    assert all(float(p.grad.abs().sum()) == 0.0 for p in flat_net.parameters())


def test_function_optimizer_is_called_with_the_learn_rate():
    x, y = _cls()
    calls = []

    def sgd(params, lr):
        calls.append(lr)
        return torch.optim.SGD(params, lr=lr)

    first = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, **SMALL)
    plain = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, learn_rate=0.07,
                       tabnet_model=first, optimizer=sgd, **SMALL)
    assert calls == [0.07]
    step = (plain.state_dict["final_mapping.weight"] - first.state_dict["final_mapping.weight"]).abs()
    assert not np.allclose(step.numpy(), 0.07, rtol=1e-2)  # SGD's step is lr * g, not Adam's lr * sign(g)


def test_clip_value_bounds_the_gradient_norm():
    x, y = _cls()
    first = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, **SMALL)
    sgd = lambda params, lr: torch.optim.SGD(params, lr=lr)  # noqa: E731
    moved = {}
    for clip in (None, 1e-3):
        again = fit_tabnet(x, y, seed=2, epochs=1, batch_size=32, virtual_batch_size=32, learn_rate=1.0,
                           optimizer=sgd, clip_value=clip, tabnet_model=first, **SMALL)
        params = [k for k, _ in first.network().named_parameters()]  # shared weights counted once
        moved[clip] = float(torch.sqrt(sum(((again.state_dict[k] - first.state_dict[k]) ** 2).sum() for k in params)))
    assert moved[1e-3] == pytest.approx(1e-3, rel=1e-3)  # one SGD step of lr 1 on a gradient of norm clip_value
    assert moved[None] > 0.01


def test_step_scheduler_uses_rate_decay_and_step_size():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=5, batch_size=32, virtual_batch_size=32, lr_scheduler="step",
                     lr_decay=0.5, step_size=2, **SMALL)
    np.testing.assert_allclose(fit.learn_rates.to_numpy(), [0.02, 0.02, 0.01, 0.01, 0.005])


def test_parsnip_rate_decay_and_rate_step_size_reach_the_scheduler():
    import pytidy as tm

    x, y = _cls()
    spec = (tm.tabnet(epochs=3, rate_decay=0.1, rate_step_size=1, learn_rate=0.04, batch_size=32,
                      virtual_batch_size=32, decision_width=4, num_steps=2)
            .set_engine("torch", lr_scheduler="step", skip_importance=True).set_mode("classification"))
    fit = spec.fit_xy(x, y, seed=1)
    np.testing.assert_allclose(fit.fit.learn_rates.to_numpy(), [0.04, 0.004, 0.0004], rtol=1e-6)


def test_reduce_on_plateau_matches_torch():
    x, y = _cls()
    flat = lambda out, target: out.sum() * 0.0 + 1.0  # noqa: E731 - a plateau from the first epoch
    fit = fit_tabnet(x, y, seed=1, epochs=5, batch_size=32, virtual_batch_size=32, loss=flat, penalty=0.0,
                     lr_scheduler="reduce_on_plateau", lr_decay=0.5, step_size=1, **SMALL)
    # the reference: torch's scheduler run directly on the same losses, patience = step_size (R)
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.02)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=1)
    expected = []
    for loss in fit.history["loss"]:
        expected.append(opt.param_groups[0]["lr"])
        sched.step(loss)
    np.testing.assert_allclose(fit.learn_rates.to_numpy(), expected)
    assert expected[-1] == pytest.approx(0.01)


def test_function_lr_scheduler_is_stepped_each_epoch():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=3, batch_size=32, virtual_batch_size=32,
                     lr_scheduler=lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5), **SMALL)
    np.testing.assert_allclose(fit.learn_rates.to_numpy(), [0.02, 0.01, 0.005])


def test_diverging_training_stops_with_a_clear_error():
    x, y = _cls()
    with pytest.raises(TrainingDivergedError, match="diverged: .* at epoch 1 .*Lower `learn_rate`"):
        fit_tabnet(x, y, seed=1, epochs=5, batch_size=8, virtual_batch_size=8, learn_rate=1e38, **SMALL)
    sgd = lambda params, lr: torch.optim.SGD(params, lr=lr)  # noqa: E731
    with pytest.raises(TrainingDivergedError, match="diverged: the loss became (nan|inf) at epoch [0-9]+"):
        fit_tabnet(x, y, seed=1, epochs=5, batch_size=8, virtual_batch_size=8, learn_rate=1e30, optimizer=sgd,
                   **SMALL)


# --------------------------------------------------------------------------- batching and normalisation
def test_momentum_sets_the_running_statistics():
    x, y = _reg()
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=32, momentum=0.3, **SMALL)
    xm = x.to_numpy()
    # torch convention: running = (1 - momentum) * running + momentum * batch (from 0 and 1)
    np.testing.assert_allclose(fit.state_dict["encoder.initial_bn.running_mean"].numpy(), 0.3 * xm.mean(0),
                               rtol=1e-5)
    np.testing.assert_allclose(fit.state_dict["encoder.initial_bn.running_var"].numpy(),
                               0.7 + 0.3 * xm.var(0, ddof=1), rtol=1e-5)


def test_batch_size_sets_the_rows_per_batch():
    x = _powers_of_two(16)
    y = pd.Series(np.arange(16.0))
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=8, virtual_batch_size=8, momentum=1.0, **SMALL)
    assert _rows_in_last_batch(fit, 8) == 8


@pytest.mark.parametrize("drop_last,rows", [(True, 8), (False, 4)])
def test_drop_last_drops_the_short_last_batch(drop_last, rows):
    x = _powers_of_two(12)
    y = pd.Series(np.arange(12.0))
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=8, virtual_batch_size=4, momentum=1.0,
                     drop_last=drop_last, **SMALL)
    assert _rows_in_last_batch(fit, rows) == rows


def test_valid_split_holds_rows_out():
    x = _powers_of_two(16)
    y = pd.Series(np.arange(16.0))
    fit = fit_tabnet(x, y, seed=1, epochs=1, momentum=1.0, valid_split=0.5, **SMALL)
    assert _rows_in_last_batch(fit, 8) == 8  # the only batch: the 8 training rows
    assert list(fit.history.columns) == ["epoch", "loss", "valid_loss"]


def test_virtual_batch_size_reaches_every_ghost_batch_norm():
    x, y = _reg()
    net = fit_tabnet(x, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=8, **SMALL).network()
    sizes = {m.virtual_batch_size for m in net.modules() if hasattr(m, "virtual_batch_size")}
    assert sizes == {8}


# --------------------------------------------------------------------------- architecture
def test_architecture_arguments_shape_the_network():
    x, y = _cls(p=5)
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=32, decision_width=6,
                     attention_width=7, num_steps=4, num_independent=3, num_shared=1, feature_reusage=1.7,
                     mask_type="entmax", skip_importance=True)
    sd, net = fit.state_dict, fit.network()
    assert tuple(sd["final_mapping.weight"].shape) == (2, 6)
    assert tuple(sd["encoder.att_transformers.0.fc.weight"].shape) == (5, 7)
    assert len(net.encoder.att_transformers) == 4 and len(fit.explain(x)[1]) == 4
    assert len(net.encoder.shared) == 1
    assert len(net.encoder.feat_transformers[0].specifics.layers) == 3
    assert net.encoder.gamma == 1.7
    assert {m.mask_type for m in net.encoder.att_transformers} == {"entmax"}
    # entmax masks differ from sparsemax ones on the same weights
    sp = build_network(attrs.evolve(fit.net_args, mask_type="sparsemax"))
    sp.load_state_dict(fit.state_dict)
    sp.eval()
    xt = torch.tensor(x.to_numpy(), dtype=torch.float32)
    with torch.no_grad():
        assert not torch.allclose(sp.forward_masks(xt)[1][0], net.forward_masks(xt)[1][0])


def test_mask_topk_keeps_k_features_per_row():
    x, y = _cls(p=5)
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=32, mask_type="sparsemax15",
                     mask_topk=1, decision_width=4, skip_importance=True)
    for mask in fit.explain(x)[1]:
        m = mask.to_numpy()
        assert ((m > 0).sum(axis=1) == 1).all() and np.allclose(m.sum(axis=1), 1.0)


def test_cat_emb_dim_sizes_the_embeddings():
    x, y = _cls()
    x = x.assign(g=pd.Categorical(np.tile(["u", "v", "w", "z"], 8)))
    fit = fit_tabnet(x, y, seed=1, epochs=1, batch_size=32, virtual_batch_size=32, cat_emb_dim=3, **SMALL)
    assert tuple(fit.state_dict["embedder.embeddings.0.weight"].shape) == (4, 3)
    assert tuple(fit.state_dict["encoder.att_transformers.0.fc.weight"].shape) == (4 - 1 + 3, 4)


def test_epochs_and_checkpoint_epochs():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=3, batch_size=32, virtual_batch_size=32, checkpoint_epochs=1, **SMALL)
    assert list(fit.history["epoch"]) == [1, 2, 3] and sorted(fit.checkpoints) == [1, 2, 3]


# --------------------------------------------------------------------------- early stopping
def _drifting_loss():
    """MSE plus an offset that grows with each training call and shrinks with each validation call."""
    calls = {"n": 0}

    def loss(out, target):
        calls["n"] += 1
        offset = float(calls["n"]) if torch.is_grad_enabled() else -float(calls["n"])
        return ((out - target) ** 2).mean() + 10 * offset

    return loss


def test_early_stopping_restores_the_best_weights():
    x, y = _reg()
    fit = fit_tabnet(x, y, seed=1, epochs=8, batch_size=32, virtual_batch_size=32, checkpoint_epochs=1,
                     early_stopping_tolerance=0.1, early_stopping_patience=2, loss=_drifting_loss(), **SMALL)
    assert list(fit.history["epoch"]) == [1, 2, 3] and fit.best_epoch == 1
    np.testing.assert_array_equal(fit.predict_numeric(x), fit.predict_numeric(x, epoch=1))


def test_early_stopping_monitor_chooses_the_loss():
    x, y = _reg()
    kw = dict(seed=1, epochs=5, batch_size=32, virtual_batch_size=32, valid_split=0.25, early_stopping_tolerance=0.1,
              early_stopping_patience=1, **SMALL)
    on_valid = fit_tabnet(x, y, loss=_drifting_loss(), **kw)  # "auto" -> valid_loss, which keeps falling
    on_train = fit_tabnet(x, y, loss=_drifting_loss(), early_stopping_monitor="train_loss", **kw)
    assert len(on_valid.history) == 5 and len(on_train.history) == 2


# --------------------------------------------------------------------------- warm starts and pretraining
def test_from_epoch_continues_from_that_checkpoint():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=3, batch_size=32, virtual_batch_size=32, checkpoint_epochs=1,
                     momentum=0.0, **SMALL)
    again = fit_tabnet(x, y, seed=5, epochs=1, batch_size=32, virtual_batch_size=32, learn_rate=1e-30, momentum=0.0,
                       tabnet_model=fit, from_epoch=2, **SMALL)
    assert list(again.history["epoch"]) == [1, 2, 3]
    np.testing.assert_allclose(again.predict_proba(x), fit.predict_proba(x, epoch=2), atol=1e-6)
    assert not np.allclose(fit.predict_proba(x, epoch=2), fit.predict_proba(x), atol=1e-6)


def test_pretraining_and_fine_tuning():
    x, _ = _reg(n=64, p=4)
    kw = dict(seed=1, epochs=2, batch_size=64, virtual_batch_size=64, **SMALL)
    loss = {r: tabnet_pretrain(x, pretraining_ratio=r, **kw).history["loss"].mean() for r in (0.05, 0.5)}
    assert loss[0.05] < 0.6 * loss[0.5]  # most rows hide nothing at 5%: their loss is 0
    pre = tabnet_pretrain(x, num_independent_decoder=2, num_shared_decoder=3, **kw)
    assert pre.mode == "pretrain" and len(pre.network().decoder.shared) == 3
    assert len(pre.network().decoder.feat_transformers[0].specifics.layers) == 2
    y = pd.Series(x["x0"] * 3)
    tuned = fit_tabnet(x, y, seed=9, epochs=1, batch_size=64, virtual_batch_size=64, learn_rate=1e-30,
                       tabnet_model=pre, skip_importance=True)
    torch.testing.assert_close(tuned.state_dict["encoder.shared.0.weight"], pre.state_dict["encoder.shared.0.weight"])
    assert tuned.mode == "regression" and "decoder.reconstruction.weight" not in tuned.state_dict
    assert tabnet_explain(pre, x.head(3)).M_explain.shape == (3, 4)
    with pytest.raises(InvalidParameterError, match="no prediction head"):
        pre.predict_numeric(x)


# --------------------------------------------------------------------------- reproducibility and safety
@pytest.mark.parametrize("clip_value", [None, 1.0])
def test_one_and_two_torch_threads_give_the_same_fit_bit_for_bit(clip_value):
    """Blocked batched products, group norm, the flat Adam and the clipping norm are thread-invariant."""
    x, y = _cls(n=600, p=5, seed=4)
    before = torch.get_num_threads()
    fits = []
    try:
        for threads in (1, 2):
            torch.set_num_threads(threads)
            fits.append(fit_tabnet(x, y, seed=5, epochs=2, batch_size=256, virtual_batch_size=64,
                                   clip_value=clip_value, **SMALL))
    finally:
        torch.set_num_threads(before)
    for k, v in fits[0].state_dict.items():
        assert torch.equal(v, fits[1].state_dict[k]), k


def test_two_threads_with_one_seed_agree_bit_for_bit():
    x, y = _cls(n=64)
    results = [None, None]
    state = torch.get_rng_state()

    def work(i):
        results[i] = fit_tabnet(x, y, seed=11, epochs=2, batch_size=16, virtual_batch_size=8, **SMALL)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, v in results[0].state_dict.items():
        assert torch.equal(v, results[1].state_dict[k]), k
    assert torch.equal(torch.get_rng_state(), state)


def test_infinite_predictors_are_refused_at_fit_and_predict():
    x, y = _cls()
    bad = x.copy()
    bad.iloc[3, 1] = np.inf
    with pytest.raises(InvalidParameterError, match=r"predictor\(s\) \['x1'\] hold 1 infinite"):
        fit_tabnet(bad, y, seed=1, epochs=1, **SMALL)
    fit = fit_tabnet(x, y, seed=1, epochs=1, **SMALL)
    with pytest.raises(InvalidParameterError, match="infinite"):
        fit.predict_proba(bad.assign(x1=-np.inf))
    assert x.iloc[3, 1] != np.inf  # the caller's frame is untouched


def test_nan_probabilities_never_become_a_class():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=1, **SMALL)
    broken = fit.state_dict["final_mapping.weight"].clone()
    broken[:, :] = np.nan
    object.__setattr__(fit, "state_dict", {**fit.state_dict, "final_mapping.weight": broken})
    fit.__dict__.pop("_network", None)
    labels = fit.predict_class(x.head(3))
    assert list(labels) == [None, None, None]


def test_multi_predict_by_epoch_uses_the_checkpoints():
    x, y = _cls()
    fit = fit_tabnet(x, y, seed=1, epochs=3, batch_size=16, virtual_batch_size=8, checkpoint_epochs=1, **SMALL)
    preds = fit.multi_predict(x.head(4), epochs=[1, 3], type="prob")
    np.testing.assert_array_equal(preds[0], fit.predict_proba(x.head(4), epoch=1))
    np.testing.assert_array_equal(preds[1], fit.predict_proba(x.head(4)))
    assert not np.allclose(preds[0], preds[1])
