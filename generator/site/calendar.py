"""Calendar: the follow-up due dates of a measure, from the City's recorded rule alone.

The rule (`follow_up_rule` of data/site.yml, quoted with its sources on every page that shows a due
date) gives a first due date some months after the vote, then one every so many months. Each due
date, from the first one until the City gives a final status, is in one of four states on the
build's day:

- `answered`: the City made an entry for it (the entries in effect, corrections applied: ledger.py);
- `published`: nothing entered for it, but the City published a follow-up document for that time
  whose content is not entered here yet (`follow_up_documents` of the cohort, `entered: false`);
- `not_recorded`: it has passed and this site holds nothing for it. That is all it says: the City
  may have answered somewhere this site has not read, so no page calls it a failure;
- `upcoming`: it has not passed yet (the day itself is not late) and nothing answers it yet. The
  calendar stops at the first upcoming date, the next one.

Which due date an entry or a document answers: the nearest one, the vote counting as a point of its
own (an answer given at the vote answers none of the yearly ones). So a due date collects what is
dated from halfway since the previous due date (or the vote) to halfway to the next one: an answer a
few weeks early or a few months late counts for the date it answers. Only the City's entries answer
a due date (the rule is the City's): the members' or an observer's assessment is shown as such, and
the date it falls near stays unanswered by the City.

A due date has the precision of the vote (a vote known to the month gives due months); it has passed
once its last day has. Nothing here reads the clock: `today` is the build's day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..records import schema


def add_months(day: date, months: int) -> date:
    """`day` plus `months`; the 31st becomes the month's last day when the month is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_months_partial(day: schema.PartialDate, months: int) -> schema.PartialDate:
    """`day` plus `months`, at the same precision."""
    if day.month is None:
        return schema.PartialDate(day.year + months // 12)
    shifted = add_months(date(day.year, day.month, day.day or 1), months)
    return schema.PartialDate(shifted.year, shifted.month, shifted.day if day.day else None)


ANSWERED, PUBLISHED, NOT_RECORDED, UPCOMING = "answered", "published", "not_recorded", "upcoming"
STATES = (ANSWERED, PUBLISHED, NOT_RECORDED, UPCOMING)


@dataclass(frozen=True)
class Due:
    """One due date of a measure's follow-up and what this site holds for it."""

    on: schema.PartialDate
    state: str
    #: Its last day is before the build's day (the due day itself is not late).
    passed: bool
    #: The City's entries (in effect) that answer it, oldest first.
    answers: tuple[schema.FollowUpEntry, ...] = ()
    #: The published follow-up documents not entered yet that fall on it.
    documents: tuple[schema.FollowUpDocument, ...] = ()

#: What a measure's follow-up calendar says as a whole, for counting measures: the first that
#: applies. `awaited`: a due date has passed with nothing recorded here; `document`: a passed due
#: date has only a published document not entered yet; `answered`: every passed due date is answered;
#: `not_yet`: no due date has passed yet; `ended`: the City gave a final status (nothing more is due);
#: `none`: no due date at all (no rule recorded, the text not adopted, or its vote date unknown).
SUMMARIES = ("awaited", "document", "answered", "not_yet", "ended", "none")


@dataclass(frozen=True)
class Calendar:
    """The due dates of one measure, from the first to the next one to come (or to the City's final
    status), on the build's day."""

    dues: tuple[Due, ...]
    #: The City's entry whose final status ended the calendar, if any.
    ended_by: schema.FollowUpEntry | None = None
    #: The day the states were computed (the build's day).
    today: date | None = None

    @property
    def next(self) -> Due | None:
        """The next due date to come; None once the calendar has ended."""
        return next((d for d in self.dues if d.state == UPCOMING), None)

    @property
    def awaited(self) -> tuple[Due, ...]:
        """The passed due dates with nothing recorded here, oldest first."""
        return tuple(d for d in self.dues if d.state == NOT_RECORDED)

    @property
    def awaited_since(self) -> schema.PartialDate | None:
        """The oldest passed due date with nothing recorded here."""
        return self.awaited[0].on if self.awaited else None

    @property
    def published(self) -> tuple[Due, ...]:
        return tuple(d for d in self.dues if d.state == PUBLISHED)

    @property
    def past(self) -> tuple[Due, ...]:
        return tuple(d for d in self.dues if d.state != UPCOMING)

    @property
    def summary(self) -> str:
        if self.awaited:
            return "awaited"
        if self.published:
            return "document"
        if self.ended_by is not None:
            return "ended"
        if self.past:
            return "answered"
        return "not_yet" if self.dues else "none"



def calendar(rule: schema.FollowUpRule | None, voted: schema.PartialDate | None,
             entries: Sequence[schema.FollowUpEntry], documents: Sequence[schema.FollowUpDocument],
             statuses: Mapping[str, schema.Status], today: date) -> Calendar:
    """The calendar of a measure voted on `voted`, from its entries in effect (oldest first, none
    dated after `today`) and its cohort's follow-up documents."""
    if rule is None or voted is None:
        return Calendar((), today=today)
    city = [e for e in entries if e.assessor == "city" and e.date <= today]
    final = next((e for e in reversed(city) if statuses[e.status].final), None)
    # The calendar ends with the City's latest entry when that entry's status is final (a later
    # non-final entry of the City would reopen it: then it is not the latest).
    if final is not None and final is not city[-1]:
        final = None
    pending = [d for d in documents if not d.entered]
    dues: list[Due] = []
    previous = voted.start
    on = add_months_partial(voted, rule.first_after_months)
    while True:
        start = _midpoint(previous, on.start)
        if final is not None and start > final.date:
            break
        following = add_months_partial(on, rule.then_every_months) if rule.then_every_months else None
        end = _midpoint(on.start, following.start) if following else None
        answers = tuple(e for e in city if start <= e.date and (end is None or e.date < end))
        found = tuple(d for d in pending if start <= d.date.start and (end is None or d.date.start < end))
        passed = on.end < today
        if answers:
            state = ANSWERED
        elif not passed:
            state = UPCOMING
        else:
            state = PUBLISHED if found else NOT_RECORDED
        dues.append(Due(on, state, passed, answers, found))
        if state == UPCOMING or following is None:
            break
        previous, on = on.start, following
    return Calendar(tuple(dues), final, today)


def _midpoint(a: date, b: date) -> date:
    return date.fromordinal((a.toordinal() + b.toordinal() + 1) // 2)
