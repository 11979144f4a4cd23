"""A plain web course: no LMS, progress kept in the browser, no manifest."""

from __future__ import annotations

from builder.outline.screens import Outline
from builder.targets.base import Target


class Web(Target):
    name = "web"
    label = "Web (no LMS)"
    adapter_script = ""  # the browser-storage adapter every package carries is all it needs

    def build_manifest(self, outline: Outline, files: list[str]) -> bytes | None:
        """A web course is opened as index.html; it has no manifest."""
        return None
