"""Model: the validated dataset as one frozen, resolved site object.

`build_model(dataset)` runs only on a dataset without errors. References are resolved to objects,
records are sorted in a stable order, and what pages show about a recommendation's follow-up
(current status, progress, last assessment, next due date) is *derived* here from its dated
entries, never stored. Due dates exist only when `site.follow_up_rule` records the City's rule
with its sources; without it nothing is computed. Nothing after this stage sees raw YAML.

Over 400 lines because its classes point at each other (a topic at
its cohort, the cohort at its topics) and `build_model` resolves them all in one pass: split, one
module would hand half-built objects to another. What is computed apart lives apart: the calendar
(calendar.py), the ledger of corrections (records/ledger.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import cast

from ..records import schema
from ..records.cache import digest
from ..records.kinds import KINDS
from ..records.ledger import Ledger, ledger
from ..records.validate import Dataset
from .calendar import Calendar, calendar


@dataclass(frozen=True)
class TargetChange:
    """A target date as it was set, or moved, by a follow-up entry."""

    on: date
    target: schema.PartialDate
    previous: schema.PartialDate | None
    reason: schema.Localized | None


@dataclass(frozen=True)
class FollowUpState:
    """Where a recommendation stands on a given day, derived from its follow-up entries in effect
    (corrections applied: generator/records/ledger.py).

    `status`, `progress` and `latest` come from the latest entry (whoever assessed); `progress` is
    the figure that entry itself gives, None when it gives none: a status's default percentage is a
    convention of the vocabulary, never shown as an assessor's estimate. `verdicts`
    holds the latest entry of each assessor, so that disagreeing assessments can be shown side by
    side. `calendar` holds the due dates of the City's follow-up and what this site holds for each
    (generator/site/calendar.py): `next_due` is the next one to come, never a past one, and
    `awaited_since` the oldest passed one with nothing recorded here. `deadline` is the completion
    date the City announced last (`target`), `deadline_passed` true once it is over and the status
    is not final.
    """

    status: schema.Status
    progress: int | None
    latest: schema.FollowUpEntry | None
    last_assessed: date | None
    calendar: Calendar = field(default_factory=lambda: Calendar(()))
    verdicts: tuple[schema.FollowUpEntry, ...] = ()
    targets: tuple[TargetChange, ...] = ()
    deadline_passed: bool = False
    #: The City's answer to the measure as the latest entry that states one gives it (an entry that
    #: states none leaves it as it was).
    response: str | None = None

    @property
    def disagreement(self) -> bool:
        return len({v.status for v in self.verdicts}) > 1

    @property
    def next_due(self) -> schema.PartialDate | None:
        upcoming = self.calendar.next
        return upcoming.on if upcoming else None

    @property
    def awaited_since(self) -> schema.PartialDate | None:
        return self.calendar.awaited_since

    @property
    def deadline(self) -> schema.PartialDate | None:
        return self.targets[-1].target if self.targets else None

    @property
    def city(self) -> schema.FollowUpEntry | None:
        """The City's latest entry (among `verdicts`, or `latest` when only one assessor spoke)."""
        if self.verdicts:
            return next((v for v in reversed(self.verdicts) if v.assessor == "city"), None)
        return self.latest if self.latest is not None and self.latest.assessor == "city" else None


def _short_repr(self) -> str:
    """A model object as its kind and its record's id: records point at each other (a topic at its
    cohort, the cohort at its topics), and printing the whole graph takes minutes and gigabytes."""
    return f"{type(self).__name__}({self.record.id!r})"


@dataclass(frozen=True, eq=False, repr=False)
class Recommendation:
    record: schema.Recommendation
    topic: Topic
    state: FollowUpState

    __repr__ = _short_repr

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def cohort(self) -> Cohort:
        return self.topic.cohort

    @property
    def secondary(self) -> bool:
        """Known only from a secondary source: no official-looking number, and it says so."""
        return self.record.known_from != "official_text"

    @cached_property
    def ledger(self) -> Ledger:
        """Its follow-up entries with their corrections (generator/records/ledger.py)."""
        return ledger(self.record.follow_up)

    @property
    def documents(self) -> tuple[schema.FollowUpDocument, ...]:
        """The follow-up documents the City published for this measure's cohort."""
        return tuple(self.cohort.record.follow_up_documents)

    @property
    def pending_documents(self) -> tuple[schema.FollowUpDocument, ...]:
        """Published follow-up documents whose content is not entered here yet, and that are not
        older than what is recorded (the last assessment, else the vote): the City may have
        answered there."""
        voted = voted_on(self.topic.record)
        since = self.state.last_assessed or (voted.start if voted else None)
        return tuple(d for d in self.documents if not d.entered and (since is None or d.date.end >= since))


@dataclass(frozen=True, eq=False, repr=False)
class Topic:
    record: schema.Topic
    cohort: Cohort
    workshop: schema.Workshop | None
    recommendations: list[Recommendation] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)

    __repr__ = _short_repr

    @property
    def id(self) -> str:
        return self.record.id

    @cached_property
    def digest(self) -> str:
        """A digest of the topic's record, which its measures' pages show (title, vote, workshop):
        computed once per topic, not once per measure (SiteModel.version_of)."""
        return digest(self.record.model_dump(mode="json"), self.workshop.model_dump(mode="json") if self.workshop else None)


@dataclass(frozen=True, eq=False, repr=False)
class Cohort:
    record: schema.Cohort
    topics: list[Topic] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    member_lists: list[schema.MemberList] = field(default_factory=list)

    __repr__ = _short_repr

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def recommendations(self) -> list[Recommendation]:
        return [r for t in self.topics for r in t.recommendations]

    @property
    def pending_documents(self) -> tuple[schema.FollowUpDocument, ...]:
        """Follow-up documents published for this cohort whose content is not entered here yet."""
        return tuple(d for d in self.record.follow_up_documents if not d.entered)

    def workshop(self, workshop_id: str | None) -> schema.Workshop | None:
        return next((w for w in self.record.workshops if w.id == workshop_id), None)

    @cached_property
    def digest(self) -> str:
        """A digest of the cohort's record (its name, follow-up documents), once per cohort."""
        return digest(self.record.model_dump(mode="json"))


@dataclass(frozen=True, eq=False, repr=False)
class Hearing:
    record: schema.Hearing
    cohort: Cohort
    topic: Topic | None

    __repr__ = _short_repr

    @property
    def id(self) -> str:
        return self.record.id


@dataclass(frozen=True, eq=False, repr=False)
class Meeting:
    record: schema.Meeting
    cohorts: list[Cohort]
    topics: list[Topic]

    __repr__ = _short_repr

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def reviewed(self) -> list[Recommendation]:
        """What a follow-up meeting reviewed: its topics' measures, else its cohorts'."""
        if self.topics:
            return [r for t in self.topics for r in t.recommendations]
        return [r for c in self.cohorts for r in c.recommendations]


@dataclass(frozen=True)
class StatusCount:
    status: schema.Status
    count: int


@dataclass(frozen=True, eq=False, repr=False)
class SiteModel:
    site: schema.Site
    statuses: Sequence[schema.Status]
    not_assessed: schema.Status
    cohorts: Sequence[Cohort]
    topics: Sequence[Topic]
    recommendations: Sequence[Recommendation]
    hearings: Sequence[Hearing]
    meetings: Sequence[Meeting]
    bodies: Sequence[schema.Body]
    member_lists: Sequence[schema.MemberList]
    by_id: Mapping[str, Mapping[str, object]]
    today: date

    def counts(self, recommendations: Sequence[Recommendation]) -> list[StatusCount]:
        """Counts by status, every status of the vocabulary in order (zeros included)."""
        tally = Counter(r.state.status.id for r in recommendations)
        return [StatusCount(s, tally.get(s.id, 0)) for s in self.statuses]

    @cached_property
    def status_by_id(self) -> Mapping[str, schema.Status]:
        return MappingProxyType({s.id: s for s in self.statuses})

    def state_on(self, rec: Recommendation, day: date) -> FollowUpState:
        """The recommendation's state as it stood on `day`, with the corrections known on the build day
        (a table of a past day shows what was said then, as corrected since)."""
        return derive_state(rec.record, self.status_by_id, self.not_assessed,
                            self.site.follow_up_rule, day, voted_on(rec.topic.record), rec.documents, known=self.today)

    def counts_on(self, recommendations: Sequence[Recommendation], day: date) -> list[StatusCount]:
        tally = Counter(self.state_on(r, day).status.id for r in recommendations)
        return [StatusCount(s, tally.get(s.id, 0)) for s in self.statuses]

    @cached_property
    def follow_up_dates(self) -> tuple[date, ...]:
        """Days of follow-up meetings (known to the day), oldest first."""
        days = {m.record.date.start for m in self.meetings
                if m.record.type == "follow_up" and m.record.date.precision == "day"}
        return tuple(sorted(days))

    @cached_property
    def _shared_digest(self) -> str:
        """What every measure's page shows from outside its cohort: the statuses' vocabulary and the
        City's follow-up rule (data/statuses.yml, data/site.yml)."""
        rule = self.site.follow_up_rule
        return digest([s.model_dump(mode="json") for s in self.statuses],
                      rule.model_dump(mode="json") if rule else None)

    def version_of(self, rec: Recommendation) -> str:
        """The version of what a measure's page shows, quoted in its citation (issue 27): the first
        12 hex digits of a SHA-256 over its record, its topic's and cohort's records (titles, vote,
        follow-up documents), the titles of the records it links to, the statuses and the follow-up
        rule. An edit elsewhere leaves it, and the page's bytes, alone; the data's version as a whole
        (exports.data_version) stays in build-info.json and the open data. What depends on the build
        day (due dates passed, « État au … ») is dated on the page instead."""
        record = rec.record
        titles = [cast(Recommendation, self.by_id["recommendations"][other]).record.title
                  for other in record.related_recommendations]
        titles += [cast(Hearing, self.by_id["hearings"][other]).record.title for other in record.related_hearings]
        related = [title.model_dump(mode="json") for title in titles]
        return digest(record.model_dump(mode="json"), rec.topic.digest, rec.cohort.digest, related,
                      self._shared_digest)[:12]

    def changes_between(self, recommendations: Sequence[Recommendation], before: date | None,
                        after: date) -> list[tuple[Recommendation, FollowUpState | None, FollowUpState]]:
        """Recommendations whose status or progress changed between two days (`before` None: ever)."""
        changed: list[tuple[Recommendation, FollowUpState | None, FollowUpState]] = []
        for rec in recommendations:
            new = self.state_on(rec, after)
            old = self.state_on(rec, before) if before else None
            if old is None:
                if new.latest is not None:
                    changed.append((rec, None, new))
            elif (old.status.id, old.progress) != (new.status.id, new.progress):
                changed.append((rec, old, new))
        return changed


def derive_state(record: schema.Recommendation, statuses: Mapping[str, schema.Status],
                 not_assessed: schema.Status, rule: schema.FollowUpRule | None, today: date,
                 voted: schema.PartialDate | None = None,
                 documents: Sequence[schema.FollowUpDocument] = (), known: date | None = None) -> FollowUpState:
    """The state of `record` as it stood on `today` (entries dated later are ignored), from its
    entries in effect as they were known on `known` (default: `today`): a correction made by then
    applies to the day of the entry it corrects, one made later not yet. Due dates come from `rule`
    only: None gives none."""
    known = known or today
    entries = ledger([e for e in record.follow_up if e.corrects is None or e.corrects.date <= known]).effective(until=today)
    due = calendar(rule, voted, entries, documents, statuses, today)
    if not entries:
        return FollowUpState(not_assessed, None, None, None, due)
    latest = entries[-1]
    status = statuses[latest.status]
    progress = latest.progress  # the assessor's own figure only, never the status's default
    by_assessor: dict[str, schema.FollowUpEntry] = {}
    for entry in entries:
        by_assessor[entry.assessor] = entry
    verdicts = tuple(sorted(by_assessor.values(), key=lambda e: (e.date, e.assessor))) if len(by_assessor) > 1 else ()
    targets: list[TargetChange] = []
    for entry in entries:
        if entry.target is not None and (not targets or targets[-1].target != entry.target):
            targets.append(TargetChange(entry.date, entry.target, targets[-1].target if targets else None,
                                        entry.target_reason))
    deadline_passed = bool(targets) and not status.final and targets[-1].target.end < today
    response = next((e.response for e in reversed(entries) if e.response), None)
    return FollowUpState(status, progress, latest, latest.date, due, verdicts=verdicts, targets=tuple(targets),
                         deadline_passed=deadline_passed, response=response)


def build_model(dataset: Dataset, today: date) -> SiteModel:
    """Resolve references and derive follow-up state. `dataset` must have passed `validate`."""
    assert dataset.site is not None and dataset.statuses is not None
    site: schema.Site = dataset.site.record
    vocabulary: schema.StatusVocabulary = dataset.statuses.record
    statuses = sorted(vocabulary.statuses, key=lambda s: (s.order, s.id))
    status_by_id = {s.id: s for s in statuses}
    not_assessed = status_by_id[vocabulary.not_assessed]

    def records(folder: str) -> list:
        return [e.record for e in dataset.entries(folder)]

    cohorts = [Cohort(c) for c in sorted(records("cohorts"), key=lambda c: c.number)]
    cohort_by_id = {c.id: c for c in cohorts}

    # Records are grouped by their parent once (in id order, as `records` gives them), then each
    # group is sorted: every record is looked at once, whatever the size of the dataset.
    topics_of: dict[str, list[schema.Topic]] = defaultdict(list)
    for record in records("topics"):
        topics_of[record.cohort].append(record)
    topics = []
    for cohort in cohorts:
        for record in sorted(topics_of[cohort.id], key=lambda t: (_workshop_order(cohort, t.workshop), t.id)):
            topic = Topic(record, cohort, cohort.workshop(record.workshop))
            cohort.topics.append(topic)
            topics.append(topic)
    topic_by_id = {t.id: t for t in topics}

    recommendations_of: dict[str, list[schema.Recommendation]] = defaultdict(list)
    for record in records("recommendations"):
        recommendations_of[record.topic].append(record)
    recommendations = []
    for topic in topics:
        for record in sorted(recommendations_of[topic.id], key=lambda r: (r.number is None, r.number or 0, r.id)):
            state = derive_state(record, status_by_id, not_assessed, site.follow_up_rule, today,
                                 voted_on(topic.record), topic.cohort.record.follow_up_documents)
            rec = Recommendation(record, topic, state)
            topic.recommendations.append(rec)
            recommendations.append(rec)

    hearings = []
    for record in sorted(records("hearings"), key=lambda h: (h.date.start, h.id)):
        hearing = Hearing(record, cohort_by_id[record.cohort], topic_by_id.get(record.topic or ""))
        hearing.cohort.hearings.append(hearing)
        if hearing.topic:
            hearing.topic.hearings.append(hearing)
        hearings.append(hearing)

    meetings = []
    for record in sorted(records("meetings"), key=lambda m: (m.date.start, m.id)):
        meeting = Meeting(record, [cohort_by_id[c] for c in record.cohorts], [topic_by_id[t] for t in record.topics])
        for cohort in meeting.cohorts:
            cohort.meetings.append(meeting)
        meetings.append(meeting)

    member_lists = records("members")
    for member_list in member_lists:
        cohort_by_id[member_list.cohort].member_lists.append(member_list)

    bodies = sorted(records("bodies"), key=lambda b: (b.order, b.id))
    by_id = {
        "cohorts": MappingProxyType(cohort_by_id),
        "topics": MappingProxyType(topic_by_id),
        "recommendations": MappingProxyType({r.id: r for r in recommendations}),
        "hearings": MappingProxyType({h.id: h for h in hearings}),
        "meetings": MappingProxyType({m.id: m for m in meetings}),
        "bodies": MappingProxyType({b.id: b for b in bodies}),
        "members": MappingProxyType({m.id: m for m in member_lists}),
    }
    # A record type with no resolved object of its own (records/kinds.py): its records, by id.
    for kind in KINDS:
        if kind.folder not in by_id:
            by_id[kind.folder] = MappingProxyType({r.id: r for r in records(kind.folder)})
    return SiteModel(
        site=site, statuses=tuple(statuses), not_assessed=not_assessed, cohorts=tuple(cohorts),
        topics=tuple(topics), recommendations=tuple(recommendations), hearings=tuple(hearings),
        meetings=tuple(meetings), bodies=tuple(bodies), member_lists=tuple(member_lists),
        by_id=MappingProxyType(by_id), today=today,
    )


def voted_on(topic: schema.Topic) -> schema.PartialDate | None:
    """When the text was adopted, at the precision the sources give."""
    if topic.vote is None or topic.vote.result != "adopted":
        return None
    return topic.vote.date


def _workshop_order(cohort: Cohort, workshop_id: str | None) -> int:
    ids = [w.id for w in cohort.record.workshops]
    return ids.index(workshop_id) if workshop_id in ids else len(ids)
