"""Compiled jinja2 templates kept between builds (the caller chooses the folder)."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, like .pyc files.

    jinja2 checks each entry against a hash of the template's source, so an edited
    template is compiled afresh. A cache that cannot be read or written is ignored.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compile the template instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """A cache of compiled templates in `folder`, or none when no folder is given."""
    return None if folder is None else _TemplateCache(str(folder))
