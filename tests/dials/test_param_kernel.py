"""rbf_sigma(), scale_factor(), Laplace(): R's defaults (dials R/param_kernel.R, R/param_Laplace.R)."""

import pytest

import pytidy as tm
from pytidy.dials import log10_trans, range_get


@pytest.mark.parametrize("name,rng,trans,label", [
    ("rbf_sigma", (-10, 0), log10_trans, "Radial Basis Function sigma"),
    ("scale_factor", (-10, -1), log10_trans, "Scale Factor"),
    ("Laplace", (0, 3), None, "Laplace Correction"),
])
def test_r_defaults(name, rng, trans, label):
    p = getattr(tm, name)()
    assert (p.type, p.range, p.trans, p.inclusive, p.name, p.label) == ("double", rng, trans, (True, True), name, label)


def test_svm_and_naive_bayes_tune_with_them():
    ps = tm.workflow().add_model(tm.svm_poly(scale_factor=tm.tune()).set_mode("regression")).add_formula("y ~ .").parameters()
    assert range_get(ps.objects[0]) == pytest.approx((1e-10, 0.1))
    ps = tm.workflow().add_model(tm.svm_rbf(rbf_sigma=tm.tune()).set_mode("regression")).add_formula("y ~ .").parameters()
    assert ps.objects[0].label == "Radial Basis Function sigma"
    ps = tm.workflow().add_model(tm.naive_Bayes(Laplace=tm.tune())).add_formula("y ~ .").parameters()
    assert ps.objects[0].range == (0, 3)
