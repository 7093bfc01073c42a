"""step_upsample and step_downsample (R: themis), on hpc_cv-like class imbalance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import recipe
from pytidy.recipes.steps.downsample import step_downsample
from pytidy.recipes.steps.upsample import step_upsample


@pytest.fixture
def imbalanced():
    cls = pd.Categorical(["a"] * 50 + ["b"] * 20 + ["c"] * 5, categories=["c", "a", "b", "empty"])
    return pd.DataFrame({"x": np.arange(75.0), "cls": cls})


def test_upsample_counts_r(imbalanced):
    p = step_upsample(recipe("cls ~ .", imbalanced), "cls", seed=1).prep()
    out = p.bake(None)
    assert out["cls"].value_counts().to_dict() == {"c": 50, "a": 50, "b": 50, "empty": 0}
    assert out["cls"].tolist()[:50] == ["c"] * 50  # grouped by level order (R's split())
    a_rows = out[out["cls"] == "a"]
    assert a_rows["x"].tolist() == list(np.arange(0.0, 50.0))  # the majority is kept as it is
    assert set(out.loc[out["cls"] == "c", "x"]) <= {70.0, 71.0, 72.0, 73.0, 74.0}
    assert len(p.bake(imbalanced)) == 75  # skip=True by default (R)
    half = step_upsample(recipe("cls ~ .", imbalanced), "cls", over_ratio=0.5, seed=1).prep().bake(None)
    assert half["cls"].value_counts().to_dict() == {"c": 25, "a": 50, "b": 25, "empty": 0}  # floor(50 * .5)


def test_upsample_seed(imbalanced):
    rec = recipe("cls ~ .", imbalanced)
    a = step_upsample(rec, "cls", seed=3).prep().bake(None)
    assert a.equals(step_upsample(rec, "cls", seed=3).prep().bake(None))
    assert not a.equals(step_upsample(rec, "cls", seed=4).prep().bake(None))


def test_downsample_counts_r(imbalanced):
    out = step_downsample(recipe("cls ~ .", imbalanced), "cls", seed=1).prep().bake(None)
    assert out["cls"].value_counts().to_dict() == {"c": 5, "a": 5, "b": 5, "empty": 0}
    assert out["x"].is_unique  # without replacement
    two = step_downsample(recipe("cls ~ .", imbalanced), "cls", under_ratio=2, seed=1).prep().bake(None)
    assert two["cls"].value_counts().to_dict() == {"c": 5, "a": 10, "b": 10, "empty": 0}


def test_themis_on_hpc_cv(modeldata):
    hpc = modeldata("hpc_cv")[["obs", "VF", "F"]]
    counts = hpc["obs"].value_counts()
    up = step_upsample(recipe("obs ~ .", hpc), "obs", seed=2).prep().bake(None)
    assert (up["obs"].value_counts() == counts.max()).all()
    down = step_downsample(recipe("obs ~ .", hpc), "obs", seed=2, skip=False).prep()
    assert (down.bake(hpc)["obs"].value_counts() == counts.min()).all()


def test_themis_errors(imbalanced):
    d = imbalanced.assign(s=pd.Categorical(["u"] * 75), n=1.0)
    rec = recipe("cls ~ .", d)
    for step in (step_upsample, step_downsample):
        with pytest.raises(InvalidParameterError, match="must give one factor column; got 2"):
            step(rec, "cls", "s").prep()
        with pytest.raises(InvalidParameterError, match="'n' should be a factor"):
            step(rec, "n").prep()
    na = d.assign(cls=d["cls"].where(d["x"] > 0))
    with pytest.raises(InvalidParameterError, match="'cls' has 1 missing value"):
        step_upsample(recipe("cls ~ .", na), "cls").prep()
    with pytest.raises(InvalidParameterError, match="`over_ratio` in step_upsample\\(\\) must be a number >= 0"):
        step_upsample(rec, "cls", over_ratio=-1)
    with pytest.raises(InvalidParameterError, match="`under_ratio` in step_downsample\\(\\) must be a number >= 0"):
        step_downsample(rec, "cls", under_ratio="1")
    with pytest.raises(InvalidParameterError, match="`seed` in step_downsample\\(\\) must be a non-negative"):
        step_downsample(rec, "cls", seed=1.5)


def test_themis_tunable(imbalanced):
    rec = recipe("cls ~ .", imbalanced)
    up = step_upsample(rec, "cls", over_ratio=tune())
    down = step_downsample(rec, "cls", under_ratio=tune())
    assert list(up.steps[0].tunable()) == ["over_ratio"] and up.steps[0].tune_args() == ["over_ratio"]
    assert list(down.steps[0].tunable()) == ["under_ratio"]
    assert up.finalize({"over_ratio": 0.5}).prep().bake(None)["cls"].value_counts()["c"] == 25
