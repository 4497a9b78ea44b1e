"""The day a follow-up falls due is not late; the day after is: whether the measure was assessed or not,
its due dates are the vote plus the rule's intervals (generator/site/calendar.py).

The minimal fixture records no follow-up rule (so it shows no due date); these tests give it one,
12 months after the vote, then every 12 months. Its topic was voted on 2025-07-02: the first due date is
2026-07-02. Its measure was assessed on 2025-09-01 (in progress), nearer the vote than that date.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.build import load_content
from generator.records import schema
from generator.records.validate import validate
from generator.site.model import build_model
from generator.site.render import render_site

from .conftest import CHECK_DAY, MINIMAL, ROOT

REC = "test-sujet-01"


def model_on(data: Path, today: date):
    dataset, problems = validate(data, ROOT, today=CHECK_DAY)
    assert not [p.text() for p in problems if p.is_error]
    return build_model(dataset, today)


def recommendation_page(model, lang: str) -> str:
    content, _ = load_content(MINIMAL / "content", ROOT)
    pages = {page.path: page.text for page in render_site(model, content)}
    return pages[f"{lang}/recommandations/{REC}/index.md"]


RULE = """follow_up_rule:
  first_after_months: 12
  then_every_months: 12
  text:
    fr: "Une réponse un an après le vote, puis chaque année (règle fictive)."
    en: "An answer a year after the vote, then every year (a fictional rule)."
  sources:
    - title: "Règle fictive"
      url: https://example.org/minimal/regle
      publisher: "Ville de Test (fictive)"
      published: 2024-01-01
      consulted: 2026-01-01
"""


def with_rule(minimal_copy: Path) -> Path:
    site = minimal_copy / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + RULE, encoding="utf-8")
    return minimal_copy


def without_follow_up(minimal_copy: Path) -> Path:
    record = minimal_copy / "data" / "recommendations" / f"{REC}.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^follow_up:\n(?:  .*\n|    .*\n)*", "", text, flags=re.M), encoding="utf-8")
    return minimal_copy / "data"


@pytest.mark.parametrize(("today", "late"), [(date(2026, 7, 1), False), (date(2026, 7, 2), False),
                                             (date(2026, 7, 3), True)])
def test_a_follow_up_is_awaited_only_after_its_due_day(minimal_copy: Path, today: date, late: bool) -> None:
    """The entry of 2025-09-01 is nearer the vote than the first due date: it answers none of the yearly ones."""
    model = model_on(with_rule(minimal_copy) / "data", today)
    state = next(r for r in model.recommendations if r.id == REC).state
    assert state.awaited_since == (schema.PartialDate(2026, 7, 2) if late else None)
    assert state.next_due == (schema.PartialDate(2027, 7, 2) if late else schema.PartialDate(2026, 7, 2))
    page = recommendation_page(model, "fr")
    assert ("Suivi attendu depuis" in page) is late
    assert "Prochain suivi attendu" in page


@pytest.mark.parametrize(("today", "late"), [(date(2026, 7, 2), False), (date(2026, 7, 3), True)])
def test_a_measure_never_assessed_is_awaited_only_after_the_vote_plus_the_interval(minimal_copy: Path, today: date,
                                                                                  late: bool) -> None:
    model = model_on(without_follow_up(with_rule(minimal_copy)), today)
    state = next(r for r in model.recommendations if r.id == REC).state
    assert state.latest is None
    assert [(d.on, d.state) for d in state.calendar.dues][0] == (schema.PartialDate(2026, 7, 2),
                                                                  "not_recorded" if late else "upcoming")
    assert (state.awaited_since is not None) is late


def test_an_answer_on_time_leaves_nothing_awaited_and_the_next_date_a_year_later(minimal_copy: Path) -> None:
    data = with_rule(minimal_copy) / "data"
    record = data / "recommendations" / f"{REC}.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("date: 2025-09-01", "date: 2026-06-20").replace(
        "consulted: 2025-09-02", "consulted: 2026-06-21"), encoding="utf-8")
    model = model_on(data, date(2026, 11, 22))
    state = next(r for r in model.recommendations if r.id == REC).state
    assert state.awaited_since is None and state.next_due == schema.PartialDate(2027, 7, 2)
    assert state.calendar.summary == "answered"
    # The target date (2026-06) has passed and the measure is still in progress.
    assert state.deadline_passed
