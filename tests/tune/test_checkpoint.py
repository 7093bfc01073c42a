"""control_grid(save_path=): results are written as they arrive and an interrupted run resumes."""

import json

import pandas as pd
import pytest
from attrs import evolve

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.parsnip.registry import get_engine, temporary_engine
from pytidy.tune._checkpoint import frame_from_json, frame_to_json

GRID = pd.DataFrame({"penalty": [1e-3, 0.05, 1e-3, 0.05], "mixture": [0.5, 0.5, 1.0, 1.0]})


def _engine(stop_after=None):
    info = get_engine("logistic_reg", "glmnet", "classification")
    calls = []

    def fit(x, y, *, seed, **args):
        if stop_after is not None and len(calls) == stop_after:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a run
        calls.append(args["penalty"])
        return info.fit(x, y, seed=seed, **args)

    return evolve(info, fit=fit), calls


def test_an_interrupted_run_resumes_and_gives_the_uninterrupted_result(two_class, tmp_path):
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("Class ~ A + B")
    folds = tm.vfold_cv(two_class, v=4, seed=1)
    whole = tm.tune_grid(wf, folds, grid=GRID, seed=2, control=tm.control_grid(save_pred=True))
    ctrl = tm.control_grid(save_pred=True, save_path=tmp_path / "run")
    stopping, _ = _engine(stop_after=3)  # two fits per fold (one per mixture): stops inside Fold2
    with temporary_engine(stopping), pytest.raises(KeyboardInterrupt):
        tm.tune_grid(wf, folds, grid=GRID, seed=2, control=ctrl)
    files = sorted(p.name for p in (tmp_path / "run").iterdir())
    assert files == ["manifest.json", "part-00000-00000.json"]  # Fold1 was finished and written
    for f in files:
        json.loads((tmp_path / "run" / f).read_text())  # plain JSON, no pickle
    counting, calls = _engine()
    with temporary_engine(counting):
        resumed = tm.tune_grid(wf, folds, grid=GRID, seed=2, control=ctrl)
    assert len(calls) == 3 * 2  # only Fold2-Fold4 were fitted again
    pd.testing.assert_frame_equal(resumed.metric_values, whole.metric_values, check_exact=True)
    pd.testing.assert_frame_equal(resumed.collect_predictions(), whole.collect_predictions(), check_exact=True)
    pd.testing.assert_frame_equal(resumed.collect_notes(), whole.collect_notes())
    # a finished run reruns from its checkpoint without fitting anything
    counting, calls = _engine()
    with temporary_engine(counting):
        again = tm.tune_grid(wf, folds, grid=GRID, seed=2, control=ctrl)
    assert calls == []
    pd.testing.assert_frame_equal(again.metric_values, whole.metric_values, check_exact=True)
    # another run may not write into that directory
    with pytest.raises(InvalidParameterError, match=r"holds the checkpoint of a different run"):
        tm.tune_grid(wf, folds, grid=GRID, seed=3, control=ctrl)


def test_frames_round_trip_exactly_through_json():
    df = pd.DataFrame({"a": [0.1 + 0.2, 1e-300, float("nan")], "b": ["x", "y", "z"], "n": [1, 2, 3],
                       "c": pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"])})
    back = frame_from_json(json.loads(json.dumps(frame_to_json(df))))
    pd.testing.assert_frame_equal(back, df, check_exact=True)


def test_save_path_is_checked(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"`save_path` in control_grid\(\) must be a directory path"):
        tm.control_grid(save_path=3)
    with pytest.raises(NotImplementedError, match=r"`save_path` with `extract` is not implemented"):
        tm.control_grid(save_path=tmp_path, extract=lambda f: 1)
    (tmp_path / "manifest.json").write_text("{not json")
    spec = tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")
    df = pd.DataFrame({"x": range(12), "y": [float(i % 5) for i in range(12)]})
    with pytest.raises(InvalidParameterError, match=r"has an unreadable manifest.json"):
        tm.tune_grid(tm.workflow().add_model(spec).add_formula("y ~ x"), tm.vfold_cv(df, v=3, seed=1),
                     grid=pd.DataFrame({"penalty": [0.1]}), control=tm.control_grid(save_path=tmp_path))
