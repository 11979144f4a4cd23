"""Review comments: saved under a lock by many writers at once, listed by screen, and kept
on their screen when the pages are reordered."""

from __future__ import annotations

import csv
import io
import multiprocessing
import shutil

import yaml
from helpers import FIXTURES

from builder.release.reviews import add_comment, read_comments, set_status


def _write_many(root, author, count):
    for n in range(count):
        add_comment(root, "1.0.0", "fire-basics/alarm", author, "union", f"{author} {n}")


def test_many_writers_at_once_lose_nothing(tmp_path):
    processes = [
        multiprocessing.get_context("spawn").Process(target=_write_many, args=(tmp_path, name, 15))
        for name in ("mary", "uma", "ann", "raj")
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    comments = read_comments(tmp_path, "1.0.0")
    assert sorted(c.id for c in comments) == list(range(1, 61))
    assert sorted(c.text for c in comments) == sorted(
        f"{a} {n}" for a in ("mary", "uma", "ann", "raj") for n in range(15)
    )
    assert not [p for p in (tmp_path / "reviews").iterdir() if p.suffix == ".part"]


def test_the_file_is_plain_yaml_with_every_field(tmp_path):
    add_comment(tmp_path, "1.0.0", "fire-basics/quiz", "uma", "union", "Unclear.", "fire-02/b")
    set_status(tmp_path, "1.0.0", 1, "resolved")
    text = (tmp_path / "reviews" / "1.0.0.yaml").read_text(encoding="utf-8")
    (item,) = yaml.safe_load(text)["comments"]
    assert list(item) == ["id", "screen", "anchor", "status", "author", "group", "time", "text"]
    assert item["anchor"] == "fire-02/b" and item["status"] == "resolved"
    assert "\n  screen: fire-basics/quiz\n" in text  # one field a line: a readable diff


def test_reviews_lists_by_screen_and_keeps_them_after_pages_are_reordered(cli, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    add_comment(root, "1.0.0", "fire-basics/alarm", "uma", "union", "Add the 999 call.", "alarm-steps")
    add_comment(root, "1.0.0", "fire-basics/fire-triangle", "mary", "management", "Fine.")
    set_status(root, "1.0.0", 2, "resolved")
    before = cli("reviews", "--course", str(root))
    assert before.exit_code == 0
    lines = before.stdout.splitlines()
    assert lines[0] == "fire-basics/fire-triangle" and lines[-1] == "2 comments, 1 open"
    folder = root / "modules" / "fire-basics"
    (folder / "01-fire-triangle.md").rename(folder / "02-fire-triangle.md.tmp")
    (folder / "02-alarm.md").rename(folder / "01-alarm.md")
    (folder / "02-fire-triangle.md.tmp").rename(folder / "02-fire-triangle.md")
    after = cli("reviews", "--course", str(root), "--open")
    assert after.exit_code == 0
    assert after.stdout.splitlines()[0] == "fire-basics/alarm"
    assert "(no such screen now)" not in after.stdout
    assert "on alarm-steps" in after.stdout and "Fine." not in after.stdout
    table = cli("reviews", "--course", str(root), "--format", "csv")
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert rows[0] == ["id", "screen", "anchor", "status", "author", "group", "time", "text"]
    assert [r[1] for r in rows[1:]] == ["fire-basics/alarm", "fire-basics/fire-triangle"]
    assert rows[1][2] == "alarm-steps"


def test_preview_review_needs_a_listed_reviewer(cli, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    result = cli("preview", "--course", str(root), "--review")
    assert result.exit_code == 2 and "--review and --as NAME go together" in result.stderr
    (root / "approvals").mkdir()
    (root / "approvals" / "allowed_signers").write_text("", encoding="utf-8")
    result = cli("preview", "--course", str(root), "--review", "--as", "zoe", "--port", "0")
    assert result.stderr == (
        "error: zoe is not in approvals/allowed_signers: reviewers are the signers listed there\n"
    )
    assert result.exit_code == 1
