"""Every constructor: R's defaults (reference table, dials R/param_*.R) and a checked `range`."""

import inspect

import pytest

import pytidy.dials as dials
from pytidy.dials import QualParam, QuantParam, is_unknown, log2_trans, log10_trans
from pytidy.errors import InvalidParameterError

U = "?"
# name: (type, range on transformed scale, trans, inclusive, has finalize)
R_TABLE = {
    "learn_rate": ("double", (-10, -1), log10_trans, (True, True), False),
    "penalty": ("double", (-10, 0), log10_trans, (True, True), False),
    "epochs": ("integer", (10, 1000), None, (True, True), False),
    "batch_size": ("integer", (2, 7), log2_trans, (True, True), False),
    "mtry": ("integer", (1, U), None, (True, True), True),
    "trees": ("integer", (1, 2000), None, (True, True), False),
    "min_n": ("integer", (2, 40), None, (True, True), True),
    "tree_depth": ("integer", (1, 15), None, (True, True), False),
    "neighbors": ("integer", (1, 10), None, (True, True), False),
    "hidden_units": ("integer", (1, 10), None, (True, True), False),
    "dropout": ("double", (0, 1), None, (True, False), False),
    "mixture": ("double", (0, 1), None, (True, True), False),
    "momentum": ("double", (0, 1), None, (True, True), False),
    "cost_complexity": ("double", (-10, -1), log10_trans, (True, True), False),
    "loss_reduction": ("double", (-10, 1.5), log10_trans, (True, True), False),
    "sample_prop": ("double", (0.1, 1), None, (True, True), False),
    "num_comp": ("integer", (1, U), None, (True, True), True),
    "threshold": ("double", (0, 1), None, (True, True), False),
    "rate_decay": ("double", (0, 2), None, (True, True), False),
    "rate_step_size": ("integer", (2, 20), None, (True, True), False),
    "stop_iter": ("integer", (3, 20), None, (True, True), False),
    "deg_free": ("integer", (1, 5), None, (True, True), False),
    "degree": ("double", (1, 3), None, (True, True), False),
    "degree_int": ("integer", (1, 3), None, (True, True), False),
    "spline_degree": ("integer", (1, 10), None, (True, True), False),
    "num_terms": ("integer", (1, U), None, (True, True), True),
    "num_breaks": ("integer", (2, 10), None, (True, True), False),
    "min_unique": ("integer", (5, 15), None, (True, True), False),
    "over_ratio": ("double", (0.8, 1.2), None, (True, True), False),
    "under_ratio": ("double", (0.8, 1.2), None, (True, True), False),
    "window_size": ("integer", (3, 11), None, (True, True), False),
    "predictor_prop": ("double", (0, 1), None, (False, True), False),
    "num_hash": ("integer", (8, 12), log2_trans, (True, True), False),
}

QUAL = {
    "activation": 23,
    "weight_func": 9,
    "prune_method": 6,
    "summary_stat": 8,
    "rate_schedule": 5,
    "prune": 2,
    "signed_hash": 2,
}

CONSTRUCTORS = {
    n: getattr(dials, n) for n in dials.__all__
    if callable(getattr(dials, n)) and "range" in inspect.signature(getattr(dials, n)).parameters
    and n not in {"range_set", "new_quant_param", "QuantParam"}
}


@pytest.mark.parametrize("name", list(R_TABLE))
def test_r_defaults(name):
    typ, rng, trans, inc, fin = R_TABLE[name]
    p = getattr(dials, name)()
    assert isinstance(p, QuantParam) and p.type == typ and p.trans is trans and p.inclusive == inc
    assert [("?" if is_unknown(b) else b) for b in p.range] == list(rng)
    assert (p.finalize is not None) == fin
    assert p.name in (name, "sample_size")  # sample_prop keeps R's label name


@pytest.mark.parametrize("name, n", list(QUAL.items()))
def test_qualitative_defaults(name, n):
    p = getattr(dials, name)()
    assert isinstance(p, QualParam) and len(p.values) == n and p.name == name


def test_every_range_constructor_is_listed_here():
    assert len(CONSTRUCTORS) >= 45


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
def test_every_constructor_checks_range(name):
    fn = CONSTRUCTORS[name]
    p = fn()
    assert repr(p).startswith(p.label)
    with pytest.raises(InvalidParameterError, match=rf"`range` in {name}\(\) must have 2 elements"):
        fn(range=(1,))
    with pytest.raises(InvalidParameterError, match=rf"lower bound \(5\) in {name}\(\) must not exceed"):
        fn(range=(5, 1))
    narrowed = fn(range=(1, 2))
    assert narrowed.range == (1, 2)


@pytest.mark.parametrize("name", sorted(QUAL))
def test_qualitative_values_argument(name):
    fn = getattr(dials, name)
    first = fn().values[:1]
    assert fn(values=first).values == tuple(first)
    with pytest.raises(InvalidParameterError, match=rf"`values` in {name}\(\) must be a non-empty sequence"):
        fn(values=[])
