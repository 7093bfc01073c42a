"""The demo (make demo) at a small size: its numbers, checked against outside references."""

import numpy as np
import pytest

import pytidy.demo as demo


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    import matplotlib

    matplotlib.use("Agg")
    out = tmp_path_factory.mktemp("demo")
    result = demo.run(["--out", str(out), "--epochs", "1", "--race-epochs", "1", "--grid-size", "4",
                       "--n-max", "2000"])
    return out, result


def test_demo_writes_its_figures_and_model(ran):
    out, _ = ran
    for name in ("vip.png", "explain_mask_agg.png", "explain_steps.png", "saved_model.pytidy"):
        assert (out / name).stat().st_size > 0


def test_logistic_baseline_matches_scikit_learn(ran):
    from sklearn.linear_model import LogisticRegression

    _, r = ran
    train, test = r["train"], r["test"]
    x = train.drop(columns="class")
    ref = LogisticRegression(C=np.inf, max_iter=10_000).fit(x, train["class"])
    expected = float((ref.predict(test.drop(columns="class")) == test["class"]).mean())
    got = float(r["baselines"].loc[0, "accuracy"])
    assert got == pytest.approx(expected, abs=2 / len(test))  # at most a row or two on the boundary


def test_verdict_states_the_comparison(ran, capsys):
    _, r = ran
    lr = float(r["baselines"].loc[0, "accuracy"])
    assert f"{r['tabnet_accuracy']:.3f} vs {lr:.3f}" in r["verdict"]
    assert ("does not beat" in r["verdict"]) == (r["tabnet_accuracy"] <= lr)
    assert demo.verdict(0.70, 0.60, 500).startswith("TabNet beats")
    assert "not a clear win" in demo.verdict(0.61, 0.60, 500)  # 2 s.e. of a difference is 0.062 here


def test_importances_have_bootstrap_errors(ran):
    _, r = ran
    imp = r["importances"]
    assert imp["Importance"].sum() == pytest.approx(1.0)
    assert (imp["std_err"] > 0).all() and (imp["std_err"] < 0.05).all()
    assert imp["Importance"].is_monotonic_decreasing
    assert 0.0 <= r["tabnet_accuracy"] <= 1.0 and r["tuned_accuracy"] >= 0.0
