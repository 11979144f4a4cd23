"""A plain web course: no LMS, progress kept in the browser, no manifest."""

from __future__ import annotations

from lxml import etree

from builder.outline import Outline
from builder.targets.base import Target


class Web(Target):
    name = "web"
    label = "Web (no LMS)"
    adapter_script = ""

    def build_manifest(self, outline: Outline, files: list[str]) -> bytes | None:
        return None

    def add_metadata(self, metadata: etree._Element, outline: Outline) -> None:
        raise NotImplementedError
