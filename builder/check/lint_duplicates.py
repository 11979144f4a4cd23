"""Item-writing lint, near-duplicates: the same question asked in two banks.

Two questions are near-duplicates when most of the content words of their prompt and key
are the same (the Jaccard share of the two word sets reaches `lint.near_duplicates` in
course.yaml). Questions linked by `variant_of` are meant to be alike and are not reported.

Comparing every pair of tens of thousands of questions would take minutes, so candidate
pairs come from MinHash signatures split into bands (locality-sensitive hashing): two
questions become candidates when one band of their signatures is equal, and each candidate
pair is then measured exactly, so nothing is reported that is not a near-duplicate. Identical
word sets are always found; a pair right at the default share of 0.8 is found with a
probability of 99 %, one at 0.85 of 99.9 %, and more alike pairs more surely still.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import defaultdict
from typing import Any

from builder.check.locations import attached_banks, field_line, where_first
from builder.load.loader import Loaded
from builder.model.course import (
    ChoiceQuestion,
    Matching,
    Ordering,
    QuestionBase,
    TrueFalse,
    variant_roots,
)
from builder.model.problems import Location, Problems

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOP_WORDS = frozenset(
    """a about above after all also an and any are as at be been before being both but by
    can could did do does each for from had has have he her his how i if in into is it its
    may more most must no of on one or other our out over she should so some such than that
    the their them then there these they this those through to too under up us very was we
    were what when where which while who whom why will with would you your""".split()
)
DEFAULT_SHARE = 0.8
SIGNATURE = 64  # MinHash values per question: 12 bands of 5 rows, or 32 of 2 for low shares


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP_WORDS}


def question_words(question: Any) -> set[str]:
    """Content words of a question's prompt and its key; a scenario has no single key."""
    if not isinstance(question, QuestionBase):
        return set()
    parts = [question.prompt]
    if isinstance(question, ChoiceQuestion):
        keys = set(question.correct_ids())
        parts += [o.text for o in question.options if o.id in keys]
    elif isinstance(question, TrueFalse):
        parts.append(str(question.answer).lower())
    elif isinstance(question, Matching):
        parts += [f"{p.item} {p.match}" for p in question.pairs]
    elif isinstance(question, Ordering):
        parts += [item.text for item in question.items]
    return content_words(" ".join(parts))


def check_near_duplicates(loaded: Loaded, problems: Problems) -> None:
    share = loaded.course.lint.near_duplicates if loaded.course else DEFAULT_SHARE
    entries: list[tuple[str, str, int, Any, set[str]]] = []
    for path, quiz in attached_banks(loaded):
        for index, question in enumerate(quiz.questions):
            words = question_words(question)
            if words:
                entries.append((path, path, index, question, words))
    linked = _families(entries)
    for a, b in similar_pairs([e[4] for e in entries], share):
        first, second = entries[a], entries[b]
        if first[0] == second[0] or linked.get(first[3].id) == linked.get(second[3].id):
            continue
        where: Location = field_line(loaded, first[1], "questions", first[2], "id")
        problems.warning(
            field_line(loaded, second[1], "questions", second[2], "id"),
            f'question "{second[3].id}" is a near-duplicate of question "{first[3].id}" '
            f"({where_first(where)}): link them with `variant_of: {first[3].id}`, or "
            "rewrite one",
            "near-duplicate",
        )


def similar_pairs(sets: list[set[str]], share: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose Jaccard similarity is at least `share`, in order."""
    rows = 5 if share >= 0.75 else 2  # rows per band: fewer rows find less similar pairs
    hashes: dict[str, tuple[int, ...]] = {}
    buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for j, words in enumerate(sets):
        for word in words:
            if word not in hashes:
                hashes[word] = _word_hashes(word)
        signature = list(map(min, zip(*(hashes[w] for w in words), strict=True)))
        for band in range(0, SIGNATURE - SIGNATURE % rows, rows):
            buckets[(band, *signature[band : band + rows])].append(j)
    candidates = {
        (members[a], members[b])
        for members in buckets.values()
        for b in range(1, len(members))
        for a in range(b)
    }
    found = []
    for i, j in sorted(candidates, key=lambda pair: (pair[1], pair[0])):
        common = len(sets[i] & sets[j])
        if common >= share * (len(sets[i]) + len(sets[j]) - common):
            found.append((i, j))
    return found


def _word_hashes(word: str) -> tuple[int, ...]:
    """SIGNATURE independent 32-bit hashes of a word, the same on every run."""
    data = word.encode("utf-8")
    digests = b"".join(
        hashlib.blake2b(data, digest_size=64, salt=bytes([n]) * 16).digest()
        for n in range(SIGNATURE // 16)
    )
    return struct.unpack(f"<{SIGNATURE}I", digests)


def _families(entries: list[tuple[str, str, int, Any, set[str]]]) -> dict[str, str]:
    """Question id -> the root of its `variant_of` chain (itself when it has none)."""
    return variant_roots([e[3] for e in entries])
