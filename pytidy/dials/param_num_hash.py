"""num_hash(), signed_hash(): tuning parameters (R: dials ``R/param_num_hash.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, QuantParam, Trans, log2_trans, new_qual_param, new_quant_param, range_get

__all__ = ["num_hash", "signed_hash"]


def num_hash(range: tuple[Any, Any] = (8, 12), trans: Trans | None = log2_trans) -> QuantParam:
    """The number of hash features, on the log-2 scale (256 to 4096).

    R: ``dials::num_hash()``. Integer, range ``(8, 12)`` on the log-2 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (8, 12)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log2_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_hash()
    # Hash Features (quantitative)
    Transformer: log-2 [1e-100, Inf]
    Range (transformed scale): [8, 12]
    >>> range_get(num_hash())
    (256.0, 4096.0)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_hash": "# Hash Features"}, finalize=None, owner="num_hash()",
    )


def signed_hash(values: Sequence[Any] = (True, False)) -> QualParam:
    """Whether hash values are signed.

    R: ``dials::signed_hash()``. Qualitative (logical).

    Parameters
    ----------
    values : sequence, default (True, False)
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> signed_hash().values[:2]
    (True, False)
    """
    return new_qual_param("logical", values, label={"signed_hash": "Signed Hash Value"}, owner="signed_hash()")
