"""The day a follow-up falls due is not late; the day after is. Both ways a due date is reached: the
last assessment plus the interval, and, for a measure never assessed, the vote plus the interval.

The minimal fixture records no follow-up rule (so it shows no due date); these tests give it one,
12 months after the vote, then every 12 months. Its measure was assessed on 2025-09-01 (in progress): it
is due on 2026-09-01. Its topic was voted on 2025-07-02: without entries it would be due on 2026-07-02.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.build import load_content
from generator.records.validate import validate
from generator.site.i18n import translations
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


@pytest.mark.parametrize(("today", "late"), [(date(2026, 8, 31), False), (date(2026, 9, 1), False),
                                             (date(2026, 9, 2), True)])
def test_a_follow_up_is_late_only_after_its_due_day(minimal_copy: Path, today: date, late: bool) -> None:
    model = model_on(with_rule(minimal_copy) / "data", today)
    state = next(r for r in model.recommendations if r.id == REC).state
    assert state.next_due == date(2026, 9, 1)
    assert state.stale is late and state.overdue is late
    warning = translations("fr").gettext("stale_warning").split("%(")[0].strip()
    assert (warning in recommendation_page(model, "fr")) is late


@pytest.mark.parametrize(("today", "late"), [(date(2026, 7, 2), False), (date(2026, 7, 3), True)])
def test_a_measure_never_assessed_is_late_only_after_the_vote_plus_the_interval(minimal_copy: Path, today: date,
                                                                               late: bool) -> None:
    model = model_on(without_follow_up(with_rule(minimal_copy)), today)
    state = next(r for r in model.recommendations if r.id == REC).state
    assert state.latest is None and state.first_due
    assert state.next_due == date(2026, 7, 2)
    assert state.stale is late
