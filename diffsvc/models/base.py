"""The base of every contract model: strict about unknown fields, filled in by the engine."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)
