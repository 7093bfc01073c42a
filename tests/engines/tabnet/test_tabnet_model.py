"""The network's pieces: sparse normalisers, ghost batch norm, prior update, missing values, size."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from pytidy.engines.tabnet.model import GhostBatchNorm, TabNetNetwork, entmax15, from_blocks, sparsemax, to_blocks


def _bisect_tau(z: np.ndarray, f) -> float:
    """Solve sum(f(z - tau)) == 1 for tau by bisection (a brute-force reference)."""
    lo, hi = z.max() - 10.0, z.max()
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(z - mid).sum() > 1:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def test_sparsemax_is_the_projection_onto_the_simplex():
    z = torch.randn(50, 7, generator=torch.Generator().manual_seed(0), dtype=torch.float64) * 2
    p = sparsemax(z).numpy()
    relu = lambda v: np.maximum(v, 0)  # noqa: E731
    for row, zr in zip(p, z.numpy()):
        ref = relu(zr - _bisect_tau(zr, relu))
        np.testing.assert_allclose(row, ref, atol=1e-9)
    np.testing.assert_allclose(p.sum(1), 1.0)
    assert (p == 0).any(axis=1).mean() > 0.5  # sparse: most rows have exact zeros
    assert (p >= 0).all()


def test_sparsemax_along_dim_0_handles_ties_wide_rows_and_nan():
    """The sort-free threshold (Newton from below) ends at the exact projection, along either dim."""
    gen = torch.Generator().manual_seed(3)
    relu = lambda v: np.maximum(v, 0)  # noqa: E731
    for scale, p in [(0.05, 28), (1.0, 28), (20.0, 28), (1.0, 300)]:
        z = torch.randn(p, 40, generator=gen, dtype=torch.float64) * scale  # feature-major: rows are columns
        z[:3, 0] = z[:, 0].max()  # a three-way tie at the top
        z[:, 1] = 0.25  # all equal: uniform
        out = sparsemax(z, 0).numpy()
        for col, zc in zip(out.T, z.numpy().T):
            np.testing.assert_allclose(col, relu(zc - _bisect_tau(zc, relu)), atol=1e-9)
        np.testing.assert_allclose(out[:, 1], 1.0 / p)
        np.testing.assert_allclose(out.sum(0), 1.0)
    z = torch.tensor([[0.3, float("nan")], [0.1, 0.2]])
    out = sparsemax(z, 0)
    assert torch.isnan(out[:, 1]).all() and torch.allclose(out[:, 0], torch.tensor([0.6, 0.4]))


def test_entmax15_matches_bisection_and_is_sparse():
    z = torch.randn(50, 7, generator=torch.Generator().manual_seed(1), dtype=torch.float64) * 3
    p = entmax15(z).numpy()
    f = lambda v: np.maximum(v, 0) ** 2  # noqa: E731
    for row, zr in zip(p, z.numpy()):
        np.testing.assert_allclose(row, f(zr / 2 - _bisect_tau(zr / 2, f)), atol=1e-8)
    np.testing.assert_allclose(p.sum(1), 1.0)
    assert (p == 0).any()


@pytest.mark.parametrize("fn", [sparsemax, entmax15])
def test_sparse_normalisers_have_correct_gradients(fn):
    z = torch.randn(6, 5, generator=torch.Generator().manual_seed(2), dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(fn, (z,))


def _loop_reference(x: torch.Tensor, vbs: int, bn: torch.nn.BatchNorm1d) -> torch.Tensor:
    """R's gbn: a loop of BatchNorm1d over x.chunk(ceiling(n / vbs))."""
    out = []
    for c in x.chunk(int(np.ceil(x.shape[0] / vbs)), 0):
        if c.shape[0] == 1:
            bn.eval()
            out.append(bn(c))
            bn.train()
        else:
            out.append(bn(c))
    return torch.cat(out)


@pytest.mark.parametrize("n,vbs", [(1000, 256), (512, 128), (513, 512), (9, 2), (700, 700), (1030, 100)])
def test_ghost_batch_norm_equals_a_loop_of_batch_norms(n, vbs):
    gen = torch.Generator().manual_seed(n)
    x = torch.randn(n, 6, generator=gen) * 3 + 1
    gbn = GhostBatchNorm(6, vbs, momentum=0.3)
    with torch.no_grad():
        gbn.weight.uniform_(0.5, 2, generator=gen)
        gbn.bias.uniform_(-1, 1, generator=gen)
    ref = torch.nn.BatchNorm1d(6, momentum=0.3)
    ref.load_state_dict(gbn.state_dict(), strict=False)
    for _ in range(2):  # twice, so the running statistics feed in
        xa = x.clone().requires_grad_()
        xb = x.clone().requires_grad_()
        out, expected = gbn(xa), _loop_reference(xb, vbs, ref)
        torch.testing.assert_close(out, expected, atol=2e-5, rtol=1e-5)
        g = torch.randn(out.shape, generator=gen)
        out.backward(g)
        expected.backward(g)
        torch.testing.assert_close(xa.grad, xb.grad, atol=2e-5, rtol=1e-4)
    torch.testing.assert_close(gbn.weight.grad, ref.weight.grad, atol=1e-4, rtol=1e-4)
    torch.testing.assert_close(gbn.bias.grad, ref.bias.grad, atol=1e-4, rtol=1e-4)
    torch.testing.assert_close(gbn.running_mean, ref.running_mean)
    torch.testing.assert_close(gbn.running_var, ref.running_var)
    assert torch.isfinite(gbn.running_var).all()


def test_ghost_batch_norm_of_a_large_offset_is_accurate():
    """Means 3,000 standard deviations from 0: float32's E[x^2] - E[x]^2 would be noise there."""
    gen = torch.Generator().manual_seed(4)
    x = torch.randn(512, 4, generator=gen) * 3 + 1e4
    gbn = GhostBatchNorm(4, 128, momentum=1.0)
    out = gbn(x)
    chunks = x.double().reshape(4, 128, 4)
    exact = (chunks - chunks.mean(1, keepdim=True)) / torch.sqrt(chunks.var(1, unbiased=False, keepdim=True) + 1e-5)
    torch.testing.assert_close(out.double(), exact.reshape(512, 4), atol=5e-3, rtol=0)
    torch.testing.assert_close(gbn.running_var.double(), chunks[3].var(0), rtol=1e-3, atol=0)


def test_ghost_batch_norm_gradients_in_double_precision():
    gen = torch.Generator().manual_seed(5)
    gbn = GhostBatchNorm(3, virtual_batch_size=4, momentum=0.1).double()
    with torch.no_grad():
        gbn.weight.uniform_(0.5, 2, generator=gen)
        gbn.bias.uniform_(-1, 1, generator=gen)
    x = torch.randn(12, 3, generator=gen, dtype=torch.float64, requires_grad=True)
    # gradcheck perturbs its inputs in place, so perturbing gbn.weight and gbn.bias moves gbn(v)
    assert torch.autograd.gradcheck(lambda v, w, b: gbn(v), (x, gbn.weight, gbn.bias))


def test_ghost_batch_norm_takes_a_batch_of_one_row():
    gbn = GhostBatchNorm(3, 4, momentum=0.1)
    out = gbn(torch.tensor([[1.0, 2.0, 3.0]]))
    torch.testing.assert_close(out, torch.tensor([[1.0, 2.0, 3.0]]) / np.sqrt(1 + 1e-5))
    torch.testing.assert_close(gbn.running_mean, torch.zeros(3))  # left unchanged
    gbn.eval()
    torch.testing.assert_close(gbn(torch.ones(2, 3)), torch.ones(2, 3) / np.sqrt(1 + 1e-5))


def _record_priors(net: TabNetNetwork):
    seen: list[tuple[torch.Tensor, torch.Tensor]] = []
    for att in net.encoder.att_transformers:
        orig = att.forward

        def wrapped(prior, feat, _orig=orig):
            m = _orig(prior, feat)  # blocked feature-major inside the encoder: (blocks, features, rows)
            seen.append((from_blocks(prior.detach()).clone(), from_blocks(m.detach()).clone()))
            return m

        att.forward = wrapped
    return seen


def test_prior_update_and_missing_values():
    torch.manual_seed(0)
    net = TabNetNetwork(4, 2, n_d=4, n_a=4, n_steps=3, gamma=1.5, virtual_batch_size=8).eval()
    seen = _record_priors(net)
    x = torch.randn(16, 4)
    x[0, 2] = float("nan")
    out, m_loss = net(x)
    assert torch.isfinite(out).all() and torch.isfinite(m_loss)
    first_prior = seen[0][0]
    assert first_prior[0, 2] == 0 and first_prior[0].sum() == 3 and (first_prior[1:] == 1).all()
    for (prior, mask), (next_prior, _) in zip(seen, seen[1:]):
        torch.testing.assert_close(next_prior, (1.5 - mask) * prior)
    for _, mask in seen:
        torch.testing.assert_close(mask.sum(1), torch.ones(16))


def test_categorical_missing_and_unseen_codes_use_the_first_level():
    torch.manual_seed(0)
    net = TabNetNetwork(2, 1, n_d=4, n_a=4, cat_idxs=[1], cat_dims=[3], cat_emb_dim=2, virtual_batch_size=8)
    x = torch.tensor([[0.5, 0.0], [0.5, float("nan")], [float("nan"), 2.0]])
    emb = net.embedder(x)
    assert emb.shape == (3, 3)
    torch.testing.assert_close(emb[1, 1:], emb[0, 1:])  # NaN level -> first level
    assert emb[2, 0] == 0  # numeric NaN -> 0
    miss = net.embedder.missing(x)
    assert miss.tolist() == [[False, False, False], [False, True, True], [True, False, False]]


def test_parameter_count_for_tabnet_s_on_higgs():
    # pytorch-tabnet 4.1.0 reports 76,680 for these settings: its TabNetNoEmbeddings builds an
    # initial_bn (2 x 28 parameters) that forward() never uses; pytidy does not build it.
    net = TabNetNetwork(28, 2, n_d=24, n_a=26, n_steps=5, gamma=1.5, virtual_batch_size=512, momentum=0.4)
    assert sum(p.numel() for p in net.parameters()) == 76_680 - 2 * 28


def test_eval_mode_folds_the_batch_norm_into_the_linear_layer():
    """In eval mode ``Linear -> BN`` is one affine map: the folded addmm equals BN(W x) with running stats."""
    from pytidy.engines.tabnet.model import GLULayer

    gen = torch.Generator().manual_seed(3)
    layer = GLULayer(5, 4, virtual_batch_size=8, momentum=0.3)
    x = torch.randn(1, 5, 64, generator=gen) * 2 + 1  # blocked feature-major: (blocks, features, rows)
    for _ in range(3):  # move the running statistics away from (0, 1)
        layer(x)
    with torch.no_grad():
        layer.bn.weight.uniform_(0.5, 2, generator=gen)
        layer.bn.bias.uniform_(-1, 1, generator=gen)
    layer.eval()
    h = torch.mm(layer.fc.weight, x[0])
    bn = layer.bn
    expected = (h - bn.running_mean[:, None]) / torch.sqrt(bn.running_var[:, None] + bn.eps) * bn.weight[:, None] \
        + bn.bias[:, None]
    assert not torch.allclose(bn.running_mean, torch.zeros(8))
    torch.testing.assert_close(layer(x)[0], torch.nn.functional.glu(expected, dim=0))


@pytest.mark.parametrize("n_independent, n_shared", [(2, 2), (0, 2), (2, 0), (1, 1)])
def test_unused_halves_are_skipped_without_changing_what_is_used(n_independent, n_shared):
    """The initial splitter's decision half and the last step's attention half are never computed.

    Reference: the encoder written out with every transformer computing all of its outputs (as R
    and pytorch-tabnet do), on a copy of the same network. Outputs, M_loss, gradients and the
    running statistics of every used channel must be equal; only the unused channels' running
    statistics may stay where they started.
    """
    import copy

    torch.manual_seed(0)
    net = TabNetNetwork(7, 2, n_d=4, n_a=3, n_steps=3, gamma=1.3, n_independent=n_independent,
                        n_shared=n_shared, virtual_batch_size=16, momentum=0.3).double()
    ref = copy.deepcopy(net)
    x = torch.randn(64, 7, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    out, m_loss = net(x)
    (out.sum() + m_loss).backward()

    enc = ref.encoder
    xf = enc._bn_input(to_blocks(x, enc.blocks(64)))  # the network's layout: one block per virtual batch
    prior = torch.ones_like(xf)
    att = enc.initial_splitter(xf)[:, enc.n_d:]
    res, expected_loss = 0.0, 0.0
    for step in range(enc.n_steps):
        mask = enc.att_transformers[step](prior, att)
        expected_loss = expected_loss + (mask * torch.log(mask + enc.epsilon)).sum(dim=1).mean()
        prior = (enc.gamma - mask) * prior
        full = enc.feat_transformers[step](mask * xf)
        res = res + torch.relu(full[:, : enc.n_d])
        att = full[:, enc.n_d:]
    expected = torch.nn.functional.linear(from_blocks(res), ref.final_mapping.weight)
    (expected.sum() + expected_loss / enc.n_steps).backward()

    torch.testing.assert_close(out, expected, rtol=0, atol=1e-12)
    torch.testing.assert_close(m_loss, expected_loss / enc.n_steps, rtol=0, atol=1e-12)
    grads, ref_grads = dict(net.named_parameters()), dict(ref.named_parameters())
    for name, p in grads.items():
        torch.testing.assert_close(p.grad, ref_grads[name].grad, rtol=0, atol=1e-12, msg=name)
    # running statistics: equal everywhere but the unused channels of the two trimmed layers
    last = "specifics" if n_independent else "shared"
    k = (n_independent or n_shared) - 1
    width = enc.n_d + enc.n_a
    unused = {f"encoder.initial_splitter.{last}.layers.{k}.bn": [*range(enc.n_d), *range(width, width + enc.n_d)],
              f"encoder.feat_transformers.{enc.n_steps - 1}.{last}.layers.{k}.bn":
                  [*range(enc.n_d, width), *range(width + enc.n_d, 2 * width)]}
    ref_buffers = dict(ref.named_buffers())
    for name, b in net.named_buffers():
        if not b.is_floating_point():
            continue
        module = name.rsplit(".", 1)[0]
        used = torch.ones(b.shape[0], dtype=torch.bool)
        if module in unused:
            used[unused[module]] = False
            start = 0.0 if name.endswith("running_mean") else 1.0
            assert torch.all(b[~used] == start), name  # never computed, never updated
        torch.testing.assert_close(b[used], ref_buffers[name][used], rtol=0, atol=1e-12, msg=name)


@pytest.mark.parametrize("rows, vbs", [(1024, 128), (1000, 128), (300, 64), (96, 32)])
@pytest.mark.parametrize("mask_type", ["sparsemax", "entmax"])
def test_one_block_per_virtual_batch_equals_one_block(rows, vbs, mask_type):
    """Training with one block per virtual batch (batched products) computes what one block computes.

    Reference: the same network on a copy, fed one block, where ghost batch norm cuts the virtual
    batches itself. Outputs, M_loss, every gradient and every running statistic agree to float64
    rounding; only the order of the sums differs.
    """
    import copy

    from pytidy.engines.tabnet.model import n_blocks

    assert n_blocks(rows, vbs, True) == -(-rows // vbs) > 1  # the network does block these rows
    torch.manual_seed(0)
    net = TabNetNetwork(9, 3, n_d=5, n_a=4, n_steps=3, gamma=1.4, cat_idxs=[2], cat_dims=[4], cat_emb_dim=2,
                        virtual_batch_size=vbs, momentum=0.3, mask_type=mask_type).double()
    ref = copy.deepcopy(net)
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(rows, 9, dtype=torch.float64, generator=gen) * 3 + 1
    x[:, 2] = torch.randint(0, 4, (rows,), generator=gen).double()
    x[::5, 4] = float("nan")
    out, m_loss = net(x)
    (out.pow(2).sum() + m_loss).backward()

    emb = ref.embedder(x)
    prior = (~ref.embedder.missing(x)).double()
    res, ref_loss = ref.encoder.forward_fm(to_blocks(emb, 1), to_blocks(prior, 1))
    expected = torch.nn.functional.linear(from_blocks(res), ref.final_mapping.weight)
    (expected.pow(2).sum() + ref_loss).backward()

    torch.testing.assert_close(out, expected, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(m_loss, ref_loss, rtol=1e-12, atol=1e-12)
    for (name, p), (_, q) in zip(net.named_parameters(), ref.named_parameters()):
        torch.testing.assert_close(p.grad, q.grad, rtol=1e-11, atol=1e-11, msg=name)
    for (name, b), (_, c) in zip(net.named_buffers(), ref.named_buffers()):
        torch.testing.assert_close(b, c, rtol=1e-12, atol=1e-12, msg=name)


@pytest.mark.parametrize("blocks, r, vbs", [(4, 32, 64), (2, 30, 16), (3, 20, 7)])
def test_ghost_batch_norm_on_blocks_that_are_not_virtual_batches(blocks, r, vbs):
    """Blocks that are not one virtual batch each are normalised as the one-block layout would be."""
    gen = torch.Generator().manual_seed(blocks * r)
    x = torch.randn(blocks * r, 5, generator=gen, dtype=torch.float64) * 2 + 3
    gbn = GhostBatchNorm(5, vbs, momentum=0.3).double()
    one = GhostBatchNorm(5, vbs, momentum=0.3).double()
    out = gbn.forward_fm(to_blocks(x, blocks))
    assert out.shape == (blocks, 5, r)
    expected = one.forward_fm(to_blocks(x, 1))
    torch.testing.assert_close(from_blocks(out), from_blocks(expected), rtol=0, atol=1e-12)
    torch.testing.assert_close(gbn.running_mean, one.running_mean, rtol=0, atol=1e-12)
    torch.testing.assert_close(gbn.running_var, one.running_var, rtol=0, atol=1e-12)
    assert not torch.allclose(gbn.running_mean, torch.zeros(5, dtype=torch.float64))
