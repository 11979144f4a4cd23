"""Package formats, one module each, with the manifest code they share. May import builder.model and builder.outline.

Everything that differs between package formats lives here, with one runtime adapter per
LMS standard in builder/runtime/.
"""

from __future__ import annotations

from builder.targets.base import Target
from builder.targets.cmi5 import Cmi5
from builder.targets.scorm12 import Scorm12
from builder.targets.scorm2004 import Scorm2004
from builder.targets.web import Web

TARGETS: dict[str, type[Target]] = {t.name: t for t in (Scorm12, Scorm2004, Cmi5, Web)}


def get_target(name: str) -> Target:
    """Return the target called `name` (scorm12, scorm2004, cmi5 or web)."""
    return TARGETS[name]()
