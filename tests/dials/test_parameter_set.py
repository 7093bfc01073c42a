"""ParameterSet and parameters() (R: dials test-parameters.R and its snapshots)."""

import pandas as pd
import pytest

from pytidy.dials import (
    ParameterSet,
    learn_rate,
    mixture,
    mtry,
    parameters,
    penalty,
    sample_prop,
    trees,
    weight_func,
)
from pytidy.errors import InvalidParameterError


def _row(id, obj, source="model_spec", name=None):
    return dict(name=name or id, id=id, source=source, component="rand_forest", component_id="main", object=obj)


def test_parameters_ids_and_columns():
    ps = parameters(mtry(), penalty())
    assert ps.ids == ["mtry", "penalty"] and ps.names == ["mtry", "penalty"] and len(ps) == 2
    frame = ps.to_frame()
    assert list(frame.columns) == ["name", "id", "source", "component", "component_id", "object"]
    assert frame["source"].tolist() == ["list", "list"] and frame["component"].tolist() == ["unknown"] * 2
    assert frame["object"].iloc[0] == mtry()


def test_parameters_inputs():
    assert parameters([mtry(), penalty()]).ids == ["mtry", "penalty"]
    assert parameters({"a": mtry(), "b": penalty()}).ids == ["a", "b"]
    assert parameters(mtry(), pen=penalty()).ids == ["mtry", "pen"]
    assert parameters(mtry(), pen=penalty()).names == ["mtry", "penalty"]
    assert parameters(sample_prop()).ids == ["sample_size"]  # R's label name quirk
    ps = parameters(mtry())
    assert parameters(ps) is ps


def test_parameters_errors():
    with pytest.raises(InvalidParameterError, match="No input provided. Please supply at least one parameter"):
        parameters()
    with pytest.raises(InvalidParameterError, match="Argument 2 must be a dials parameter object"):
        parameters(mtry(), "min_n")
    with pytest.raises(InvalidParameterError, match="`a` must be a dials parameter object"):
        parameters({"a": mtry})
    with pytest.raises(InvalidParameterError, match="`id` must have unique values. Duplicates: \\['a'\\]"):
        ParameterSet.from_rows([_row("a", mtry()), _row("a", penalty())])
    with pytest.raises(InvalidParameterError, match="cannot be created from a DataFrame"):
        parameters(pd.DataFrame({"a": [1]}))


def test_from_rows_and_checks():
    ps = ParameterSet.from_rows([_row("mtry", mtry()), _row("lr", learn_rate(), source="recipe", name="learn_rate")])
    assert ps.ids == ["mtry", "lr"] and ps.names == ["mtry", "learn_rate"] and ps["lr"] == learn_rate()
    assert ParameterSet.from_rows([]).ids == []
    with pytest.raises(InvalidParameterError, match="row 0 lacks the key\\(s\\) \\['object'\\]"):
        ParameterSet.from_rows([{"name": "a", "id": "a", "source": "s", "component": "c", "component_id": "m"}])
    with pytest.raises(InvalidParameterError, match="row 0 must be a dict"):
        ParameterSet.from_rows([3])
    with pytest.raises(InvalidParameterError, match="the object of `a` must be a dials parameter or None"):
        ParameterSet.from_rows([_row("a", "not a param")])
    with pytest.raises(InvalidParameterError, match="must have the same number of elements"):
        ParameterSet(name=["a"], id=["a", "b"], source=["s"], component=["c"], component_id=["m"], object=[None])
    with pytest.raises(InvalidParameterError, match="`source` must hold strings"):
        ParameterSet(name=["a"], id=["a"], source=[1], component=["c"], component_id=["m"], object=[None])
    with pytest.raises(KeyError, match="No parameter with id 'zz'"):
        ps["zz"]


def test_update_returns_new_set():
    ps = parameters(mtry(), penalty())
    new = ps.update(mtry=mtry(range=(3, 4)))
    assert new["mtry"].range == (3, 4) and ps["mtry"] == mtry()
    assert ps.update({"penalty": None})["penalty"] is None
    assert ps.update({"penalty": penalty(range=(-3, 0))})["penalty"].range == (-3.0, 0.0)


def test_update_errors():
    ps = parameters(mtry(), penalty())
    with pytest.raises(InvalidParameterError, match="Please supply at least one parameter object"):
        ps.update()
    with pytest.raises(InvalidParameterError, match="is not a dials parameter object or None: penalty"):
        ps.update(penalty=[1, 2])
    with pytest.raises(InvalidParameterError, match="does not match any id's in the set: not_penalty"):
        ps.update(not_penalty=penalty())
    with pytest.raises(InvalidParameterError, match="All arguments to ParameterSet.update\\(\\) should be named"):
        ps.update(penalty())
    with pytest.raises(InvalidParameterError, match="should be named; got keys \\[1\\]"):
        ps.update({1: penalty()})


def test_finalize_set():
    ps = parameters(mtry(), penalty()).update({"penalty": None})
    assert ps.has_unknowns()
    out = ps.finalize(pd.DataFrame({"a": [1], "b": [2], "c": [3]}))
    assert out["mtry"].range == (1, 3) and out["penalty"] is None and not out.has_unknowns()


def test_repr_like_r():
    ps = parameters(mtry(), penalty())
    assert repr(ps) == (
        "Collection of 2 parameters for tuning\n\n"
        " identifier    type    object\n"
        "       mtry    mtry nparam[?]\n"
        "    penalty penalty nparam[+]\n\n"
        "Parameters needing finalization:\n"
        "   # Randomly Selected Predictors ('mtry')\n\n"
        "See finalize() or ParameterSet.update() for more information."
    )
    rows = [_row("trials", None), _row("rules", None), _row("costs", None), _row("wf", weight_func())]
    text = repr(ParameterSet.from_rows(rows))
    assert "The parameters `trials`, `rules`, and `costs` need param objects." in text
    assert "      wf     wf dparam[+]" in text
    assert "The parameter `trials` needs a param object." in repr(ParameterSet.from_rows(rows[:1]))
    model = repr(ParameterSet.from_rows([_row("mtry", mtry())]))
    assert "Model parameters needing finalization:\n   # Randomly Selected Predictors ('mtry')" in model


def test_set_grid_methods_delegate():
    ps = parameters(trees(), mixture())
    assert ps.grid_regular(levels=2).shape == (4, 2)
    assert ps.grid_random(size=3, seed=1).equals(ps.grid_random(size=3, seed=1))
    assert list(ps.grid_max_entropy(size=4, seed=1).columns) == ["trees", "mixture"]
    assert len(ps.grid_latin_hypercube(size=4, seed=1)) == 4
    assert len(ps.grid_space_filling(size=6, seed=1)) == 6
