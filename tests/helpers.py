"""Small helpers for tests (import as ``from tests.helpers import compute``)."""

from __future__ import annotations

from tests.conftest import compute

__all__ = ["compute"]
