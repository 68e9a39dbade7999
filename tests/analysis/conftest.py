"""Fixtures for analysis tests: a fresh store and a report builder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from analysis_builders import AddFn, add_report

from parley.store.db import Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "analysis.db")
    yield s
    s.close()


@pytest.fixture()
def add(store: Store) -> AddFn:
    def _add(date: str, *claims: dict[str, Any], **kw: Any) -> list[int]:
        return add_report(store, date, [dict(c) for c in claims], **kw)
    return _add
