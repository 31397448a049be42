"""Fixtures of the integration tests that drive the whole application in process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.in_process import make_demo_world


@pytest.fixture(scope="session")
def demo_world(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation with an open period, Nur and Hendra bound (SQLite; copy it)."""
    return make_demo_world(sqlite_template, tmp_path_factory.mktemp("world") / "world.db")
