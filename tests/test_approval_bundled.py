"""The bundled course's sign-off with its test signers (tests/signers/, never to be trusted):
approve as both groups, build a release, verify it."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from helpers import REPO

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


def test_the_bundled_course_approved_released_and_verified(cli, tmp_path):
    root = tmp_path / "course"
    for folder in ("course", "modules", "quizzes", "approvals"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("test-manager", "test-rep"):
        key = tmp_path / name
        shutil.copy(REPO / "tests" / "signers" / name, key)
        key.chmod(0o600)  # ssh-keygen refuses a private key others can read
        result = cli("approve", "--course", str(root), "--as", name, "--key", str(key), "--yes")
        assert result.exit_code == 0, result.output
    out = tmp_path / "dist"
    built = cli("build", "--release", "--course", str(root), "--out", str(out), "--format", "cmi5")
    assert built.exit_code == 0, built.output
    package = out / "dfc-joint-training-1.0.0-cmi5.zip"
    with zipfile.ZipFile(package) as archive:
        info = json.loads(archive.read("release.json"))
        shell = archive.read("index.html").decode()
    assert [(a["name"], a["group"]) for a in info["approvals"]] == [
        ("test-manager", "management"),
        ("test-rep", "union"),
    ]
    assert "Approved for release by test-manager (management) and test-rep (union) on" in shell
    verified = cli("verify", str(package), "--course", str(root))
    assert verified.exit_code == 0, verified.output
    assert verified.stdout.splitlines()[-1] == (
        "verified: dfc-joint-training-1.0.0-cmi5.zip was built from the approved sources"
    )
