"""The engine version: part of every result and of the key saved comparisons are cached under."""

from __future__ import annotations

__version__ = "0.1.0"
