"""Item-writing lint, answer keys: patterns in where the keys sit that give marks away.

A test-wise trainee learns a bank's habits: the key is usually the first option, or the
longest one; multiple-response questions list their keys first, or always have three;
true/false statements are mostly false. Each rule warns about one such habit in a bank.
"""

from __future__ import annotations

from collections import Counter

from builder.check.locations import COURSE_FILE, attached_banks, field_line
from builder.load.loader import Loaded
from builder.model.course import ChoiceQuestion, MultipleResponse, SingleChoice, TrueFalse
from builder.model.problems import Location, Problems

KEY_POSITION_SHARE, KEY_POSITION_MIN = 0.40, 5
LONGEST_SHARE, LONGEST_MIN = 0.35, 3
KEY_COUNT_SHARE, KEY_COUNT_MIN = 0.60, 3
TRUE_FALSE_SHARE, TRUE_FALSE_MIN = 0.65, 4
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def check_key_patterns(loaded: Loaded, problems: Problems) -> None:
    for path, quiz in attached_banks(loaded):
        bank = field_line(loaded, path, "questions")
        choice = [q for q in quiz.questions if isinstance(q, ChoiceQuestion)]
        positions = Counter(
            [o.id for o in q.options].index(key)
            for q in choice
            for key in q.correct_ids()
            if key in [o.id for o in q.options]
        )
        total = sum(positions.values())
        if total >= KEY_POSITION_MIN:
            position, count = max(positions.items(), key=lambda item: (item[1], -item[0]))
            if count > KEY_POSITION_SHARE * total:
                problems.warning(
                    bank,
                    f"{count} of {total} keys ({percent(count, total)}) are the "
                    f"{ordinal(position)} option listed; no one position should hold more "
                    f"than {percent(KEY_POSITION_SHARE)}: move some keys to other places",
                    "key-position",
                )
        singles = [q for q in choice if isinstance(q, SingleChoice)]
        longest = [q for q in singles if key_is_only_longest(q)]
        if len(singles) >= LONGEST_MIN and len(longest) > LONGEST_SHARE * len(singles):
            problems.warning(
                bank,
                f"in {len(longest)} of {len(singles)} single-choice questions "
                f"({percent(len(longest), len(singles))}) the key is the only longest option; "
                f"keep it to {percent(LONGEST_SHARE)} or less: lengthen a wrong option or "
                "shorten the key",
                "longest-option",
            )
        multiples = [q for q in choice if isinstance(q, MultipleResponse)]
        for q in multiples:
            if keys_listed_first(q):
                index = quiz.questions.index(q)
                problems.warning(
                    field_line(loaded, path, "questions", index, "options"),
                    f'question "{q.id}": {all_keys(len(q.correct_ids()))} listed before '
                    "the other options: mix them in",
                    "keys-first",
                )
        counts = Counter(len(q.correct_ids()) for q in multiples)
        if len(multiples) >= KEY_COUNT_MIN:
            keys, count = max(counts.items(), key=lambda item: (item[1], -item[0]))
            if count > KEY_COUNT_SHARE * len(multiples):
                problems.warning(
                    bank,
                    f"{count} of {len(multiples)} multiple-response questions "
                    f"({percent(count, len(multiples))}) have {keys} keys; no one number of "
                    f"keys should be more than {percent(KEY_COUNT_SHARE)}: vary how many "
                    "options are right",
                    "key-count",
                )
        answers = [q.answer for q in quiz.questions if isinstance(q, TrueFalse)]
        _true_false_balance(answers, bank, "", problems)
    # The final assessment draws from every bank, so the banks together are checked too.
    if loaded.course is not None and loaded.course.final_assessment is not None:
        banks = [
            [q.answer for q in quiz.questions if isinstance(q, TrueFalse)]
            for _path, quiz in attached_banks(loaded)
        ]
        if sum(1 for answers in banks if answers) > 1:
            where = field_line(loaded, COURSE_FILE, "final_assessment")
            scope = " across the banks the final assessment draws on"
            _true_false_balance([a for answers in banks for a in answers], where, scope, problems)


def _true_false_balance(
    answers: list[bool], where: Location, scope: str, problems: Problems
) -> None:
    told = len(answers)
    if told < TRUE_FALSE_MIN:
        return
    count = max(answers.count(True), answers.count(False))
    if count > TRUE_FALSE_SHARE * told:
        word = "true" if answers.count(True) == count else "false"
        other = "false" if word == "true" else "true"
        problems.warning(
            where,
            f"{count} of {told} true/false answers{scope} ({percent(count, told)}) are "
            f"{word}; keep either answer to {percent(TRUE_FALSE_SHARE)} or less: "
            f"write some statements whose answer is {other}",
            "true-false-balance",
        )


def key_is_only_longest(question: SingleChoice) -> bool:
    keys = set(question.correct_ids())
    lengths = [(len(o.text), o.id in keys) for o in question.options]
    top = max(length for length, _ in lengths)
    at_top = [is_key for length, is_key in lengths if length == top]
    return at_top == [True]


def keys_listed_first(question: MultipleResponse) -> bool:
    keys = set(question.correct_ids())
    flags = [o.id in keys for o in question.options]
    return len(keys) < len(flags) and flags == sorted(flags, reverse=True)


def all_keys(count: int) -> str:
    return "both keys are" if count == 2 else f"all {count} keys are"


def percent(part: float, whole: float = 1) -> str:
    return f"{round(100 * part / whole)} %"


def ordinal(index: int) -> str:
    return ORDINALS[index] if index < len(ORDINALS) else f"{index + 1}th"
