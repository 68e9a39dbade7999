"""Fixtures for the deal tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("deal_sample_store", Path(__file__).with_name("sample_store.py"))
sample_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample_store)


@pytest.fixture
def deal_store(tmp_path):
    store = sample_store.build_store(str(tmp_path / "deal.db"))
    yield store
    store.close()
