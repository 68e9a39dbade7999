"""Named fixtures shared by the whole suite.

Tests that read ../shared (the gold files, the seeds, the open corpus) use the
``shared_dir`` fixture and skip cleanly when it is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.dossier import Dossier, load_dossier

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def dossier() -> Dossier:
    """The built-in russia-ukraine dossier."""
    return load_dossier()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; skips the test when absent."""
    if not (SHARED / "gold" / "GUIDELINES.md").exists():
        pytest.skip("../shared is not present (gold files and seed reports)")
    return SHARED


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A fresh database file path in a temporary folder."""
    return tmp_path / "parley.db"


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    """The openly licensed demo corpus shipped in examples/corpus."""
    return ROOT / "examples" / "corpus"
