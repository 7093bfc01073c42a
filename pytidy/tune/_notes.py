"""Record warnings and errors per resample instead of aborting (R: tune ``R/logging.R``, ``catcher()``)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["catch", "NOTE_COLUMNS"]

logger = logging.getLogger("pytidy.tune")

NOTE_COLUMNS = ["location", "type", "note"]


def catch(fn: Callable[[], Any], location: str, notes: list[dict[str, str]], label: str = "") -> tuple[bool, Any]:
    """Run ``fn()``; append each warning and a raised error to ``notes`` with ``location``.

    Returns ``(ok, value)``; ``ok`` is False when ``fn`` raised. Errors are logged at WARNING
    level on the ``pytidy.tune`` logger (R prints them as they happen).

    Examples
    --------
    >>> notes = []
    >>> catch(lambda: 1 / 0, "model 1/1", notes)[0]
    False
    >>> notes[0]["type"], notes[0]["note"]
    ('error', 'ZeroDivisionError: division by zero')
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = fn()
            ok = True
        except Exception as exc:  # noqa: BLE001 - the catcher's job is to record any failure
            value = None
            ok = False
            err = f"{type(exc).__name__}: {exc}"
    seen = set()
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text in seen:
            continue
        seen.add(text)
        notes.append({"location": location, "type": "warning", "note": text})
    if not ok:
        notes.append({"location": location, "type": "error", "note": err})
        logger.warning("%s%s: %s", f"{label}: " if label else "", location, err)
    return ok, value
