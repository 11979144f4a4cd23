"""The field types every model file shares: ids, text, per cent, and the strict base model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z][a-z0-9-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Percent = Annotated[int, Field(ge=0, le=100)]
TargetName = Literal["scorm12", "scorm2004", "cmi5", "web"]


class Strict(BaseModel):
    """Base for everything read from a trainer's file: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
