"""The every-type fixture course (one question of every kind, a scenario and a
self-assessment), built and unpacked into the browser tests' site."""

from __future__ import annotations

import pytest
from fixture_sites import unpack_fixture


@pytest.fixture(scope="session")
def every_type_site(site, tmp_path_factory):
    """Adds every-type-scorm12/, every-type-scorm2004/ and every-type-web/ to the test site."""
    return unpack_fixture(site, tmp_path_factory.mktemp("dist-every-type"), "every-type")
