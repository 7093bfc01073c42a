"""Checkpoints of a grid run: results written as they arrive, a rerun resumes (beyond R's tune).

``control_grid(save_path=dir)`` writes ``dir/manifest.json`` (a fingerprint of the run: workflow,
grid, resamples, metrics, seed and the saved options) and one JSON file per finished resample and
preprocessor configuration. A rerun with the same arguments loads the finished parts and
evaluates only the rest, so an interrupted run gives the same final result as an uninterrupted
one. JSON keeps floats exactly (Python writes the shortest repr that reads back to the same
double); categorical columns keep their levels. Nothing is pickled.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["Checkpoint"]

_FORMAT = "pytidy-tune-checkpoint"
_VERSION = 1


def _py(v: Any) -> Any:
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if v is pd.NA or v is None:
        return None
    return v


def frame_to_json(df: pd.DataFrame) -> dict:
    cols = []
    for name in df.columns:
        s = df[name]
        col: dict[str, Any] = {"name": name, "dtype": str(s.dtype)}
        if isinstance(s.dtype, pd.CategoricalDtype):
            col["categories"] = [_py(c) for c in s.cat.categories]
            col["ordered"] = bool(s.cat.ordered)
            col["values"] = [int(c) for c in s.cat.codes]
        else:
            col["values"] = [_py(v) for v in s.tolist()]
        cols.append(col)
    return {"n": len(df), "columns": cols}


def frame_from_json(obj: dict) -> pd.DataFrame:
    data = {}
    for col in obj["columns"]:
        if "categories" in col:
            data[col["name"]] = pd.Categorical.from_codes(col["values"], categories=col["categories"],
                                                         ordered=col["ordered"])
        else:
            vals = col["values"]
            dtype = col["dtype"]
            if dtype.startswith(("float", "int", "bool")):
                data[col["name"]] = np.asarray([np.nan if v is None else v for v in vals], dtype=dtype)
            else:
                data[col["name"]] = pd.Series(vals, dtype=dtype if dtype != "object" else object)
    return pd.DataFrame(data, index=range(obj["n"]))


def fingerprint(parts: dict[str, Any]) -> str:
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Checkpoint:
    """The directory of one run's finished parts."""

    def __init__(self, path: str | os.PathLike, run: dict[str, Any]) -> None:
        self.path = Path(path)
        self.key = fingerprint(run)
        manifest = self.path / "manifest.json"
        if manifest.exists():
            try:
                old = json.loads(manifest.read_text())
            except (OSError, ValueError) as exc:
                raise InvalidParameterError(
                    f"`save_path` {str(self.path)!r} has an unreadable manifest.json ({exc}); use an empty directory."
                ) from exc
            if old.get("format") != _FORMAT or old.get("key") != self.key:
                raise InvalidParameterError(
                    f"`save_path` {str(self.path)!r} holds the checkpoint of a different run (other workflow, grid, "
                    "resamples, metrics, seed or options). Rerun with the same arguments to resume, or use a new "
                    "directory."
                )
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._write(manifest, {"format": _FORMAT, "version": _VERSION, "key": self.key})

    def _file(self, i: int, p: int) -> Path:
        return self.path / f"part-{i:05d}-{p:05d}.json"

    @staticmethod
    def _write(path: Path, obj: Any) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(obj))
        os.replace(tmp, path)

    def done(self, i: int, p: int) -> bool:
        return self._file(i, p).exists()

    def save(self, part: dict) -> None:
        obj = {"i": part["i"], "p": part["p"], "n_configs": part["n_configs"], "outcomes": part["outcomes"],
               "notes": part["notes"], "metrics": [frame_to_json(f) for f in part["metrics"]],
               "preds": [frame_to_json(f) for f in part["preds"]]}
        self._write(self._file(part["i"], part["p"]), obj)

    def load(self, i: int, p: int) -> dict:
        obj = json.loads(self._file(i, p).read_text())
        return {"i": obj["i"], "p": obj["p"], "n_configs": obj["n_configs"], "outcomes": obj["outcomes"],
                "notes": obj["notes"], "metrics": [frame_from_json(f) for f in obj["metrics"]],
                "preds": [frame_from_json(f) for f in obj["preds"]], "extracts": [], "fitted": None}
