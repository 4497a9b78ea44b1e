"""The model is built in one pass over the records (issue 15), and is the same model as before.

`slow_build_model` below is the model as it was built before: for each cohort, every topic is
looked at; for each topic, every recommendation is (10 million comparisons at 10,000
recommendations). It is kept here as the reference: the model the generator builds now must give
the same structure and the same rendered pages, byte for byte, on the demo data and on a generated
dataset of a few hundred recommendations.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from generator import build as pipeline
from generator.records.validate import Dataset
from generator.site.model import (
    Cohort,
    Hearing,
    Meeting,
    Recommendation,
    SiteModel,
    Topic,
    _workshop_order,
    build_model,
    derive_state,
    voted_on,
)
from generator.site.render import render_site

from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "tools"))

import fake_data  # noqa: E402


def slow_build_model(dataset: Dataset, today: date) -> SiteModel:
    """The model as generator/site/model.py built it before issue 15 (quadratic), as the reference."""
    site = dataset.site.record
    vocabulary = dataset.statuses.record
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
            state = derive_state(record, status_by_id, not_assessed, site.follow_up_rule, today, voted_on(topic.record),
                                 topic.cohort.record.follow_up_documents)
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
        "cohorts": MappingProxyType(cohort_by_id), "topics": MappingProxyType(topic_by_id),
        "recommendations": MappingProxyType({r.id: r for r in recommendations}),
        "hearings": MappingProxyType({h.id: h for h in hearings}), "meetings": MappingProxyType({m.id: m for m in meetings}),
        "bodies": MappingProxyType({b.id: b for b in bodies}), "members": MappingProxyType({m.id: m for m in member_lists}),
    }
    return SiteModel(
        site=site, statuses=tuple(statuses), not_assessed=not_assessed, cohorts=tuple(cohorts), topics=tuple(topics),
        recommendations=tuple(recommendations), hearings=tuple(hearings), meetings=tuple(meetings),
        bodies=tuple(bodies), member_lists=tuple(member_lists), by_id=MappingProxyType(by_id), today=today,
    )


def dump(model: SiteModel) -> list[str]:
    """The model's structure as lines of text: every list in its order, every derived state."""
    ids = lambda items: ",".join(i.id for i in items)  # noqa: E731
    lines = [f"statuses {ids(model.statuses)}; not assessed {model.not_assessed.id}; today {model.today}"]
    for c in model.cohorts:
        lines.append(f"cohort {c.id}: topics {ids(c.topics)}; hearings {ids(c.hearings)}; meetings {ids(c.meetings)}; "
                     f"members {ids(c.member_lists)}; recommendations {ids(c.recommendations)}")
    for t in model.topics:
        lines.append(f"topic {t.id} of {t.cohort.id}, workshop {t.workshop.id if t.workshop else None}: "
                     f"{ids(t.recommendations)}; hearings {ids(t.hearings)}")
    for r in model.recommendations:
        lines.append(f"recommendation {r.id} of {r.topic.id}: {r.state!r}")
    lines += [f"hearing {h.id}: {h.cohort.id} {h.topic.id if h.topic else None}" for h in model.hearings]
    lines += [f"meeting {m.id}: {ids(m.cohorts)} / {ids(m.topics)} / {ids(m.reviewed)}" for m in model.meetings]
    lines.append(f"bodies {ids(model.bodies)}; member lists {ids(model.member_lists)}")
    lines += [f"by_id {folder}: {','.join(mapping)}" for folder, mapping in model.by_id.items()]
    return lines


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    fake_data.generate(folder, 300, seed=3)
    return folder


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_model_and_pages_are_those_of_the_reference(which: str, generated: Path) -> None:
    folder = FIXTURES / "demo" if which == "demo" else generated
    dataset, content, problems = pipeline.check(folder / "data", folder / "content", folder, today=CHECK_DAY)
    assert not [p.text() for p in problems if p.is_error]
    # (Models stay out of assertions: pytest would print them, and their repr walks the whole graph.)
    fast, slow = build_model(dataset, BUILD_DATE), slow_build_model(dataset, BUILD_DATE)
    count = len(fast.recommendations)
    assert count == len(dataset.folders["recommendations"]) > 0
    difference = first_difference(dump(fast), dump(slow))
    assert difference is None
    pages = render_site(fast, content, fictional=True, parallel=False)
    reference = render_site(slow, content, fictional=True, parallel=False)
    difference = first_difference([p.path for p in pages], [p.path for p in reference])
    assert difference is None
    for page, expected in zip(pages, reference, strict=True):
        difference = first_difference(page.text.splitlines(), expected.text.splitlines())
        assert difference is None, page.path


def first_difference(lines: list[str], expected: list[str]) -> tuple[int, str, str] | None:
    """Where two long lists of lines first differ (pytest's own diff of them takes minutes)."""
    for number, (line, wanted) in enumerate(zip(lines, expected, strict=False), start=1):
        if line != wanted:
            return number, line[:300], wanted[:300]
    if len(lines) != len(expected):
        return min(len(lines), len(expected)) + 1, f"{len(lines)} lines", f"{len(expected)} lines"
    return None
