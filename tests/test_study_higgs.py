"""`python -m pytidy.studies.higgs` runs end to end at a small size and writes what it promises."""

from __future__ import annotations

import json

from pytidy.studies import higgs


def test_study_writes_results_and_figures(tmp_path):
    out = tmp_path / "study"
    assert higgs.main(["--out", str(out), "--n-max", "2500", "--epochs", "1", "--grid-size", "4",
                       "--folds", "4", "--explain-rows", "20", "--quiet"]) == 0
    results = json.loads((out / "results.json").read_text())
    assert results["rows"] == 2500
    assert results["settings"]["batch_size"] == 16384 and results["settings"]["epochs"] == 1
    assert [p["phase"] for p in results["phases"]] == ["read", "fit", "predict", "race", "refit", "explain"]
    assert results["peak_rss_mib"] >= max(p["peak_rss_mib"] for p in results["phases"]) > 50
    # the 2,500-row sample keeps 2500 * 500k/11M = 114 rows (rounded as rsample does) for testing
    assert results["phases"][2]["test_rows"] == 2500 - int(2500 * (1 - 500_000 / 11_000_000))
    assert {m[".metric"] for m in results["part1"]} == {"accuracy", "roc_auc"}
    assert len(results["importance"]) == 28
    for name in ("vip.png", "explain_mask_agg.png", "explain_steps.png", "results.md"):
        assert (out / name).stat().st_size > 0
    assert "## Race: show_best('accuracy')" in (out / "results.md").read_text()
