"""The package version, in one place (read by pytidy/__init__.py and written into model files)."""

__version__ = "0.1.0"
