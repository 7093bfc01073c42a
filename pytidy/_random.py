"""Seeds: ``set_seed()`` and the helpers every random function uses.

R's ``set.seed()`` plus ``torch_manual_seed()`` in one call. Every random function in pytidy takes
``seed=`` (an int, a numpy ``Generator`` or None); None draws from the default generator that
``set_seed`` seeded, so a script that calls ``set_seed(42)`` once is reproducible.
"""

from __future__ import annotations

import random
from typing import Union

import numpy as np

from .errors import InvalidParameterError

__all__ = ["set_seed"]

SeedLike = Union[int, np.random.Generator, None]

_DEFAULT = {"rng": np.random.default_rng()}


def set_seed(seed: int) -> None:
    """Seed numpy, torch and Python's ``random`` (R: ``set.seed(seed); torch_manual_seed(seed)``).

    Examples
    --------
    >>> set_seed(1); a = as_rng(None).random()
    >>> set_seed(1); b = as_rng(None).random()
    >>> a == b
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidParameterError(f"`seed` in set_seed() must be a non-negative integer; got {seed!r}.")
    seed = int(seed)
    _DEFAULT["rng"] = np.random.default_rng(seed)
    np.random.seed(seed % 2**32)
    random.seed(seed)
    try:
        import torch

        torch.manual_seed(seed)
    except ImportError:  # pragma: no cover - torch is a declared dependency
        pass


def as_rng(seed: SeedLike) -> np.random.Generator:
    """Turn ``seed=`` into a numpy Generator (None: the generator :func:`set_seed` seeded)."""
    if seed is None:
        return _DEFAULT["rng"]
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        return np.random.default_rng(int(seed))
    raise InvalidParameterError(
        f"`seed` must be a non-negative integer, a numpy Generator or None; got {seed!r}."
    )


def draw_seed(seed: SeedLike) -> int:
    """An integer seed drawn from ``seed=`` (for torch generators and child computations)."""
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return int(seed)
    return int(as_rng(seed).integers(0, 2**31 - 1))
