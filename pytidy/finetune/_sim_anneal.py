"""The rules of simulated annealing (R: finetune ``R/sim_anneal_helpers.R``).

- A new candidate is drawn near the current one: real parameters move, on the [0, 1] scale of
  their transformed range, in a random direction by a distance in ``radius`` (one parameter: a
  uniform step in ``[-max(radius), max(radius)]``, clipped to [0, 1]); integer parameters move
  by at most ``floor(range / 10) + 1`` with probability ``flip``; qualitative ones switch to
  another value with probability ``flip``. Of 500 such draws one is kept at random with weight
  proportional to the squared distance to the nearest evaluated point (``sample_by_distance``).
- The result is a "new best" when its mean beats every earlier mean up to its parent's row,
  "better suboptimal" when it beats its parent, otherwise it is accepted with probability
  ``exp(pct_diff * cooling_coef * iter)`` where ``pct_diff`` is the percent loss against the
  parent (``acceptance_prob``), and discarded otherwise.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..dials import QualParam, encode_unit, value_seq
from ..tune._gp import encode_set

__all__ = ["percent_diff", "acceptance_prob", "new_in_neighborhood", "sa_decide", "format_event", "EVENTS"]

EVENTS = {
    "initial": "✔",
    "new best": "♥",
    "better suboptimal": "+",
    "discard suboptimal": "─",
    "accept suboptimal": "○",
    "restart from best": "✖",
}


def percent_diff(current: float, new: float, maximize: bool = True) -> float:
    """Percent change from ``current`` to ``new``, positive when ``new`` is better (R: ``percent_diff``).

    Examples
    --------
    >>> percent_diff(1, 2), percent_diff(1, 2, maximize=False), percent_diff(1, 1)
    (100.0, -100.0, 0.0)
    """
    if math.isclose(current, new, rel_tol=1.5e-8, abs_tol=0.0) or current == new:
        return 0.0
    pct = (new - current) / current if maximize else (current - new) / current
    return float(pct * 100)


def acceptance_prob(current: float, new: float, iter: int, maximize: bool = True, coef: float = 0.02) -> float:
    """Probability of accepting ``new`` in place of ``current`` (R: ``acceptance_prob``).

    1 when ``new`` is not worse; else ``exp(pct_diff * coef * iter)``.

    Examples
    --------
    >>> round(acceptance_prob(2, 1, iter=10), 6) == round(math.exp(-50 * 0.02 * 10), 6)
    True
    """
    pct = percent_diff(current, new, maximize)
    if pct > 0:
        return 1.0
    return float(math.exp(pct * coef * iter))


def _sample_by_distance(cand_unit: np.ndarray, hist_unit: np.ndarray, rng: np.random.Generator) -> int:
    """Index of one candidate, weighted by squared (scaled) distance to the nearest evaluated point."""
    n = len(cand_unit)
    if len(hist_unit) > 0:
        d = np.sqrt(((cand_unit[:, None, :] - hist_unit[None, :, :]) ** 2).sum(axis=-1))
        min_dist = d.min(axis=1)
        top = min_dist.max()
        with np.errstate(invalid="ignore", divide="ignore"):
            prob = (min_dist / top) ** 2
        prob[np.isnan(prob)] = 0.0001
        if np.ptp(prob) < 0.0001:
            prob = np.full(n, 1.0 / n)
    else:
        prob = np.full(n, 1.0 / n)
    if prob.sum() <= 0:
        prob = np.full(n, 1.0 / n)
    return int(rng.choice(n, p=prob / prob.sum()))


def _decode(pset: Any, unit: np.ndarray) -> dict[str, Any]:
    return {i: encode_unit(o, np.clip(unit[:, j], 0, 1), "backward") for j, (i, o) in
            enumerate(zip(pset.ids, pset.objects))}


def _subset(pset: Any, ids: list[str]) -> Any:
    from attrs import evolve

    keep = [k for k, i in enumerate(pset.ids) if i in ids]
    return evolve(pset, **{c: [getattr(pset, c)[k] for k in keep] for c in
                           ("name", "id", "source", "component", "component_id", "object")})


def random_real_neighbor(current: pd.DataFrame, hist: pd.DataFrame, pset: Any, radius: tuple[float, float],
                         rng: np.random.Generator, tries: int = 500) -> dict[str, Any]:
    """R: ``random_real_neighbor``."""
    enc = encode_set(current, pset)[0]
    p = len(enc)
    if p > 1:
        rnd = rng.normal(size=(tries, p))
        rnd = rnd / np.sqrt((rnd**2).sum(axis=1, keepdims=True))
        rnd = rnd * rng.uniform(min(radius), max(radius), size=(tries, 1)) + enc
        inside = ~np.any((rnd > 1) | (rnd < 0), axis=1)
        rnd = rnd[inside] if inside.any() else np.clip(rnd, 0, 1)
    else:
        rnd = np.clip(rng.uniform(-max(radius), max(radius), size=tries) + enc[0], 0, 1)[:, None]
        rnd = rnd[np.sort(np.unique(rnd[:, 0], return_index=True)[1])]  # R: rnd[!duplicated(rnd), ]
    pick = _sample_by_distance(rnd, encode_set(hist, pset), rng)
    return {k: v[pick] for k, v in _decode(pset, rnd).items()}


def _integer_step(current: pd.DataFrame, pset: Any, prob: float, change: bool,
                  rng: np.random.Generator) -> dict[str, Any]:
    """R: ``random_integer_neighbor_calc``: move some integers by at most floor(range / 10) + 1."""
    out = {i: current[i].iloc[0] for i in pset.ids}
    flips = rng.uniform(size=len(pset)) <= prob
    if change and not flips.any():
        flips[rng.integers(len(pset))] = True
    for k in np.flatnonzero(flips):
        pid, prm = pset.ids[k], pset.objects[k]
        span = float(prm.range[1]) - float(prm.range[0])
        pool = np.asarray(value_seq(prm, int(min(span + 1, 500))))
        small = math.floor(span / 10) + 1
        diff = np.abs(out[pid] - pool)
        pool = pool[(diff <= small) & (diff > 0)]
        if len(pool) >= 1:
            out[pid] = int(pool[rng.integers(len(pool))])
    return out


def random_integer_neighbor(current: pd.DataFrame, hist: pd.DataFrame, pset: Any, prob: float, change: bool,
                            rng: np.random.Generator, tries: int = 500) -> dict[str, Any]:
    """R: ``random_integer_neighbor``: 500 integer moves, one kept by distance."""
    cands = pd.DataFrame([_integer_step(current, pset, prob, change, rng) for _ in range(tries)])
    pick = _sample_by_distance(encode_set(cands, pset), encode_set(hist, pset), rng)
    return {i: int(cands[i].iloc[pick]) for i in pset.ids}


def random_discrete_neighbor(current: pd.DataFrame, pset: Any, prob: float, change: bool,
                             rng: np.random.Generator) -> dict[str, Any]:
    """R: ``random_discrete_neighbor``: switch some qualitative parameters to another value."""
    out = {i: current[i].iloc[0] for i in pset.ids}
    flips = rng.uniform(size=len(pset)) <= prob
    if change and not flips.any():
        flips[rng.integers(len(pset))] = True
    for k in np.flatnonzero(flips):
        pid, prm = pset.ids[k], pset.objects[k]
        others = [v for v in prm.values if v != out[pid]]
        if others:
            out[pid] = others[int(rng.integers(len(others)))]
    return out


def param_kind(obj: Any) -> str:
    if isinstance(obj, QualParam):
        return "discrete"
    return "double" if obj.type == "double" else "integer"


def new_in_neighborhood(current: pd.DataFrame, hist: pd.DataFrame, pset: Any, radius: tuple[float, float],
                        flip: float, rng: np.random.Generator) -> pd.DataFrame:
    """A new candidate near ``current`` (one row of parameter values); R: ``new_in_neighborhood``.

    Logical parameters are treated like character ones (R leaves them unchanged).
    """
    kinds = [param_kind(o) for o in pset.objects]
    out = {i: current[i].iloc[0] for i in pset.ids}
    groups = {k: [i for i, kk in zip(pset.ids, kinds) if kk == k] for k in ("double", "integer", "discrete")}
    if groups["double"]:
        sub = _subset(pset, groups["double"])
        out.update(random_real_neighbor(current, hist, sub, radius, rng))
    if groups["integer"]:
        sub = _subset(pset, groups["integer"])
        out.update(random_integer_neighbor(current, hist, sub, flip, all(k == "integer" for k in kinds), rng))
    if groups["discrete"]:
        sub = _subset(pset, groups["discrete"])
        out.update(random_discrete_neighbor(current, sub, flip, all(k == "discrete" for k in kinds), rng))
    return pd.DataFrame({i: [out[i]] for i in pset.ids})


def sa_decide(history: pd.DataFrame, parent: str, maximize: bool, coef: float) -> pd.DataFrame:
    """Label the last row of ``history`` (R: ``sa_decide``); returns a new frame.

    ``history`` has one row per evaluated configuration (the race metric only) with ``.config``,
    ``.iter``, ``mean``, ``random`` (a uniform draw for the newest row), ``accept`` and ``results``.
    """
    x = history.copy()
    m = len(x) - 1
    means = x["mean"].to_numpy(dtype=float)
    latest_ind = int(np.argmax(x[".iter"].to_numpy()))
    prev_ind = int(np.flatnonzero(x[".config"].to_numpy() == parent)[0])
    prev, latest = means[prev_ind], means[latest_ind]
    all_prev = means[: prev_ind + 1]
    if maximize:
        is_best = latest > np.nanmax(all_prev)
        is_better = bool(latest > prev)
    else:
        is_best = latest < np.nanmin(all_prev)
        is_better = bool(latest < prev)
    accept = acceptance_prob(prev, latest, iter=int(x[".iter"].max()), maximize=maximize, coef=coef)
    x.loc[x.index[m], "accept"] = accept
    if is_best:
        x.loc[x.index[m], ["results", "random", "accept"]] = ["new best", np.nan, np.nan]
    elif is_better:
        x.loc[x.index[m], ["results", "random", "accept"]] = ["better suboptimal", np.nan, np.nan]
    elif x["random"].iloc[m] <= accept:
        x.loc[x.index[m], "results"] = "accept suboptimal"
    else:
        x.loc[x.index[m], "results"] = "discard suboptimal"
    return x


def format_event(event: str) -> str:
    """Symbol plus the event padded to the longest event (R: ``format_event``)."""
    width = max(len(k) for k in EVENTS)
    return f"{EVENTS[event]} {event.ljust(width)}"
