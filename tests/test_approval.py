"""Joint sign-off end to end, with keys made here by ssh-keygen: approve, build --release,
verify, and every way a release is refused. Each case ends with the exact message and exit code."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from approval_helpers import forge_record, signed_course

from builder.release.content_hash import content_hash, short

pytestmark = pytest.mark.skipif(
    __import__("shutil").which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen"
)
SUMMARY = "error: the course has {n} problem{s}; nothing was built"
PAGE = "modules/fire-basics/01-fire-triangle.md"


@pytest.fixture
def signed(tmp_path):
    return signed_course(tmp_path)


def approve(cli, signed, name, key=None):
    return cli(
        "approve", "--course", str(signed.root), "--as", name, "--key", str(signed.key(key or name)), "--yes"
    )


def release(cli, signed, out):
    return cli("build", "--release", "--course", str(signed.root), "--out", str(out))


def refused(result, lines, out):
    """The exact refusal: each problem, the count, exit 1, and no package written."""
    n = len(lines)
    assert result.stderr.splitlines() == [*lines, SUMMARY.format(n=n, s="" if n == 1 else "s")]
    assert result.exit_code == 1
    assert not out.exists() or not list(out.iterdir())


def test_approve_release_verify(cli, signed, tmp_path):
    first = approve(cli, signed, "mary")
    assert first.exit_code == 0, first.output
    current = content_hash(signed.root)
    assert first.stdout.splitlines() == [
        "course:        Fire safety basics (fire-safety)",
        "version:       1.0.0",
        f"content hash:  {current}",
        "approving as:  mary (management)",
        "what changed:",
        "  no version was approved before: everything in it is new",
        f"approved: wrote {signed.root}/approvals/1.0.0/mary.yaml and its signature mary.yaml.sig",
    ]
    second = approve(cli, signed, "uma")
    assert second.exit_code == 0
    assert "what changed since the last approved version (1.0.0):" in second.stdout
    assert "  nothing trainees or facilitators see has changed" in second.stdout.splitlines()
    out = tmp_path / "dist"
    built = release(cli, signed, out)
    assert built.exit_code == 0, built.output
    package = out / "fire-safety-1.0.0-scorm12.zip"
    with zipfile.ZipFile(package) as archive:
        info = json.loads(archive.read("release.json"))
        shell = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    assert info["content_hash"] == current and info["version"] == "1.0.0"
    assert [(a["name"], a["group"]) for a in info["approvals"]] == [
        ("mary", "management"),
        ("uma", "union"),
    ]
    assert all(a["key_fingerprint"].startswith("SHA256:") for a in info["approvals"])
    assert "Approved for release by mary (management) and uma (union) on " in shell
    assert f'"contentHash":"{current}"' in shell
    assert 'version="1.0.0"' in manifest and "release.json" in manifest

    verified = cli("verify", str(package), "--course", str(signed.root))
    assert verified.exit_code == 0, verified.output
    assert verified.stdout.splitlines() == [
        "signatures: 2 valid, by mary (management), uma (union)",
        f"content hash of the sources: {current}, as approved",
        "rebuilt from the sources: byte for byte the same package",
        "verified: fire-safety-1.0.0-scorm12.zip was built from the approved sources",
    ]
    listed = cli("approvals", "--course", str(signed.root))
    assert listed.exit_code == 0
    assert listed.stdout.count("signature verifies; the sources still match") == 2


def test_a_normal_build_needs_no_approval(cli, signed, tmp_path):
    assert cli("build", "--course", str(signed.root), "--out", str(tmp_path / "d")).exit_code == 0
    with zipfile.ZipFile(tmp_path / "d" / "fire-safety-1.0.0-scorm12.zip") as archive:
        assert "release.json" not in archive.namelist()


UNION_MISSING = "course/course.yaml: error: approval: union needs 1 valid approval of {h}, and has 0"


@pytest.mark.parametrize(
    ("key", "name", "message"),
    [
        # A forged signature: eve's key, not in allowed_signers, signs as uma.
        ("eve", "uma", "approvals/1.0.0/uma.yaml: error: the signature does not match this record: bad signature"),
        # A signer not in allowed_signers.
        ("eve", "eve", "approvals/1.0.0/eve.yaml: error: eve is not in approvals/allowed_signers: unknown signer"),
        # A management key signing as union.
        ("mary", "uma", "approvals/1.0.0/uma.yaml: error: was signed with the key of mary (management), not uma's: a signer in another group"),
    ],
    ids=["forged", "unknown-signer", "management-key-as-union"],
)
def test_a_record_signed_by_hand_with_the_wrong_key(cli, signed, tmp_path, key, name, message):
    approve(cli, signed, "mary")
    forge_record(signed, key, name, "union", content_hash(signed.root))
    h = short(content_hash(signed.root))
    refused(release(cli, signed, tmp_path / "d"), [message, UNION_MISSING.format(h=h)], tmp_path / "d")


def test_a_record_edited_after_signing(cli, signed, tmp_path):
    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    record = signed.root / "approvals/1.0.0/uma.yaml"
    record.write_text(record.read_text().replace("note: ''", "note: changed"))
    refused(
        release(cli, signed, tmp_path / "d"),
        [
            "approvals/1.0.0/uma.yaml: error: the signature does not match this record: bad signature",
            f"course/course.yaml: error: approval: union needs 1 valid approval of {short(content_hash(signed.root))}, and has 0",
        ],
        tmp_path / "d",
    )


def test_a_signature_over_an_older_hash(cli, signed, tmp_path):
    approve(cli, signed, "uma")
    old = content_hash(signed.root)
    page = signed.root / PAGE
    page.write_text(page.read_text().replace("heat", "warmth", 1))
    approve(cli, signed, "mary")
    new = content_hash(signed.root)
    refused(
        release(cli, signed, tmp_path / "d"),
        [
            f"approvals/1.0.0/uma.yaml: error: approves content hash {short(old)}, not the current {short(new)}: wrong hash",
            f"course/course.yaml: error: approval: union needs 1 valid approval of {short(new)}, and has 0",
        ],
        tmp_path / "d",
    )


def test_approve_refuses_an_unknown_signer_and_another_signers_key(cli, signed):
    result = approve(cli, signed, "eve")
    assert result.stderr == "error: eve is not in approvals/allowed_signers: only the signers listed there can approve\n"
    assert result.exit_code == 1
    result = approve(cli, signed, "uma", key="mary")
    assert result.stderr.splitlines() == [
        f"error: {signed.key('mary')} is not uma's key in approvals/allowed_signers: it is mary's (management); nothing was signed"
    ]
    assert result.exit_code == 1
    assert not (signed.root / "approvals/1.0.0").exists()


def test_a_signer_claiming_another_group(cli, signed, tmp_path):
    approve(cli, signed, "uma")
    (signed.root / "approvals/1.0.0/uma.yaml").unlink()
    (signed.root / "approvals/1.0.0/uma.yaml.sig").unlink()
    forge_record(signed, "mary", "mary", "union", content_hash(signed.root))
    h = short(content_hash(signed.root))
    refused(
        release(cli, signed, tmp_path / "d"),
        [
            "approvals/1.0.0/mary.yaml: error: mary signed as union, but approvals/allowed_signers puts mary in management: a signer in another group",
            f"course/course.yaml: error: approval: management needs 1 valid approval of {h}, and has 0",
            f"course/course.yaml: error: approval: union needs 1 valid approval of {h}, and has 0",
        ],
        tmp_path / "d",
    )


def test_a_key_removed_from_allowed_signers_after_signing(cli, signed, tmp_path):
    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    out = tmp_path / "d"
    assert release(cli, signed, out).exit_code == 0
    package = out / "fire-safety-1.0.0-scorm12.zip"
    signers = signed.root / "approvals/allowed_signers"
    signers.write_text(signers.read_text().splitlines(keepends=True)[0])
    refused(
        release(cli, signed, tmp_path / "again"),
        [
            "approvals/1.0.0/uma.yaml: error: uma is not in approvals/allowed_signers: unknown signer",
            f"course/course.yaml: error: approval: union needs 1 valid approval of {short(content_hash(signed.root))}, and has 0",
        ],
        tmp_path / "again",
    )
    verified = cli("verify", str(package), "--course", str(signed.root))
    assert "differs: release.json: approval 2 (uma): uma is not in approvals/allowed_signers: unknown signer" in verified.stderr.splitlines()
    assert verified.stderr.splitlines()[-1] == "error: fire-safety-1.0.0-scorm12.zip is not proved to come from the approved sources"
    assert verified.exit_code == 1


def _approved_then(cli, signed, tmp_path, change):
    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    old = content_hash(signed.root)
    change(signed.root)
    new = content_hash(signed.root)
    assert new != old
    refused(
        release(cli, signed, tmp_path / "d"),
        [
            f"approvals/1.0.0/mary.yaml: error: approves content hash {short(old)}, but the sources now hash to {short(new)}: the sources changed since approval",
            f"approvals/1.0.0/uma.yaml: error: approves content hash {short(old)}, but the sources now hash to {short(new)}: the sources changed since approval",
            f"course/course.yaml: error: approval: management needs 1 valid approval of {short(new)}, and has 0",
            f"course/course.yaml: error: approval: union needs 1 valid approval of {short(new)}, and has 0",
        ],
        tmp_path / "d",
    )


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_changed_word_in_a_page(cli, signed, tmp_path):
    _approved_then(cli, signed, tmp_path, lambda root: _replace(root / PAGE, "heat", "warmth"))


def test_a_changed_option_feedback(cli, signed, tmp_path):
    quiz = "quizzes/fire-basics.yaml"
    text = (signed.root / quiz).read_text()
    feedback = next(line for line in text.splitlines() if "feedback:" in line)
    _approved_then(
        cli, signed, tmp_path, lambda root: _replace(root / quiz, feedback, feedback + " Indeed.")
    )


def test_a_changed_picture(cli, signed, tmp_path):
    picture = signed.root / "modules/fire-basics/images/exits.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    _approved_then(
        cli, signed, tmp_path, lambda root: picture.write_bytes(picture.read_bytes()[:-1] + b"\x00")
    )


def test_a_changed_line_ending_changes_nothing(cli, signed, tmp_path):
    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    page = signed.root / PAGE
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    built = release(cli, signed, tmp_path / "d")
    assert built.exit_code == 0, built.output
    assert built.stderr == ""


def test_a_package_edited_after_the_build(cli, signed, tmp_path):
    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    out = tmp_path / "d"
    assert release(cli, signed, out).exit_code == 0
    package = out / "fire-safety-1.0.0-scorm12.zip"
    page = "pages/fire-basics/fire-triangle.html"
    edited = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(edited, "w") as dest:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == page:
                at = data.index(b"<h1>") + 4
                data = data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]
            dest.writestr(info, data)
    package.write_bytes(edited.getvalue())
    verified = cli("verify", str(package), "--course", str(signed.root))
    assert verified.stderr.splitlines() == [
        f"differs: rebuilt from the sources, the package differs: {page} is different",
        "error: fire-safety-1.0.0-scorm12.zip is not proved to come from the approved sources",
    ]
    assert verified.exit_code == 1


def test_open_review_comments_refuse_a_release(cli, signed, tmp_path):
    from builder.release.reviews import add_comment, set_status

    approve(cli, signed, "mary")
    approve(cli, signed, "uma")
    add_comment(signed.root, "1.0.0", "fire-basics/alarm", "uma", "union", "Say who calls 999.", "alarm-steps")
    refused(
        release(cli, signed, tmp_path / "d"),
        [
            "reviews/1.0.0.yaml: error: comment 1 on fire-basics/alarm (alarm-steps) by uma (union) is still open: resolve it before a release",
        ],
        tmp_path / "d",
    )
    set_status(signed.root, "1.0.0", 1, "resolved")
    assert release(cli, signed, tmp_path / "d").exit_code == 0


def test_what_changed_since_the_last_approved_version(cli, signed):
    approve(cli, signed, "mary")
    _replace(signed.root / "course/course.yaml", 'version: "1.0.0"', 'version: "1.1.0"')
    _replace(signed.root / PAGE, "heat", "warmth")
    result = approve(cli, signed, "mary")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("what changed since the last approved version (1.0.0):")
    assert lines[at + 1 : at + 6] == [
        "  screens: 1 changed, 0 added, 0 removed",
        "  questions: 0 changed, 0 added, 0 removed",
        "  files: 2 changed, 0 added, 0 removed",
        "    screen changed: fire-basics/fire-triangle",
        f"approved: wrote {signed.root}/approvals/1.1.0/mary.yaml and its signature mary.yaml.sig",
    ]
