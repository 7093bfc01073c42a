"""The demo (make demo) runs end to end at a small size and writes its three figures."""

import pytidy.demo as demo


def test_demo_runs_and_writes_figures(tmp_path, capsys):
    import matplotlib

    matplotlib.use("Agg")
    rc = demo.main(["--out", str(tmp_path), "--epochs", "1", "--race-epochs", "1", "--grid-size", "4", "--n-max", "3000"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "Test accuracy (part 1):" in out and "show_best('accuracy'):" in out and "Top importances" in out
    for name in ("vip.png", "explain_mask_agg.png", "explain_steps.png", "saved_model.pytidy"):
        assert (tmp_path / name).stat().st_size > 0
