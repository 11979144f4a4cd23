"""The content hash: properties over generated courses' files (Hypothesis).

Line endings, a byte-order mark and the order files are listed in never change it; any
change to what a file holds, a new file, a removed or renamed file always does.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.release.content_hash import content_hash, digest_files, source_files

NAMES = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
TEXT_PATHS = st.builds(
    lambda folder, name, ext: f"{folder}/{name}{ext}",
    st.sampled_from(["modules/m", "modules/m/images", "quizzes", "translations"]),
    NAMES,
    st.sampled_from([".md", ".yaml", ".svg", ".xlf", ".css"]),
)
BINARY_PATHS = st.builds(
    lambda name, ext: f"modules/m/images/{name}{ext}", NAMES, st.sampled_from([".png", ".jpg"])
)
LINES = st.lists(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\ufeff"), max_size=30),
    max_size=6,
)


@st.composite
def courses(draw):
    """{path: bytes}: text files as lines, pictures as any bytes, plus course.yaml."""
    files = {"course/course.yaml": b'id: c\nversion: "1.0"\ntitle: T\n'}
    for path in draw(st.lists(TEXT_PATHS, max_size=6, unique=True)):
        files[path] = "\n".join(draw(LINES)).encode("utf-8")
    for path in draw(st.lists(BINARY_PATHS, max_size=3, unique=True)):
        files[path] = draw(st.binary(max_size=40))
    return files


def with_endings(files, ending, bom):
    out = {}
    for path, data in files.items():
        if path.endswith((".png", ".jpg")):
            out[path] = data
        else:
            out[path] = (b"\xef\xbb\xbf" if bom else b"") + data.replace(b"\n", ending)
    return out


@given(courses(), st.sampled_from([b"\r\n", b"\r", b"\n"]), st.booleans(), st.randoms())
@settings(max_examples=150, deadline=None)
def test_line_endings_bom_and_order_do_not_change_it(files, ending, bom, rnd):
    changed = with_endings(files, ending, bom)
    items = list(changed.items())
    rnd.shuffle(items)
    assert digest_files(dict(items)) == digest_files(files)


@given(courses(), st.data())
@settings(max_examples=200, deadline=None)
def test_any_change_to_a_file_changes_it(files, data):
    path = data.draw(st.sampled_from(sorted(p for p in files if p != "course/course.yaml")) if len(files) > 1 else st.just("modules/m/new.md"))
    before = files.get(path, b"")
    if path.endswith((".png", ".jpg")):
        after = data.draw(st.binary(max_size=41).filter(lambda b: b != before))
    else:
        text = data.draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
        # Only line endings and a BOM are normalised: anything else must count.
        norm = lambda b: b.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # noqa: E731
        after = text.encode("utf-8")
        if norm(after) == norm(before):
            after = before + b"x"
    assert digest_files({**files, path: after}) != digest_files(files)


@given(courses(), NAMES)
@settings(max_examples=100, deadline=None)
def test_adding_removing_or_renaming_a_file_changes_it(files, name):
    added = {**files, f"modules/m/{name}-extra.md": b""}
    assert digest_files(added) != digest_files(files)
    for path in [p for p in files if p != "course/course.yaml"][:1]:
        removed = {p: d for p, d in files.items() if p != path}
        renamed = {**removed, path.replace("/", "/z", 1): files[path]}
        assert digest_files(removed) != digest_files(files)
        assert digest_files(renamed) != digest_files(files)


@given(st.text(min_size=1, max_size=20).filter(lambda t: t.strip() and "\r" not in t))
@settings(max_examples=100, deadline=None)
def test_course_yaml_counts_every_value_but_approval(title):
    base = 'id: c\nversion: "1.0"\ntitle: T\n'
    approval = "approval:\n  groups:\n    management: 2\n"
    same = {"course/course.yaml": (base + "# a comment\n" + approval).encode()}
    assert digest_files(same) == digest_files({"course/course.yaml": base.encode()})
    import json

    other = base.replace("title: T", f"title: {json.dumps(title)}")
    if title != "T":
        assert digest_files({"course/course.yaml": other.encode()}) != digest_files(
            {"course/course.yaml": base.encode()}
        )


def test_only_content_folders_are_hashed(tmp_path):
    for rel in ["course/course.yaml", "modules/m/01-a.md", "approvals/1.0/x.yaml", "reviews/1.0.yaml", "dist/x.zip", "modules/m/.hidden"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x: 1\n")
    assert sorted(source_files(tmp_path)) == ["course/course.yaml", "modules/m/01-a.md"]
    before = content_hash(tmp_path)
    (tmp_path / "reviews/1.0.yaml").write_bytes(b"changed")
    assert content_hash(tmp_path) == before
    (tmp_path / "modules/m/01-a.md").write_bytes(b"x: 2\n")
    assert content_hash(tmp_path) != before


def test_file_system_order_does_not_matter(tmp_path):
    names = [f"modules/m/{n:02d}-p.md" for n in range(12)]
    hashes = set()
    for seed in range(3):
        root = tmp_path / str(seed)
        order = names[:]
        random.Random(seed).shuffle(order)
        for rel in ["course/course.yaml", *order]:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(rel, encoding="utf-8")
        hashes.add(content_hash(root))
    assert len(hashes) == 1
