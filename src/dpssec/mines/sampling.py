"""Placeholder, filled in by the mine-action work."""

from __future__ import annotations

__all__: list[str] = []
