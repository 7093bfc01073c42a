"""Prediction tables shared by the model zoo's registrations (internal)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._lazy import lazy


def predict_table(mode: str, *, raw: bool = True, cls: bool = False) -> dict[str, Callable[..., Any]]:
    """``EngineInfo.predict`` for engine objects with ``predict_numeric``/``predict_prob``/... methods."""
    if mode == "regression":
        out: dict[str, Callable[..., Any]] = {"numeric": lambda m, x: m.predict_numeric(x)}
    else:
        out = {"prob": lambda m, x: m.predict_prob(x)}
        if cls:
            out["class"] = lambda m, x: m.predict_class(x)
    if raw:
        out["raw"] = lambda m, x: m.predict_raw(x)
    return out


def native_importance(m: Any) -> dict[str, float]:
    """The engine object's own importance (its ``importance()`` method)."""
    return m.importance()


def dials(name: str, **kwargs: Any) -> Callable[..., Any]:
    """A dials constructor, imported when first called (with fixed keyword arguments)."""
    fn = lazy("pytidy.dials", name)
    if not kwargs:
        return fn

    def call(**more: Any) -> Any:
        return fn(**{**kwargs, **more})

    call.__name__ = call.__qualname__ = name
    call.__module__ = "pytidy.dials"
    return call
