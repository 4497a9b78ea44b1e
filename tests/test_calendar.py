"""The follow-up calendar (generator/site/calendar.py): every due date from the City's rule, from the
first one until a final status, each answered, published but not entered, not recorded here, or to
come — worked out by hand below — and, on the real data built on BUILD_DATE, no page that calls a
past date "next"."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date
from pathlib import Path

import pytest

from generator.records import schema
from generator.records.validate import validate
from generator.site.calendar import ANSWERED, NOT_RECORDED, PUBLISHED, UPCOMING, calendar
from generator.site.model import build_model

from .conftest import BUILD_DATE, CHECK_DAY, ROOT

RULE = schema.FollowUpRule(first_after_months=12, then_every_months=12, text={"fr": "Règle fictive."},
                           sources=[{"title": "Règle", "url": "https://example.org/r", "consulted": "2024-01-01"}])
ONCE = RULE.model_copy(update={"then_every_months": None})
VOTED = schema.PartialDate(2023, 3, 16)
STATUSES = {"in_progress": schema.Status(id="in_progress", label={"fr": "En cours"}, definition={"fr": "…"},
                                         order=2, tone="progress", progress=50, final=False),
            "done": schema.Status(id="done", label={"fr": "Fait"}, definition={"fr": "…"}, order=3, tone="done",
                                  progress=100, final=True)}


def entry(day: str, assessor: str = "city", status: str = "in_progress") -> schema.FollowUpEntry:
    return schema.FollowUpEntry(date=day, assessor=assessor, status=status,
                                sources=[{"title": "Fictif", "url": "https://example.org/e", "consulted": day}])


def document(day: str, entered: bool = False) -> schema.FollowUpDocument:
    return schema.FollowUpDocument(title={"fr": "Document fictif"}, url="https://example.org/d.pdf", date=day,
                                   entered=entered,
                                   sources=[{"title": "Page", "url": "https://example.org/p", "consulted": "2026-01-01"}])


def states(cal) -> list[tuple[str, str]]:
    return [(d.on.isoformat(), d.state) for d in cal.dues]


def test_a_measure_with_nothing_recorded_has_every_past_due_date_awaited_and_the_next_to_come() -> None:
    cal = calendar(RULE, VOTED, [], [], STATUSES, date(2026, 12, 7))
    assert states(cal) == [("2024-03-16", NOT_RECORDED), ("2025-03-16", NOT_RECORDED),
                           ("2026-03-16", NOT_RECORDED), ("2027-03-16", UPCOMING)]
    assert cal.next is not None and cal.next.on == schema.PartialDate(2027, 3, 16)
    assert cal.awaited_since == schema.PartialDate(2024, 3, 16)
    assert cal.summary == "awaited"


@pytest.mark.parametrize(("today", "expected"), [
    (date(2024, 3, 15), [("2024-03-16", UPCOMING)]),
    (date(2024, 3, 16), [("2024-03-16", UPCOMING)]),  # the due day itself is not late
    (date(2024, 3, 17), [("2024-03-16", NOT_RECORDED), ("2025-03-16", UPCOMING)]),
])
def test_a_due_date_is_passed_only_the_day_after(today: date, expected: list) -> None:
    assert states(calendar(RULE, VOTED, [], [], STATUSES, today)) == expected


def test_a_vote_known_to_the_month_gives_due_months_passed_only_after_their_last_day() -> None:
    voted = schema.PartialDate(2024, 7)
    assert states(calendar(RULE, voted, [], [], STATUSES, date(2025, 7, 31))) == [("2025-07", UPCOMING)]
    assert states(calendar(RULE, voted, [], [], STATUSES, date(2025, 8, 1))) == [("2025-07", NOT_RECORDED),
                                                                                  ("2026-07", UPCOMING)]


def test_an_answer_counts_for_the_nearest_due_date_early_or_late_and_one_at_the_vote_for_none() -> None:
    entries = [entry("2023-04-01"),   # at the vote: nearer the vote than the first due date
               entry("2024-02-10"),   # five weeks early: answers 2024-03-16
               entry("2025-08-30")]   # five months late: answers 2025-03-16
    cal = calendar(RULE, VOTED, entries, [], STATUSES, date(2026, 12, 7))
    assert states(cal) == [("2024-03-16", ANSWERED), ("2025-03-16", ANSWERED), ("2026-03-16", NOT_RECORDED),
                           ("2027-03-16", UPCOMING)]
    assert [e.date for e in cal.dues[0].answers] == [date(2024, 2, 10)]
    assert [e.date for e in cal.dues[1].answers] == [date(2025, 8, 30)]
    assert cal.awaited_since == schema.PartialDate(2026, 3, 16)


def test_only_the_citys_entries_answer_its_due_dates() -> None:
    cal = calendar(RULE, VOTED, [entry("2024-03-20", "members"), entry("2024-03-21", "observer")], [], STATUSES,
                   date(2024, 12, 1))
    assert states(cal) == [("2024-03-16", NOT_RECORDED), ("2025-03-16", UPCOMING)]


def test_a_final_status_from_the_city_ends_the_calendar_and_one_from_another_assessor_does_not() -> None:
    ended = calendar(RULE, VOTED, [entry("2024-03-10"), entry("2025-03-01", status="done")], [], STATUSES,
                     date(2026, 12, 7))
    assert states(ended) == [("2024-03-16", ANSWERED), ("2025-03-16", ANSWERED)]
    assert ended.next is None and ended.ended_by is not None and ended.summary == "ended"
    members = calendar(RULE, VOTED, [entry("2024-03-10"), entry("2025-03-01", "members", "done")], [], STATUSES,
                       date(2026, 12, 7))
    assert states(members)[-1] == ("2027-03-16", UPCOMING) and members.ended_by is None
    # A later, non-final entry of the City reopens it.
    reopened = calendar(RULE, VOTED, [entry("2024-03-10", status="done"), entry("2025-03-01")], [], STATUSES,
                        date(2025, 12, 1))
    assert states(reopened) == [("2024-03-16", ANSWERED), ("2025-03-16", ANSWERED), ("2026-03-16", UPCOMING)]


def test_a_published_document_not_entered_is_said_for_its_due_date_and_an_entered_one_is_not() -> None:
    cal = calendar(RULE, VOTED, [], [document("2024-03")], STATUSES, date(2026, 12, 7))
    assert states(cal)[:2] == [("2024-03-16", PUBLISHED), ("2025-03-16", NOT_RECORDED)]
    assert cal.awaited_since == schema.PartialDate(2025, 3, 16) and cal.published[0].documents
    entered = calendar(RULE, VOTED, [], [document("2024-03", entered=True)], STATUSES, date(2026, 12, 7))
    assert states(entered)[0] == ("2024-03-16", NOT_RECORDED)


def test_a_rule_that_does_not_repeat_gives_one_due_date_and_no_rule_or_no_vote_none() -> None:
    assert states(calendar(ONCE, VOTED, [], [], STATUSES, date(2026, 12, 7))) == [("2024-03-16", NOT_RECORDED)]
    assert calendar(None, VOTED, [], [], STATUSES, date(2026, 12, 7)).dues == ()
    assert calendar(RULE, None, [], [], STATUSES, date(2026, 12, 7)).summary == "none"


# --- the real data ---------------------------------------------------------------------------------


def words(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    folded = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    return folded.replace("( ", "(").replace(" )", ")")


FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]
NEXT = re.compile(r"(?:Prochain suivi attendu|prochain :|Prochain suivi) (?:le )?(\d{1,2}(?:er)? )?(" + "|".join(FRENCH_MONTHS)
                  + r") (\d{4})")


def test_no_page_of_the_real_site_calls_a_past_date_next(real_site) -> None:
    result, out = real_site
    seen = 0
    for path in sorted(out.rglob("index.html")):
        if path.is_relative_to(out / "en"):
            continue
        for day, month, year in NEXT.findall(words(path)):
            seen += 1
            month_number = FRENCH_MONTHS.index(month) + 1
            last = (date(int(year), month_number, int(day.strip().removesuffix("er"))) if day else
                    date(int(year) + month_number // 12, month_number % 12 + 1, 1))
            assert last >= BUILD_DATE, f"{path.relative_to(out)} calls {day}{month} {year} next"
    assert seen >= 2 * len(result.model.recommendations)  # each measure's page and its topic's table at least


def test_the_first_cohorts_measures_show_what_is_awaited_since_march_2024(real_site) -> None:
    result, out = real_site
    first = [r for r in result.model.recommendations if r.cohort.id == "promotion-1"]
    assert first
    for rec in first:
        cal = rec.state.calendar
        # March 2024: the City's document is published, its content not entered; since then, nothing here.
        assert states(cal) == [("2024-03-16", PUBLISHED), ("2025-03-16", NOT_RECORDED), ("2026-03-16", NOT_RECORDED),
                               ("2027-03-16", UPCOMING)], rec.id
        text = words(out / "recommandations" / rec.id / "index.html")
        assert "Suivi attendu depuis 16 mars 2025 — rien n’est enregistré ici pour cette échéance" in text
        assert ("16 mars 2024 — la Ville a publié un document de suivi daté de mars 2024 d’après le nom de son "
                "fichier (Document « droit de suite » de la 1re promotion) ; son contenu n’est pas encore saisi ici") in text
        assert "16 mars 2025 — échéance passée ; rien n’est enregistré ici pour elle" in text
        assert "Prochain suivi attendu 16 mars 2027" in text
        assert "État au 22 novembre 2026." in text


def test_the_home_page_counts_measures_by_their_calendar(real_site) -> None:
    result, out = real_site
    awaited = sum(1 for r in result.model.recommendations if r.state.calendar.awaited)
    assert awaited == len(result.model.recommendations)  # nothing is entered yet: every measure waits
    home = words(out / "index.html")
    assert f"Échéances de suivi au 22 novembre 2026 : {awaited} mesures : au moins une échéance passée sans rien d’enregistré ici" in home
    english = words(out / "en" / "index.html")
    assert f"Follow-up due dates as of 22 November 2026: {awaited} measures: at least one passed due date with nothing recorded here" in english


def test_the_awaited_page_lists_every_awaited_measure_oldest_first_by_cohort_and_topic(real_site) -> None:
    result, out = real_site
    page = (out / "suivi" / "attendus" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<small class="dds-id">[^<]*?([a-z0-9]+(?:-[a-z0-9]+)+)</small>', page.split('class="dds-lead"', 1)[1])
    expected = [r.id for r in result.model.recommendations if r.state.calendar.awaited or r.state.deadline_passed]
    assert sorted(listed) == sorted(expected) and len(listed) == len(set(listed))
    cohorts = re.findall(r'<h2 id="a-([a-z0-9-]+)">', page)
    assert cohorts == ["promotion-1", "promotion-2"]  # March 2025 before July 2025
    assert "ne veut pas dire que la Ville n’a pas répondu" in words(out / "suivi" / "attendus" / "index.html")
    for url in ("suivi/index.html", "suivi/promotion-1/index.html", "index.html"):
        assert 'href="' in page and "attendus/" in (out / url).read_text(encoding="utf-8"), url


def test_a_cohort_cannot_take_the_awaited_pages_id(minimal_copy: Path) -> None:
    cohort = next((minimal_copy / "data" / "cohorts").glob("*.yml"))
    target = cohort.with_name("attendus.yml")
    target.write_text(re.sub(r"^id: .*$", "id: attendus", cohort.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    _, problems = validate(minimal_copy / "data", ROOT, today=CHECK_DAY)
    assert any("L’identifiant «\u00a0attendus\u00a0» est l’adresse de la liste des suivis attendus" in p.message
               for p in problems if p.is_error)


def test_the_model_uses_the_calendar_for_next_and_awaited(real_site) -> None:
    result, _ = real_site
    model = build_model(validate(ROOT / "data", ROOT, today=CHECK_DAY)[0], BUILD_DATE)
    for rec in model.recommendations:
        st = rec.state
        assert st.next_due is None or st.next_due.end >= BUILD_DATE
        assert st.awaited_since is None or st.awaited_since.end < BUILD_DATE
