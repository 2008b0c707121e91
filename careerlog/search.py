"""Full-text search over the public pages, indexed by Pagefind after they are written."""

from __future__ import annotations

import subprocess
from pathlib import Path

from careerlog.diagnostics import CareerlogError


def index_for_search(site: Path) -> None:
    """Run Pagefind over a built (public) site; its bundle goes to `site/pagefind/`."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise CareerlogError(
            "search needs Pagefind: pip install pagefind-bin (or build with --no-search)"
        ) from None
    result = subprocess.run(
        [str(get_executable()), "--site", str(site), "--silent"],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CareerlogError(
            f"Pagefind failed to index the site:\n{result.stderr or result.stdout}"
        )
