"""The facilitator handbook's agenda: a day (or more) of modules, activities and breaks.

Modules are timed by their `minutes`, activities by their numbered steps; each module
then gets time for discussion (listing the questions the module chose, if it chose any),
for each scenario (played in pairs, then with roles swapped, then debriefed; the rows say
who plays whom) and for its knowledge check, and the last session for the final assessment
and the self-assessment. The days are shared out so that none runs past DAY_LIMIT and no
stretch runs past BLOCK_LIMIT (a module's practice can follow a break).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from builder.interface.catalogue import SOURCE, Interface

# --- timings (minutes) ----------------------------------------------------------------------

DAY_START = 9 * 60 + 30  # 09:30
DAY_LIMIT = 7 * 60  # the longest day the agenda plans, breaks included (09:30 to 16:30)
BLOCK_LIMIT = 90  # the longest stretch without a break
BREAK = 15
LUNCH = 45
LUNCH_AFTER = 150  # the first pause this far into a day is lunch
OPENING = 20  # welcome, introductions and pairing
RECAP = 15  # start of every later day
DAY_REVIEW = 10  # end of every day but the last
CLOSING = 20  # action planning and close
BRIEF = 5  # introducing an activity
PER_STEP = 3  # each numbered step of an activity
SHARE_BACK = 10  # pairs report back
UNSTEPPED_WORK = 15  # pair work for an activity with no numbered steps
DISCUSSION = 10  # two or three of a module's discussion questions
SCENARIO = 20  # a scenario: play it, swap roles and play again, debrief
PER_QUESTION = 1  # each question of a knowledge check or the final assessment
SELF_ASSESSMENT = 25  # the self-assessment, completed in pairs, then talked through
PRACTICE = ("scenario", "check")  # rows that may follow a break after their module


@dataclass
class AgendaRow:
    kind: str  # session, module, discussion, activity, scenario, check, break, lunch
    title: str
    minutes: int
    start: str = ""
    end: str = ""
    anchor: str = ""
    details: list[str] = field(default_factory=list)  # lines under the title


@dataclass
class AgendaDay:
    number: int
    rows: list[AgendaRow]

    @property
    def start(self) -> str:
        return self.rows[0].start

    @property
    def end(self) -> str:
        return self.rows[-1].end

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rows)


@dataclass
class Agenda:
    days: list[AgendaDay]

    def total(self, *kinds: str) -> int:
        return sum(r.minutes for d in self.days for r in d.rows if not kinds or r.kind in kinds)


def activity_minutes(steps: int) -> int:
    """Minutes to allow for an activity with `steps` numbered steps, rounded up to 5."""
    work = steps * PER_STEP if steps else UNSTEPPED_WORK
    return int(math.ceil((BRIEF + work + SHARE_BACK) / 5) * 5)


def question_minutes(count: int) -> int:
    """Minutes for `count` questions answered alone, rounded up to 5."""
    return int(math.ceil(count * PER_QUESTION / 5) * 5)


def plan_agenda(
    modules: list[Any],
    final_questions: int = 0,
    diagnostic: bool = False,
    words: Interface | None = None,
) -> Agenda:
    """The fewest days that fit DAY_LIMIT, with the modules shared out as evenly as possible.

    A module never splits across days; a module longer than a day gets a day of its own. The
    final assessment (`final_questions` questions) and the self-assessment end the last day.
    """
    words = words or Interface(SOURCE)
    module_blocks = [_module_rows(m, words) for m in modules]
    closing = []
    if final_questions:
        title = words.plural("handbook.agenda.final", final_questions)
        closing.append(AgendaRow("check", title, question_minutes(final_questions)))
    if diagnostic:
        title = words.text("handbook.agenda.self_assessment")
        closing.append(AgendaRow("check", title, SELF_ASSESSMENT))
    if closing and module_blocks:
        module_blocks[-1] = module_blocks[-1] + closing
    days = _fill_days(module_blocks, DAY_LIMIT, words)
    # The shortest longest-day that still needs no more days evens the days out.
    low, high = 0, max(d.minutes for d in days)
    while low < high:
        middle = (low + high) // 2
        if len(_fill_days(module_blocks, middle, words)) <= len(days):
            high = middle
        else:
            low = middle + 1
    return Agenda(_fill_days(module_blocks, high, words))


def _fill_days(
    module_blocks: list[list[AgendaRow]], limit: int, words: Interface
) -> list[AgendaDay]:
    """Put as many modules into each day as fit in `limit` minutes (at least one a day)."""
    days: list[AgendaDay] = []
    start = 0
    while start < len(module_blocks):
        end = start + 1
        while end < len(module_blocks):
            last = end + 1 == len(module_blocks)
            trial = _plan_day(len(days) + 1, module_blocks[start : end + 1], last, words)
            if trial.minutes > limit:
                break
            end += 1
        last = end == len(module_blocks)
        days.append(_plan_day(len(days) + 1, module_blocks[start:end], last, words))
        start = end
    return days


def _module_rows(module: Any, words: Interface) -> list[AgendaRow]:
    anchor = f"module-{module.id}"
    title = words.text("handbook.module_title", number=module.number, title=module.title)
    rows = [AgendaRow("module", title, module.minutes, anchor=anchor)]
    chosen = list(getattr(module, "discussion", None) or [])
    if chosen:
        title = words.plural("handbook.agenda.discussion", len(chosen))
        questions_at = f"discussion-{module.id}"
        rows.append(AgendaRow("discussion", title, DISCUSSION, anchor=questions_at, details=chosen))
    elif getattr(module, "topics", None) or getattr(module, "general_questions", None):
        title = words.text("handbook.agenda.discussion_some")
        rows.append(AgendaRow("discussion", title, DISCUSSION, anchor=anchor))
    rows += [AgendaRow("activity", a.heading, a.minutes, anchor=anchor) for a in module.activities]
    questions = getattr(module, "questions", None) or []
    for q in questions:
        if q.type == "scenario":
            title = words.text("handbook.agenda.scenario", title=q.prompt)
            play = getattr(q, "play", None)
            details = [*play.rounds, debrief_line(len(play.questions), words)] if play else []
            rows.append(AgendaRow("scenario", title, SCENARIO, anchor=f"q-{q.id}", details=details))
    check = [q for q in questions if not q.final_only and q.type != "scenario"]
    if check:
        played = any(q.type == "scenario" for q in questions)
        key = "handbook.agenda.check_other" if played else "handbook.agenda.check"
        title = words.plural(key, len(check))
        rows.append(AgendaRow("check", title, question_minutes(len(check)), anchor=anchor))
    return rows


def debrief_line(questions: int, words: Interface | None = None) -> str:
    return (words or Interface(SOURCE)).plural("handbook.agenda.debrief", questions)


def _parts(block: list[AgendaRow]) -> list[list[AgendaRow]]:
    """A module's rows as the stretches a break may fall between: the module with its
    discussion and activities, then its scenarios and checks."""
    first = next((i for i, r in enumerate(block) if r.kind in PRACTICE), len(block))
    return [part for part in (block[:first], block[first:]) if part]


def _plan_day(
    number: int, module_blocks: list[list[AgendaRow]], last: bool, words: Interface
) -> AgendaDay:
    say = words.text
    opening = (
        AgendaRow("session", say("handbook.agenda.welcome"), OPENING)
        if number == 1
        else AgendaRow("session", say("handbook.agenda.recap", number=number - 1), RECAP)
    )
    rows = [opening]
    elapsed = since_break = opening.minutes
    lunched = False
    for block in (part for module in module_blocks for part in _parts(module)):
        length = sum(r.minutes for r in block)
        if since_break and since_break + length > BLOCK_LIMIT:
            if not lunched and elapsed >= LUNCH_AFTER:
                pause, lunched = AgendaRow("lunch", say("handbook.agenda.lunch"), LUNCH), True
            else:
                pause = AgendaRow("break", say("handbook.agenda.break"), BREAK)
            rows.append(pause)
            elapsed += pause.minutes
            since_break = 0
        rows += [copy.copy(r) for r in block]
        elapsed += length
        since_break += length
    rows.append(
        AgendaRow("session", say("handbook.agenda.close"), CLOSING)
        if last
        else AgendaRow("session", say("handbook.agenda.review"), DAY_REVIEW)
    )
    minute = DAY_START
    for row in rows:
        row.start, row.end = clock(minute), clock(minute + row.minutes)
        minute += row.minutes
    return AgendaDay(number, rows)


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def duration(minutes: int, words: Interface | None = None) -> str:
    """ "1 h 05 min", "45 min", "2 h", in the words of `words` (en-GB by default)."""
    say = (words or Interface(SOURCE)).text
    hours, rest = divmod(minutes, 60)
    if not hours:
        return say("handbook.duration.min", minutes=rest)
    if rest:
        return say("handbook.duration.h_min", hours=hours, minutes=f"{rest:02d}")
    return say("handbook.duration.h", hours=hours)
