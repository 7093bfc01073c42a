"""Subpackages that share their name with an R verb are callable.

R's ``tune()`` placeholder and rsample's ``testing()`` have the names of two pytidy subpackages
(``pytidy.tune``, the tune package; ``pytidy.testing``, the conformance suites). A plain function
bound to ``pytidy.tune`` would make ``import pytidy.tune as tp`` return the function, so instead
the subpackage module itself is made callable: ``tm.tune()`` is the placeholder and
``tm.testing(split)`` the test set, while ``pytidy.tune.tune_grid`` and
``pytidy.testing.STEP_CHECKS`` stay reachable by every import form.
"""

from __future__ import annotations

import functools
import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, fn: Callable[..., Any]) -> types.ModuleType:
    """Give the module ``module_name`` a ``__call__`` that forwards to ``fn``; return the module."""
    module = sys.modules[module_name]

    class CallableModule(types.ModuleType):
        @functools.wraps(fn)
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

    CallableModule.__name__ = f"CallableModule[{fn.__name__}]"
    module.__class__ = CallableModule
    return module
