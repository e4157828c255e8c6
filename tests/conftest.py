"""Shared fixtures: a fresh copy of the Kecamatan Torjun demo workbook for every test that edits one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from store.demo import demo_document
from store.workbook import Workbook

# No timed tests in this project: hypothesis must never fail an example for being slow on a busy machine.
settings.register_profile("lkjip", deadline=None)
settings.load_profile("lkjip")


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A fresh demo workbook (report year 2022) in the test's own folder."""
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    return path
