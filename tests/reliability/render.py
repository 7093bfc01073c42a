"""Write docs/reliability.md from the CASES table: ``python tests/reliability/render.py``."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parents[1] / "docs" / "reliability.md"

if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parents[1]))
    import cases

    DOC.write_text(cases.render())
    print(f"wrote {DOC} ({len(cases.CASES)} cases)")
