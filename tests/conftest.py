"""Shared fixtures: the real data sets of R's modeldata, read with their factor levels."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data" / "modeldata"


def load_modeldata(name: str) -> pd.DataFrame:
    """Read ``tests/data/modeldata/<name>.csv`` with R's factor levels from ``levels.json``."""
    df = pd.read_csv(DATA / f"{name}.csv")
    levels = json.loads((DATA / "levels.json").read_text()).get(name, {})
    for col, lv in levels.items():
        df[col] = pd.Categorical(df[col].astype(str) if df[col].dtype != object else df[col], categories=lv)
    return df


@pytest.fixture(scope="session")
def modeldata():
    """``modeldata("hpc_cv")`` returns a fresh copy of that set."""
    cache: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = load_modeldata(name)
        return cache[name].copy()

    return get
