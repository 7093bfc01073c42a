"""TabNet's torch modules (Arik & Pfister, arXiv 1908.07442), as mlverse/tabnet builds them.

Only ``nn.Module`` s and the two sparse normalisers live here; training is in ``train.py`` and
the explanation in ``explain.py``. The layer structure, the initialisation gains and the missing
value handling follow mlverse/tabnet ``R/tab-network.R`` (R: ``tabnet_nn``); where pytidy
differs it says so in the docstring.

Differences from R and pytorch-tabnet, all on purpose:

- Ghost batch normalisation is one vectorised computation over all virtual batches, not a loop
  over chunks (same numbers, including the running statistics): batch norm of each (feature,
  virtual batch) pair is group norm with one channel per group, so it is one ``group_norm`` call.
- Inside the encoder and decoder, activations are blocked feature-major, ``(blocks, features,
  rows per block)``: a virtual batch of one feature is then a contiguous run of memory, so ghost
  batch norm is a view and a single fused normalisation call instead of two transposed copies per
  layer (those copies were 31% of a training step at batch 16384 / virtual 512). In training,
  when the virtual batches are of equal size, each block is one virtual batch: the layers' matrix
  products are then batched products, which run the blocks on all threads (a single product of
  these thin shapes uses one core: 1.4-1.7x faster at batch 1024 on two threads), and ghost batch
  norm's per-feature weight needs no copy per block. Otherwise (evaluation, a shorter last virtual
  batch) there is one block. Modules take and return the usual ``(rows, features)`` tensors at
  their public edges (``TabNetNetwork``, ``TabNetEncoder``, ``GhostBatchNorm``); the ``*_fm``
  methods are the blocked feature-major paths (:func:`to_blocks`, :func:`from_blocks`).
- No unused modules: both references build an ``initial_bn`` in the no-embedding wrapper that the
  forward pass never calls (R also a ``.check`` parameter), so pytidy's network has 57 (R) or 56
  (pytorch-tabnet) fewer parameters for 28 features.
- Numeric ``NaN`` becomes 0 (and gets a zero prior) with or without categorical predictors; R
  only imputes when a categorical predictor exists.
- The encoder's input batch norm uses ``momentum``, as R's does; pytorch-tabnet fixes it at 0.01.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
from collections.abc import Iterator, Sequence
from typing import cast

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "GhostBatchNorm",
    "GLULayer",
    "GLUBlock",
    "FeatureTransformer",
    "AttentiveTransformer",
    "TabNetEncoder",
    "TabNetNetwork",
    "EmbeddingGenerator",
    "sparsemax",
    "entmax15",
    "TabNetPretrainNetwork",
    "init_generator",
    "NoInitLinear",
    "NoInitEmbedding",
]


# --------------------------------------------------------------------------- sparse normalisers
def _ranks(z: torch.Tensor, dim: int) -> torch.Tensor:
    """1, 2, ..., size along ``dim``, shaped to broadcast against ``z``."""
    shape = [1] * z.dim()
    shape[dim] = z.shape[dim]
    return torch.arange(1, z.shape[dim] + 1, dtype=z.dtype, device=z.device).reshape(shape)


def _sparsemax_threshold(z: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Sparsemax along ``dim`` for ``z`` whose maximum is 0: ``(output, support indicator, support size)``.

    Newton's method on ``f(t) = sum_j max(z_j - t, 0) - 1`` (Michelot's algorithm): from a ``t``
    below the root, the step ``t' = t + f(t) / #{z_j > t}`` never overshoots, and the support only
    shrinks, so it ends exactly, within ``p`` steps (3-6 in practice), when the support size stops
    changing. The start ``max(-1, (sum_j z_j - 1) / p)`` is below the root (the largest entry keeps
    at most 1). No sort: each step is a few elementwise passes and reductions along ``dim`` in
    place, so TabNet's feature-major masks need no transposed copies (the sort was 7% of a
    training step). The support is the float ``sign`` of ``max(z - t, 0)``, never a boolean tensor:
    on the CPU, comparisons, ``where`` and sums of booleans are 4-20x slower than the same float
    passes (at 28 x 16384, ``where`` takes 1.7 ms, a float multiply 0.07 ms).
    """
    p = z.shape[dim]
    tau = torch.clamp_min((z.sum(dim=dim, keepdim=True) - 1.0) / p, -1.0)
    previous = None
    for _ in range(p + 1):  # a NaN row never settles: p + 1 steps, and NaN out
        out = (z - tau).clamp_min_(0.0)
        support = torch.sign(out)
        count = support.sum(dim=dim, keepdim=True)  # >= 1: the maximum, 0, stays above tau <= -1 / p
        if previous is not None and torch.equal(count, previous):
            break  # the support did not change, so tau is the root
        tau = torch.addcdiv(tau, out.sum(dim=dim, keepdim=True).sub_(1.0), count)
        previous = count
    return out, support, count


class _Sparsemax(torch.autograd.Function):
    """Sparsemax (Martins & Astudillo 2016): the Euclidean projection onto the simplex."""

    @staticmethod
    def forward(ctx, z: torch.Tensor, dim: int) -> torch.Tensor:
        out, support, count = _sparsemax_threshold(z - z.amax(dim=dim, keepdim=True), dim)
        ctx.save_for_backward(support, count)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> tuple[torch.Tensor, None]:
        # d out_i / d z_j = s_i (delta_ij - s_j / |S|) on the support S (s the 0/1 indicator)
        support, count = ctx.saved_tensors
        g = grad * support
        mean = g.sum(dim=ctx.dim, keepdim=True) / count
        return g.sub_(mean).mul_(support), None


class _Entmax15(torch.autograd.Function):
    """1.5-entmax (Peters, Niculae & Martins 2019) by the exact sort-based threshold."""

    @staticmethod
    def forward(ctx, z: torch.Tensor, dim: int) -> torch.Tensor:
        z = (z - z.amax(dim=dim, keepdim=True)) / 2.0
        z_sorted = torch.sort(z, dim=dim, descending=True).values
        k = _ranks(z, dim)
        mean = z_sorted.cumsum(dim=dim) / k
        mean_sq = (z_sorted * z_sorted).cumsum(dim=dim) / k
        delta = (1.0 - k * (mean_sq - mean * mean)) / k
        tau = mean - torch.sqrt(torch.clamp(delta, min=0.0))
        support = (tau <= z_sorted).sum(dim=dim, keepdim=True)
        tau_star = tau.gather(dim, support - 1)
        out = torch.clamp(z - tau_star, min=0.0) ** 2
        ctx.save_for_backward(out)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx, grad: torch.Tensor) -> tuple[torch.Tensor, None]:
        (out,) = ctx.saved_tensors
        root = out.sqrt()
        dz = grad * root
        q = dz.sum(dim=ctx.dim, keepdim=True) / root.sum(dim=ctx.dim, keepdim=True)
        return dz - q * root, None


def sparsemax(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Sparsemax over ``dim`` (the last by default): sums to 1 and small entries are exactly 0.

    R: ``tabnet:::sparsemax`` (mask_type "sparsemax"; "sparsemax15" gives the same values).

    Examples
    --------
    >>> sparsemax(torch.tensor([[2.0, 1.0, -1.0]])).tolist()
    [[1.0, 0.0, 0.0]]
    >>> sparsemax(torch.tensor([[0.5, 0.3, 0.0]])).tolist()
    [[0.56666..., 0.36666..., 0.06666...]]
    """
    return _Sparsemax.apply(z, dim)


def entmax15(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """1.5-entmax over ``dim`` (the last by default): between softmax and sparsemax in sparsity.

    R: ``tabnet:::entmax`` (mask_type "entmax"; "entmax15" gives the same values).

    Examples
    --------
    >>> p = entmax15(torch.tensor([[3.0, 1.0, -2.0]]))
    >>> round(float(p.sum()), 6), float(p[0, 2])
    (1.0, 0.0)
    """
    return _Entmax15.apply(z, dim)


_SELECTORS = {"sparsemax": sparsemax, "sparsemax15": sparsemax, "entmax": entmax15, "entmax15": entmax15}


# --------------------------------------------------------------------------- ghost batch norm
def _chunk_size(n: int, virtual_batch_size: int) -> int:
    """Rows per virtual batch as ``torch.chunk(ceil(n / vbs))`` splits them (R and pytorch-tabnet)."""
    n_chunks = max(1, math.ceil(n / virtual_batch_size))
    return math.ceil(n / n_chunks)


def n_blocks(n: int, virtual_batch_size: int, training: bool) -> int:
    """Blocks of the feature-major layout for ``n`` rows: one per virtual batch in training if all are equal, else 1.

    >>> n_blocks(1024, 128, True), n_blocks(1000, 128, True), n_blocks(1030, 128, True), n_blocks(1024, 128, False)
    (8, 8, 1, 1)
    """
    if not training:
        return 1
    size = _chunk_size(n, virtual_batch_size)
    chunks = n // size
    return chunks if (chunks > 1 and size > 1 and chunks * size == n) else 1


def to_blocks(x: torch.Tensor, blocks: int) -> torch.Tensor:
    """``(rows, features)`` -> blocked feature-major ``(blocks, features, rows // blocks)`` (a copy).

    Row ``i`` is column ``i % r`` of block ``i // r`` (``r = rows // blocks``): the blocks are
    consecutive runs of rows, as ``torch.chunk`` cuts virtual batches.

    >>> to_blocks(torch.arange(6.0).reshape(3, 2), 1).tolist()
    [[[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]]]
    """
    rows, features = x.shape
    return x.reshape(blocks, rows // blocks, features).transpose(1, 2).contiguous()


def from_blocks(x: torch.Tensor) -> torch.Tensor:
    """Blocked feature-major ``(blocks, features, r)`` -> ``(rows, features)``; a view for one block.

    >>> x = torch.arange(8.0).reshape(4, 2)
    >>> torch.equal(from_blocks(to_blocks(x, 2)), x)
    True
    """
    return x.transpose(1, 2).reshape(-1, x.shape[1])


def _bmm(weight: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``weight @ x[b]`` for every block ``b`` of ``x`` ``(blocks, in, r)``: one batched product."""
    return torch.bmm(weight.expand(x.shape[0], -1, -1), x)


@functools.lru_cache(maxsize=256)
def _decay_weights(k: int, momentum: float, dtype: torch.dtype, device: torch.device,
                   scale: float = 1.0) -> torch.Tensor:
    """``scale * momentum * (1 - momentum) ** (k - 1 - i)`` for i < k: the chunks' weights in the running statistics."""
    w = scale * momentum * (1.0 - momentum) ** torch.arange(k - 1, -1, -1, dtype=torch.float64)
    return w.to(dtype=dtype, device=device)


def _update_running(running_mean: torch.Tensor, running_var: torch.Tensor, means: torch.Tensor,
                    variances: torch.Tensor, momentum: float, var_scale: float = 1.0) -> None:
    """Update the running statistics in place with ``K`` chunks' statistics, ``(features, K)`` each.

    ``K`` sequential updates ``r <- (1 - m) r + m s_k`` collapse to ``r <- (1 - m)^K r + S w`` with
    ``w_k = m (1 - m)^(K - 1 - k)``: one fused ``addmv`` per buffer (the weights are cached per K).
    ``var_scale`` multiplies ``variances`` first (``1 / (rows - 1)`` turns centred sums of squares
    into the unbiased variances torch keeps).
    """
    k = means.shape[1]
    keep = (1.0 - momentum) ** k
    running_mean.addmv_(means, _decay_weights(k, momentum, means.dtype, means.device), beta=keep)
    running_var.addmv_(variances, _decay_weights(k, momentum, means.dtype, means.device, var_scale), beta=keep)


@functools.lru_cache(maxsize=256)
def _channel_index(features: int, chunks: int, device: torch.device) -> torch.Tensor:
    """``0, 0, ..., 1, 1, ...``: feature ``j`` repeated once per chunk (an index for ``index_select``)."""
    return torch.arange(features).repeat_interleave(chunks).to(device)


@functools.lru_cache(maxsize=256)
def _glu_channels(output_dim: int, start: int, stop: int, device: torch.device) -> torch.Tensor:
    """Rows of a GLU layer's ``2 * output_dim`` outputs that make its outputs ``start:stop``: both halves."""
    rows = torch.arange(start, stop)
    return torch.cat([rows, rows + output_dim]).to(device)


class GhostBatchNorm(nn.Module):
    """Ghost batch normalisation (Hoffer et al. 2017) over virtual batches, vectorised.

    The batch is cut as R's ``gbn`` cuts it (``x$chunk(ceiling(n / virtual_batch_size))``): chunks of
    ``ceil(n / n_chunks)`` rows and a shorter last one. All full chunks are normalised at once in
    one group-norm call; the last chunk, if shorter, separately. Inside the network the input is
    blocked feature-major (:func:`to_blocks`); blocks of one virtual batch each need no cutting,
    any other blocking is normalised as one block would be. The running
    statistics end where a loop of ``BatchNorm1d`` calls over the chunks would leave them, with
    torch's momentum convention (``running = (1 - momentum) * running + momentum * batch``).

    A chunk of a single row (a batch of one row, say) cannot be batch-normalised; in training it
    is normalised with the running statistics and leaves them unchanged, where torch raises
    (pytorch-tabnet issue #335).

    Parameters
    ----------
    num_features : int
    virtual_batch_size : int
    momentum : float
        Weight of the new virtual batch in the running statistics (torch convention).
    eps : float

    Examples
    --------
    >>> gbn = GhostBatchNorm(3, virtual_batch_size=4, momentum=0.1)
    >>> out = gbn(torch.randn(10, 3, generator=torch.Generator().manual_seed(0)))
    >>> out.shape
    torch.Size([10, 3])
    """

    running_mean: torch.Tensor  # buffers (register_buffer in __init__)
    running_var: torch.Tensor

    def __init__(self, num_features: int, virtual_batch_size: int = 128, momentum: float = 0.02,
                 eps: float = 1e-5) -> None:
        super().__init__()
        self.num_features = int(num_features)
        self.virtual_batch_size = int(virtual_batch_size)
        self.momentum = float(momentum)
        self.eps = float(eps)
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Normalise ``x`` of shape ``(rows, features)``."""
        blocks = n_blocks(x.shape[0], self.virtual_batch_size, self.training)
        return from_blocks(self.forward_fm(to_blocks(x, blocks)))

    def _params(self, channels: torch.Tensor | None) -> tuple[torch.Tensor, ...]:
        """``(weight, bias, running_mean, running_var)``, of only ``channels`` when given (copies then)."""
        if channels is None:
            return self.weight, self.bias, self.running_mean, self.running_var
        return tuple(t.index_select(0, channels) for t in (self.weight, self.bias, self.running_mean,
                                                            self.running_var))

    def fold(self, weight: torch.Tensor,
             channels: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """``(W', b')`` with ``W' x + b' = eval-mode BN(W x)``: the batch norm folded into the linear layer.

        In eval mode the normalisation is a fixed affine map, so a layer's ``Linear -> BN`` is one
        ``addmm`` (inference and explanations skip a pass over every activation). With
        ``channels``, ``weight`` holds only those output channels' rows.
        """
        w, b, mean, var = self._params(channels)
        scale = w * torch.rsqrt(var + self.eps)
        return weight * scale.unsqueeze(1), b - mean * scale

    def linear_fm(self, weight: torch.Tensor, x: torch.Tensor, channels: torch.Tensor | None = None) -> torch.Tensor:
        """``BN(weight @ x)`` for blocked feature-major ``x``; in eval mode through :meth:`fold`.

        With ``channels`` (an index), only those output channels are computed and normalised, and
        only their running statistics updated.
        """
        if channels is not None:
            weight = weight.index_select(0, channels)
        if self.training:
            return self.forward_fm(_bmm(weight, x), channels)
        w, b = self.fold(weight, channels)
        return torch.baddbmm(b.view(1, -1, 1), w.expand(x.shape[0], -1, -1), x)

    def _eval_fm(self, x: torch.Tensor, channels: torch.Tensor | None = None) -> torch.Tensor:
        w, b, mean, var = self._params(channels)
        return F.batch_norm(x, mean, var, w, b, False, 0.0, self.eps)

    def _normalise_blocks(self, x: torch.Tensor, channels: torch.Tensor | None = None) -> torch.Tensor:
        """Normalise each block of ``x`` ``(blocks, features, rows)`` as one virtual batch.

        Group norm with one channel per group over ``(blocks, features, rows)`` is batch norm of
        every (block, feature) pair over its rows, with the per-feature ``weight`` and ``bias``
        as they are: one ``native_group_norm`` call and no copy. The running statistics are
        updated as a loop over the blocks in order would leave them.
        """
        blocks, p, rows = x.shape
        weight, bias, running_mean, running_var = self._params(channels)
        out, mean, rstd = torch.native_group_norm(x, weight, bias, blocks, p, rows, p, self.eps)
        self._update(mean.view(blocks, p).t(), rstd.view(blocks, p).t(), rows, running_mean, running_var, channels)
        return out

    @torch.no_grad()
    def _update(self, mean: torch.Tensor, rstd: torch.Tensor, rows: int, running_mean: torch.Tensor,
                running_var: torch.Tensor, channels: torch.Tensor | None) -> None:
        """The running statistics from ``(features, chunks)`` means and ``1 / sqrt(var + eps)``."""
        biased = rstd.pow(-2).sub_(self.eps).clamp_min_(0.0)
        # the running variance is the unbiased one, as torch keeps it
        _update_running(running_mean, running_var, mean, biased, self.momentum, rows / (rows - 1))
        if channels is not None:  # the updated copies back in place
            self.running_mean.index_copy_(0, channels, running_mean)
            self.running_var.index_copy_(0, channels, running_var)

    def _normalise_fm(self, x: torch.Tensor, n_chunks: int, rows: int,
                      channels: torch.Tensor | None = None) -> torch.Tensor:
        """Normalise ``n_chunks`` consecutive chunks of ``rows`` columns of ``x`` (features, rows) at once.

        Feature-major, the chunks of one feature are consecutive runs of memory, so the
        ``(1, features * n_chunks, rows)`` view needs no copy, and each (feature, chunk) pair is one
        channel of it. Batch norm of a channel over its rows is group norm with one channel per
        group, so one ``native_group_norm`` call normalises every virtual batch: its kernel takes
        each channel's moments in one vectorised pass (Welford, so a large mean loses no digits),
        where torch's CPU batch-norm training kernel loops over channels (6x slower at 3,200
        channels of 512 rows), and its backward is one fused node. The per-feature ``weight`` and
        ``bias`` are repeated over the chunks by one ``index_select`` each. The running statistics
        are then updated, as ``n_chunks`` sequential updates would leave them
        (:func:`_update_running`), from the returned means and ``1 / sqrt(var + eps)``.
        """
        p = x.shape[0]
        groups = p * n_chunks
        weight, bias, running_mean, running_var = self._params(channels)
        if n_chunks > 1:
            index = _channel_index(p, n_chunks, x.device)
            weight, bias = weight.index_select(0, index), bias.index_select(0, index)
        view = x.reshape(1, groups, rows).contiguous()  # a copy only for a shorter last chunk
        out, mean, rstd = torch.native_group_norm(view, weight, bias, 1, groups, rows, groups, self.eps)
        self._update(mean.view(p, n_chunks), rstd.view(p, n_chunks), rows, running_mean, running_var, channels)
        return out.view(p, n_chunks * rows)

    def forward_fm(self, x: torch.Tensor, channels: torch.Tensor | None = None) -> torch.Tensor:
        """Normalise a blocked feature-major ``x`` of shape ``(blocks, features, rows)`` (contiguous).

        With ``channels`` (an index), ``x`` holds only those of the module's features. Blocks of
        one virtual batch each are normalised as they are; any other blocking as one block.
        """
        if not self.training:
            return self._eval_fm(x, channels)
        blocks, p, r = x.shape
        if blocks == 1:
            return self._forward_chunks(x[0], channels).unsqueeze(0)
        if n_blocks(blocks * r, self.virtual_batch_size, True) == blocks:  # one virtual batch per block
            return self._normalise_blocks(x, channels)
        flat = self._forward_chunks(x.transpose(0, 1).reshape(p, blocks * r), channels)
        return flat.view(p, blocks, r).transpose(0, 1).contiguous()

    def _forward_chunks(self, x: torch.Tensor, channels: torch.Tensor | None) -> torch.Tensor:
        """Training-mode ghost batch norm of a feature-major ``(features, rows)`` ``x``, cut into virtual batches."""
        n = x.shape[1]
        size = _chunk_size(n, self.virtual_batch_size)
        n_full = n // size
        rest = n - n_full * size
        if size == 1:  # every chunk is a single row: a batch of one row
            return self._eval_fm(x.unsqueeze(0), channels)[0]
        if rest == 0:
            return self._normalise_fm(x, n_full, size, channels)
        # a shorter last chunk: the full chunks and the last one apart (a copy each, only here)
        out = self._normalise_fm(x[:, : n_full * size], n_full, size, channels)
        if rest == 1:  # a last chunk of one row: normalised with the running statistics, as in eval
            return torch.cat([out, self._eval_fm(x[:, n_full * size:].unsqueeze(0), channels)[0]], dim=1)
        return torch.cat([out, self._normalise_fm(x[:, n_full * size:], 1, rest, channels)], dim=1)

    def extra_repr(self) -> str:
        return f"{self.num_features}, virtual_batch_size={self.virtual_batch_size}, momentum={self.momentum}"


# --------------------------------------------------------------------------- GLU blocks
_INIT_GENERATOR: contextvars.ContextVar[torch.Generator | None] = contextvars.ContextVar("tabnet_init", default=None)


@contextlib.contextmanager
def init_generator(generator: torch.Generator) -> Iterator[torch.Generator]:
    """Draw every initial weight built inside the block from ``generator`` (never the global RNG).

    The modules are created without torch's default initialisation (``reset_parameters`` is a no-op) and
    then initialised from this per-fit generator, so two threads fitting with one seed get the
    same weights and ``torch.get_rng_state()`` is never read or changed. A context variable, so
    it is private to the thread (and asyncio task) that set it.
    """
    token = _INIT_GENERATOR.set(generator)
    try:
        yield generator
    finally:
        _INIT_GENERATOR.reset(token)


def _generator() -> torch.Generator:
    gen = _INIT_GENERATOR.get()
    # Outside init_generator() (a bare module built by hand): a fixed generator, still not the global RNG.
    return gen if gen is not None else torch.Generator().manual_seed(0)


class NoInitLinear(nn.Linear):
    """``nn.Linear`` without torch's default initialisation, which draws from the global RNG.

    The weights are drawn from the fit's generator right after construction. (torch's
    ``nn.utils.skip_init`` does the same through the meta device, but its first call imports
    sympy and torch.fx: a second of every fresh process's first fit.)
    """

    def reset_parameters(self) -> None:
        return None


class NoInitEmbedding(nn.Embedding):
    """``nn.Embedding`` without torch's default initialisation (see :class:`NoInitLinear`)."""

    def reset_parameters(self) -> None:
        return None


def _linear(fan_in: int, fan_out: int, glu: bool | None) -> nn.Linear:
    """``Linear(fan_in, fan_out, bias=False)`` with Xavier-normal weights from the fit's generator.

    The gains are the ones both reference implementations use (the paper says Glorot);
    ``glu=None`` gives plain Xavier-normal (gain 1).
    """
    linear = NoInitLinear(fan_in, fan_out, bias=False)
    gain = 1.0 if glu is None else math.sqrt((fan_in + fan_out) / math.sqrt(fan_in if glu else 4 * fan_in))
    with torch.no_grad():
        nn.init.xavier_normal_(linear.weight, gain=gain, generator=_generator())
    return linear


def _embedding(num: int, dim: int) -> nn.Embedding:
    """``nn.Embedding(num, dim)`` with N(0, 1) weights from the fit's generator (torch's default law)."""
    emb = NoInitEmbedding(num, dim)
    with torch.no_grad():
        nn.init.normal_(emb.weight, generator=_generator())
    return emb


class GLULayer(nn.Module):
    """``Linear(in, 2 out, bias=False)`` -> ghost BN -> ``a * sigmoid(b)`` (R: ``glu_layer``).

    Blocked feature-major: ``forward`` maps ``(blocks, in, r)`` to ``(blocks, out, r)``.
    """

    def __init__(self, input_dim: int, output_dim: int, fc: nn.Linear | None = None,
                 virtual_batch_size: int = 128, momentum: float = 0.02) -> None:
        super().__init__()
        self.output_dim = output_dim
        self.fc = fc if fc is not None else _linear(input_dim, 2 * output_dim, glu=True)
        self.bn = GhostBatchNorm(2 * output_dim, virtual_batch_size, momentum)

    def forward(self, x: torch.Tensor, keep: tuple[int, int] | None = None) -> torch.Tensor:
        """``glu(BN(fc(x)))``, or only its outputs ``keep[0]:keep[1]`` (the rest never computed)."""
        channels = None if keep is None else _glu_channels(self.output_dim, keep[0], keep[1], x.device)
        return F.glu(self.bn.linear_fm(self.fc.weight, x, channels), dim=1)


class GLUBlock(nn.Module):
    """GLU layers with ``x = (x + glu(x)) * sqrt(0.5)`` residuals; the first has none if ``first``.

    Feature-major, as :class:`GLULayer`.
    """

    def __init__(self, input_dim: int, output_dim: int, n_glu: int, first: bool,
                 shared: Sequence[nn.Linear] | nn.ModuleList | None = None, virtual_batch_size: int = 128,
                 momentum: float = 0.02) -> None:
        super().__init__()
        self.first = first
        layers = []
        for i in range(n_glu):
            fc = cast(nn.Linear, shared[i]) if shared else None  # the shared layers are Linear
            layers.append(GLULayer(input_dim if i == 0 else output_dim, output_dim, fc=fc,
                                   virtual_batch_size=virtual_batch_size, momentum=momentum))
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor, keep: tuple[int, int] | None = None) -> torch.Tensor:
        """The block's output, or only its features ``keep[0]:keep[1]`` (the last layer computes no others)."""
        scale = math.sqrt(0.5)
        last = len(self.layers) - 1
        for i, layer in enumerate(self.layers):
            if i == last and keep is not None:
                out = layer(x, keep)
                return out if (i == 0 and self.first) else (x[:, keep[0]:keep[1]] + out) * scale
            x = layer(x) if (i == 0 and self.first) else (x + layer(x)) * scale
        return x


class FeatureTransformer(nn.Module):
    """Shared GLU layers (weights common to all steps, own BNs) then step-specific ones (feature-major)."""

    def __init__(self, input_dim: int, output_dim: int, shared: Sequence[nn.Linear] | nn.ModuleList | None,
                 n_independent: int, virtual_batch_size: int, momentum: float) -> None:
        super().__init__()
        self.shared = (GLUBlock(input_dim, output_dim, len(shared), True, shared, virtual_batch_size, momentum)
                       if shared else None)
        spec_in = output_dim if shared else input_dim
        self.specifics = (GLUBlock(spec_in, output_dim, n_independent, not shared, None, virtual_batch_size,
                                   momentum) if n_independent > 0 else None)

    def forward(self, x: torch.Tensor, keep: tuple[int, int] | None = None) -> torch.Tensor:
        """The output features, or only ``keep[0]:keep[1]`` of them (see :meth:`GLUBlock.forward`)."""
        if self.shared is not None:
            x = self.shared(x, keep if self.specifics is None else None)
        if self.specifics is not None:
            x = self.specifics(x, keep)
        return x


class AttentiveTransformer(nn.Module):
    """``Linear(n_a, p)`` -> ghost BN -> ``* prior`` -> sparsemax or entmax (R: ``attentive_transformer``).

    Blocked feature-major: ``prior`` is ``(blocks, p, r)``, ``features`` ``(blocks, n_a, r)``; the
    mask normalises each row over the features (dimension 1).
    """

    def __init__(self, input_dim: int, output_dim: int, virtual_batch_size: int, momentum: float,
                 mask_type: str = "sparsemax", mask_topk: int | None = None) -> None:
        super().__init__()
        self.fc = _linear(input_dim, output_dim, glu=False)
        self.bn = GhostBatchNorm(output_dim, virtual_batch_size, momentum)
        self.mask_type = mask_type
        self.selector = _SELECTORS[mask_type]
        # R: mask_topk only applies to the "*15" mask types; None keeps every feature (exact).
        self.topk = int(mask_topk) if (mask_topk is not None and mask_type.endswith("15")) else None

    def forward(self, prior: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        z = self.bn.linear_fm(self.fc.weight, features) * prior
        if self.selector is sparsemax and self.topk is None:
            return sparsemax(z, 1)  # sort-free: normalises each row (column here) in place
        # entmax sorts each row: on a (blocks, r, p) copy, where the sort runs over contiguous
        # memory (3x faster than sorting along the features' dimension), and back.
        z = z.transpose(1, 2).contiguous()
        if self.topk is not None and self.topk < z.shape[2]:
            # Normalise over the k largest logits only; every other feature gets a mask of 0.
            values, idx = z.topk(self.topk, dim=2)
            mask = torch.zeros_like(z).scatter(2, idx, self.selector(values, 2))
        else:
            mask = self.selector(z, 2)
        return mask.transpose(1, 2).contiguous()


class TabNetEncoder(nn.Module):
    """The sequential attention encoder on already-embedded inputs (R: ``tabnet_encoder``).

    ``forward(x, prior)`` returns the summed step outputs ``sum_i ReLU(d_i)`` and the sparsity
    term ``mean_steps mean_rows sum_j M log(M + eps)`` (the negative entropy: training adds
    ``- penalty * M_loss``). The prior starts at ``prior`` (1 for observed values, 0 for missing)
    and after each step becomes ``(gamma - M) * prior``. ``x`` and ``prior`` are ``(rows, p)``;
    ``forward_fm`` is the same on blocked feature-major ``(blocks, p, r)`` tensors (:func:`to_blocks`).
    """

    def __init__(self, input_dim: int, n_d: int = 8, n_a: int = 8, n_steps: int = 3, gamma: float = 1.3,
                 n_independent: int = 2, n_shared: int = 2, epsilon: float = 1e-15,
                 virtual_batch_size: int = 128, momentum: float = 0.02, mask_type: str = "sparsemax",
                 mask_topk: int | None = None) -> None:
        super().__init__()
        self.n_d, self.n_a, self.n_steps = n_d, n_a, n_steps
        # The initial splitter's decision half and the last step's attention half are never used:
        # their transformers' last GLU layer computes only the half that is (two half layers fewer).
        self._decision, self._attention = (0, n_d), (n_d, n_d + n_a)
        self.gamma, self.epsilon = float(gamma), float(epsilon)
        self.virtual_batch_size = int(virtual_batch_size)
        # R: the input batch norm takes `momentum`; pytorch-tabnet hard-codes 0.01, whose running
        # statistics lag far behind after few steps (docs/tabnet.md measures what that costs it).
        self.initial_bn = nn.BatchNorm1d(input_dim, momentum=momentum)
        width = n_d + n_a
        shared = None
        if n_shared > 0:
            shared = nn.ModuleList([_linear(input_dim if i == 0 else width, 2 * width, glu=True)
                                    for i in range(n_shared)])
        self.shared = shared

        def transformer() -> FeatureTransformer:
            return FeatureTransformer(input_dim, width, shared, n_independent, virtual_batch_size, momentum)

        self.initial_splitter = transformer()
        self.feat_transformers = nn.ModuleList([transformer() for _ in range(n_steps)])
        self.att_transformers = nn.ModuleList(
            [AttentiveTransformer(n_a, input_dim, virtual_batch_size, momentum, mask_type, mask_topk)
             for _ in range(n_steps)]
        )

    def _step_keep(self, step: int) -> tuple[int, int] | None:
        """The outputs step ``step``'s transformer must compute: only the decision half at the last step."""
        return self._decision if step == self.n_steps - 1 else None

    def blocks(self, rows: int) -> int:
        """Blocks of the feature-major layout for a batch of ``rows`` (:func:`n_blocks`)."""
        return n_blocks(rows, self.virtual_batch_size, self.training)

    def _bn_input(self, x: torch.Tensor) -> torch.Tensor:
        """``initial_bn`` on blocked feature-major ``x``: the features are its channels (dimension 1)."""
        bn = self.initial_bn
        training = self.training and x.shape[0] * x.shape[2] > 1  # a single row cannot be batch-normalised
        if training and bn.num_batches_tracked is not None:
            bn.num_batches_tracked.add_(1)  # as nn.BatchNorm1d counts its batches
        momentum = float(bn.momentum) if (training and bn.momentum is not None) else 0.0
        return F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, training, momentum, bn.eps)

    def forward(self, x: torch.Tensor, prior: torch.Tensor,
                steps: list[torch.Tensor] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """``(sum_i ReLU(d_i), M_loss)`` for ``(rows, p)`` inputs; the sum is ``(rows, n_d)``."""
        blocks = self.blocks(x.shape[0])
        res, m_loss = self.forward_fm(to_blocks(x, blocks), to_blocks(prior, blocks), steps)
        return from_blocks(res), m_loss

    def forward_fm(self, x: torch.Tensor, prior: torch.Tensor,
                   steps: list[torch.Tensor] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """``(sum_i ReLU(d_i), M_loss)`` on blocked feature-major ``(blocks, p, r)`` inputs; the sum is ``(blocks, n_d, r)``.

        With a list ``steps``, each step's ``ReLU(d_i)`` (``(blocks, n_d, r)``) is appended to it.
        """
        x = self._bn_input(x)
        att = self.initial_splitter(x, self._attention)
        res: torch.Tensor | None = None
        masks = []
        for step in range(self.n_steps):
            mask = self.att_transformers[step](prior, att)
            masks.append(mask)
            prior = (self.gamma - mask) * prior
            out = self.feat_transformers[step](mask * x, self._step_keep(step))
            d = F.relu(out[:, : self.n_d])
            if steps is not None:
                steps.append(d)
            res = d if res is None else res + d
            att = out[:, self.n_d:]
        # mean over steps and rows of sum_j M log(M + eps), in one pass over all the steps' masks
        stacked = torch.stack(masks)
        rows = stacked.shape[1] * stacked.shape[3]
        m_loss = (stacked * torch.log(stacked + self.epsilon)).sum() / (stacked.shape[0] * rows)
        return cast(torch.Tensor, res), m_loss

    def forward_masks(self, x: torch.Tensor, prior: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """``M_explain = sum_steps M_step * sum(ReLU(d_step))`` and the step masks (R: ``forward_masks``).

        Inputs and outputs are ``(rows, p)``.
        """
        blocks = self.blocks(x.shape[0])
        x = self._bn_input(to_blocks(x, blocks))
        prior = to_blocks(prior, blocks)
        att = self.initial_splitter(x, self._attention)
        m_explain = torch.zeros_like(x)
        masks = []
        for step in range(self.n_steps):
            mask = self.att_transformers[step](prior, att)
            masks.append(from_blocks(mask))
            prior = (self.gamma - mask) * prior
            out = self.feat_transformers[step](mask * x, self._step_keep(step))
            d = F.relu(out[:, : self.n_d])
            m_explain = m_explain + mask * d.sum(dim=1, keepdim=True)
            att = out[:, self.n_d:]
        return from_blocks(m_explain), masks


class EmbeddingGenerator(nn.Module):
    """Embeds categorical columns in place and imputes missing values (R: ``embedding_generator``).

    The input holds numeric columns and, for categorical ones, the 0-based level code as a float
    (``NaN`` for a missing or unseen level). Numeric ``NaN`` -> 0; a categorical ``NaN`` -> the
    first level (R: level 1). ``missing(x)`` gives the matching "is missing" mask in the embedded
    column layout, where an embedded predictor repeats its flag ``cat_emb_dim`` times.
    """

    cont_idx: torch.Tensor  # buffers (register_buffer in __init__)
    cat_idx: torch.Tensor
    order: torch.Tensor
    expand_idx: torch.Tensor

    def __init__(self, input_dim: int, cat_idxs: Sequence[int], cat_dims: Sequence[int],
                 cat_emb_dims: Sequence[int]) -> None:
        super().__init__()
        self.input_dim = int(input_dim)
        self.cat_idxs = [int(i) for i in cat_idxs]
        self.cat_dims = [int(d) for d in cat_dims]
        self.cat_emb_dims = [int(e) for e in cat_emb_dims]
        self.embeddings = nn.ModuleList([_embedding(d, e) for d, e in zip(self.cat_dims, self.cat_emb_dims)])
        sizes = [1] * self.input_dim
        for i, e in zip(self.cat_idxs, self.cat_emb_dims):
            sizes[i] = e
        self.group_sizes = sizes
        self.post_embed_dim = sum(sizes)
        cont = [i for i in range(self.input_dim) if i not in set(self.cat_idxs)]
        self.register_buffer("cont_idx", torch.tensor(cont, dtype=torch.long), persistent=False)
        self.register_buffer("cat_idx", torch.tensor(self.cat_idxs, dtype=torch.long), persistent=False)
        # embedded layout = [continuous columns..., embedding blocks...]; `order` puts it back in place
        starts = []
        pos = 0
        for s in sizes:
            starts.append(pos)
            pos += s
        src = [starts[i] for i in cont]
        for i, e in zip(self.cat_idxs, self.cat_emb_dims):
            src.extend(range(starts[i], starts[i] + e))
        order = torch.empty(self.post_embed_dim, dtype=torch.long)
        order[torch.tensor(src, dtype=torch.long)] = torch.arange(self.post_embed_dim)
        self.register_buffer("order", order, persistent=False)
        self.register_buffer("expand_idx", torch.repeat_interleave(torch.arange(self.input_dim),
                                                                   torch.tensor(sizes)), persistent=False)

    def missing(self, x: torch.Tensor) -> torch.Tensor:
        na = torch.isnan(x)
        if not self.cat_idxs:
            return na
        return na.index_select(1, self.expand_idx)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.cat_idxs:
            return torch.nan_to_num(x, nan=0.0)
        cont = torch.nan_to_num(x.index_select(1, self.cont_idx), nan=0.0)
        blocks = [cont]
        for j, emb in enumerate(self.embeddings):
            code = x[:, self.cat_idxs[j]]
            valid = (code >= 0) & (code < self.cat_dims[j])  # NaN compares False
            blocks.append(emb(torch.where(valid, code, torch.zeros_like(code)).long()))
        return torch.cat(blocks, dim=1).index_select(1, self.order)


class TabNetNetwork(nn.Module):
    """Embeddings, encoder and the linear output head (R: ``tabnet_nn``).

    Parameters
    ----------
    input_dim : int
        Number of predictors (before embedding).
    output_dim : int
        Number of classes, or 1 for regression.
    n_d, n_a, n_steps, gamma, n_independent, n_shared, virtual_batch_size, momentum, mask_type
        R's ``decision_width, attention_width, num_steps, feature_reusage, num_independent,
        num_shared, virtual_batch_size, momentum, mask_type``.
    cat_idxs, cat_dims : sequence of int
        Positions of the categorical predictors and their numbers of levels.
    cat_emb_dim : int or sequence of int

    Examples
    --------
    >>> net = TabNetNetwork(28, 2, n_d=24, n_a=26, n_steps=5, gamma=1.5)
    >>> sum(p.numel() for p in net.parameters())
    76624
    """

    def __init__(self, input_dim: int, output_dim: int, n_d: int = 8, n_a: int = 8, n_steps: int = 3,
                 gamma: float = 1.3, cat_idxs: Sequence[int] = (), cat_dims: Sequence[int] = (),
                 cat_emb_dim: int | Sequence[int] = 1, n_independent: int = 2, n_shared: int = 2,
                 epsilon: float = 1e-15, virtual_batch_size: int = 128, momentum: float = 0.02,
                 mask_type: str = "sparsemax", mask_topk: int | None = None) -> None:
        super().__init__()
        if isinstance(cat_emb_dim, int):
            emb_dims = [cat_emb_dim] * len(cat_idxs)
        else:
            emb_dims = list(cat_emb_dim)
        self.embedder = EmbeddingGenerator(input_dim, cat_idxs, cat_dims, emb_dims)
        self.encoder = TabNetEncoder(self.embedder.post_embed_dim, n_d, n_a, n_steps, gamma, n_independent,
                                     n_shared, epsilon, virtual_batch_size, momentum, mask_type, mask_topk)
        self.final_mapping = _linear(n_d, output_dim, glu=False)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        blocks = self.encoder.blocks(x.shape[0])
        prior = to_blocks((~self.embedder.missing(x)).to(x.dtype), blocks)
        res, m_loss = self.encoder.forward_fm(to_blocks(self.embedder(x), blocks), prior)
        return F.linear(from_blocks(res), self.final_mapping.weight), m_loss

    def forward_masks(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Masks in the embedded layout; ``explain.py`` sums embedding columns per predictor."""
        prior = (~self.embedder.missing(x)).to(x.dtype)
        return self.encoder.forward_masks(self.embedder(x), prior)


class TabNetDecoder(nn.Module):
    """Reconstructs the embedded input from the encoder's step outputs (pretraining).

    As pytorch-tabnet's ``TabNetDecoder``: each step output ``ReLU(d_i)`` goes through its own
    feature transformer (``n_shared`` shared and ``n_independent`` step-specific GLU layers of width
    ``n_d``), the results are summed and mapped linearly to the embedded input. R's decoder
    overwrites each step's output instead of summing them (an apparent bug pytidy does not copy).
    """

    def __init__(self, output_dim: int, n_d: int, n_steps: int, n_independent: int, n_shared: int,
                 virtual_batch_size: int, momentum: float) -> None:
        super().__init__()
        shared = (nn.ModuleList([_linear(n_d, 2 * n_d, glu=True) for _ in range(n_shared)])
                  if n_shared > 0 else None)
        self.shared = shared
        self.feat_transformers = nn.ModuleList(
            [FeatureTransformer(n_d, n_d, shared, n_independent, virtual_batch_size, momentum) for _ in range(n_steps)]
        )
        self.reconstruction = _linear(n_d, output_dim, glu=False)

    def forward(self, steps: Sequence[torch.Tensor]) -> torch.Tensor:
        """Blocked feature-major step outputs ``(blocks, n_d, r)`` in, the ``(rows, p)`` reconstruction out."""
        res = steps[0].new_zeros(steps[0].shape)
        for d, transformer in zip(steps, self.feat_transformers):
            res = res + transformer(d)
        return F.linear(from_blocks(res), self.reconstruction.weight)


class TabNetPretrainNetwork(nn.Module):
    """Self-supervised TabNet: embeddings, encoder and decoder (R: ``tabnet_pretrainer``).

    ``forward(x, obfuscated)`` hides the entries where ``obfuscated`` is 1 (their prior is 0 and
    their input 0) and returns ``(reconstruction, embedded x, M_loss)``. The ``embedder`` and
    ``encoder`` have the same structure and state-dict names as :class:`TabNetNetwork`'s, so a
    pretrained encoder loads into a supervised network for fine-tuning.
    """

    def __init__(self, input_dim: int, n_d: int = 8, n_a: int = 8, n_steps: int = 3, gamma: float = 1.3,
                 cat_idxs: Sequence[int] = (), cat_dims: Sequence[int] = (),
                 cat_emb_dim: int | Sequence[int] = 1, n_independent: int = 2, n_shared: int = 2,
                 n_independent_decoder: int = 1, n_shared_decoder: int = 1, epsilon: float = 1e-15,
                 virtual_batch_size: int = 128, momentum: float = 0.02, mask_type: str = "sparsemax",
                 mask_topk: int | None = None) -> None:
        super().__init__()
        emb_dims = [cat_emb_dim] * len(cat_idxs) if isinstance(cat_emb_dim, int) else list(cat_emb_dim)
        self.embedder = EmbeddingGenerator(input_dim, cat_idxs, cat_dims, emb_dims)
        self.encoder = TabNetEncoder(self.embedder.post_embed_dim, n_d, n_a, n_steps, gamma, n_independent,
                                     n_shared, epsilon, virtual_batch_size, momentum, mask_type, mask_topk)
        self.decoder = TabNetDecoder(self.embedder.post_embed_dim, n_d, n_steps, n_independent_decoder,
                                     n_shared_decoder, virtual_batch_size, momentum)

    def forward(self, x: torch.Tensor, obfuscated: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        embedded = self.embedder(x)
        prior = (1.0 - obfuscated) * (~self.embedder.missing(x)).to(x.dtype)
        steps: list[torch.Tensor] = []
        blocks = self.encoder.blocks(x.shape[0])
        _, m_loss = self.encoder.forward_fm(to_blocks(embedded * (1.0 - obfuscated), blocks), to_blocks(prior, blocks),
                                            steps)
        return self.decoder(steps), embedded, m_loss

    def forward_masks(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Masks of the encoder on unobfuscated input, as :meth:`TabNetNetwork.forward_masks`."""
        prior = (~self.embedder.missing(x)).to(x.dtype)
        return self.encoder.forward_masks(self.embedder(x), prior)
