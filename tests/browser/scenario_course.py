"""The scenario fixture course, built and unpacked into the browser tests' site."""

from __future__ import annotations

import pytest
from fixture_sites import unpack_fixture


@pytest.fixture(scope="session")
def scenario_site(site, tmp_path_factory):
    """Adds scenario-scorm12/, scenario-scorm2004/ and scenario-web/ to the test site."""
    return unpack_fixture(site, tmp_path_factory.mktemp("dist-scenario"), "scenario")
