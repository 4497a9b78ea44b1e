"""Model: the validated dataset as one frozen, resolved site object.

`build_model(dataset)` runs only on a dataset without errors. References are resolved to objects,
records are sorted in a stable order, and what pages show about a recommendation's follow-up
(current status, progress, last assessment, next due date) is *derived* here from its dated
entries, never stored. Nothing after this stage sees raw YAML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType

from . import schema
from .validate import Dataset


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class FollowUpState:
    """Where a recommendation stands, derived from its latest follow-up entry."""

    status: schema.Status
    progress: int | None
    latest: schema.FollowUpEntry | None
    last_assessed: date | None
    next_due: date | None


@dataclass(frozen=True, eq=False)
class Recommendation:
    record: schema.Recommendation
    topic: Topic
    state: FollowUpState

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def cohort(self) -> Cohort:
        return self.topic.cohort


@dataclass(frozen=True, eq=False)
class Topic:
    record: schema.Topic
    cohort: Cohort
    workshop: schema.Workshop | None
    recommendations: list[Recommendation] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.record.id


@dataclass(frozen=True, eq=False)
class Cohort:
    record: schema.Cohort
    topics: list[Topic] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    member_lists: list[schema.MemberList] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def recommendations(self) -> list[Recommendation]:
        return [r for t in self.topics for r in t.recommendations]

    def workshop(self, workshop_id: str | None) -> schema.Workshop | None:
        return next((w for w in self.record.workshops if w.id == workshop_id), None)


@dataclass(frozen=True, eq=False)
class Hearing:
    record: schema.Hearing
    cohort: Cohort
    topic: Topic | None

    @property
    def id(self) -> str:
        return self.record.id


@dataclass(frozen=True, eq=False)
class Meeting:
    record: schema.Meeting
    cohorts: list[Cohort]
    topics: list[Topic]

    @property
    def id(self) -> str:
        return self.record.id


@dataclass(frozen=True)
class StatusCount:
    status: schema.Status
    count: int


@dataclass(frozen=True, eq=False)
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


def derive_state(record: schema.Recommendation, statuses: Mapping[str, schema.Status],
                 not_assessed: schema.Status, interval_months: int, today: date) -> FollowUpState:
    if not record.follow_up:
        return FollowUpState(not_assessed, None, None, None, None)
    latest = record.follow_up[-1]
    status = statuses[latest.status]
    progress = latest.progress if latest.progress is not None else status.progress
    next_due = None if status.final else add_months(latest.date, interval_months)
    return FollowUpState(status, progress, latest, latest.date, next_due)


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

    topics = []
    for cohort in cohorts:
        own = [t for t in records("topics") if t.cohort == cohort.id]
        for record in sorted(own, key=lambda t: (_workshop_order(cohort, t.workshop), t.id)):
            topic = Topic(record, cohort, cohort.workshop(record.workshop))
            cohort.topics.append(topic)
            topics.append(topic)
    topic_by_id = {t.id: t for t in topics}

    recommendations = []
    for topic in topics:
        own = [r for r in records("recommendations") if r.topic == topic.id]
        for record in sorted(own, key=lambda r: (r.number is None, r.number or 0, r.id)):
            state = derive_state(record, status_by_id, not_assessed, site.follow_up_interval_months, today)
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
    return SiteModel(
        site=site, statuses=tuple(statuses), not_assessed=not_assessed, cohorts=tuple(cohorts),
        topics=tuple(topics), recommendations=tuple(recommendations), hearings=tuple(hearings),
        meetings=tuple(meetings), bodies=tuple(bodies), member_lists=tuple(member_lists),
        by_id=MappingProxyType(by_id), today=today,
    )


def _workshop_order(cohort: Cohort, workshop_id: str | None) -> int:
    ids = [w.id for w in cohort.record.workshops]
    return ids.index(workshop_id) if workshop_id in ids else len(ids)
