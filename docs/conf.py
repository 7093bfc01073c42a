"""Sphinx configuration for pytidy's documentation (``make docs``)."""

project = "pytidy"
author = "the pytidy developers"
copyright = "2026, the pytidy developers"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_default_options = {"members": False, "undoc-members": False}
autodoc_typehints = "none"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "myst.xref_missing"]
