"""The plugin packages here are installed into a subprocess by tests/parsnip/test_entry_points.py;
pytest must not import them (one is broken on purpose)."""

collect_ignore_glob = ["pytidy_*"]
