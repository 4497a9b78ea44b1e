"""Corrections are records, not edits (generator/records/ledger.py): the demo's measure demo-sport-02 has
an entry of 13 March 2026 whose percentage was left out, corrected on 2 April 2026. The corrected entry
stays on the page, marked; the state, the calendar and the tables use the correction."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records import schema
from generator.records.ledger import ledger

from .conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT
from .htmltables import table

DEMO = FIXTURES / "demo"
REC = "demo-sport-02"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.Result, Path]:
    out = tmp_path_factory.mktemp("corrections") / "site"
    result = pipeline.build(DEMO / "data", DEMO / "content", out, ROOT, search=False, fictional=True,
                            build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok
    return result, out


def words(html: str) -> str:
    folded = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return folded.replace("( ", "(").replace(" )", ")")


def entry(**values: object) -> schema.FollowUpEntry:
    return schema.FollowUpEntry(**{"assessor": "city", "status": "in_progress", "sources": [
        {"title": "T", "url": "https://example.org/t", "consulted": "2026-01-01"}], **values})


def test_a_correction_replaces_the_entry_it_names_and_can_itself_be_corrected() -> None:
    first = entry(date="2025-03-14")
    second = entry(date="2026-03-13")
    fix = entry(date="2026-03-13", progress=30, progress_reason={"fr": "r"},
                corrects={"entry_date": "2026-03-13", "date": "2026-04-02", "reason": {"fr": "oubli"}})
    fix_again = entry(date="2026-03-12", progress=30, progress_reason={"fr": "r"},
                      corrects={"entry_date": "2026-03-13", "date": "2026-05-02", "reason": {"fr": "date"}})
    book = ledger([first, second, fix, fix_again])
    assert book.corrected_by == {1: 2, 2: 3} and book.corrects == {2: 1, 3: 2}
    assert book.effective() == [first, fix_again]  # oldest first, by date
    assert book.unresolved == ()
    stray = entry(date="2026-06-01", corrects={"entry_date": "2024-01-01", "date": "2026-06-02", "reason": {"fr": "?"}})
    assert ledger([first, stray]).unresolved == (1,)


def test_the_state_the_calendar_and_the_tables_use_the_correction(demo) -> None:
    result, out = demo
    rec = result.model.by_id["recommendations"][REC]
    assert rec.state.progress == 30 and rec.state.latest is rec.record.follow_up[2]
    due = next(d for d in rec.state.calendar.dues if d.on == schema.PartialDate(2026, 5, 28))
    assert due.answers == (rec.record.follow_up[2],)  # the correction answers it, once
    topic = (out / "sujets" / "demo-sport" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in table(topic, "Suivi des recommandations — Le sport en accès libre dans l’espace public").rows
               if REC in r[1])
    assert "30 %" in row


def test_the_corrected_entry_stays_on_the_page_marked_and_the_correction_says_what_it_corrects(demo) -> None:
    _, out = demo
    html = (out / "recommandations" / REC / "index.html").read_text(encoding="utf-8")
    history = html.split('id="history"', 1)[1]
    corrected = words(history.split('id="entry-2"', 1)[1].split("</li>", 1)[0])
    correction = words(history.split('id="entry-3"', 1)[1].split("</li>", 1)[0])
    assert corrected.startswith("> 13 mars 2026 — La Ville Entrée corrigée le 2 avril 2026 : Le pourcentage que "
                                "donne le rapport (30 %) avait été oublié à la saisie. Voir la correction.")
    assert 'href="#entry-3"' in history.split('id="entry-2"', 1)[1].split("</li>", 1)[0]
    assert correction.startswith("> 13 mars 2026 — La Ville — correction Correction, faite le 2 avril 2026, de "
                                 "l’entrée du 13 mars 2026 : Le pourcentage")
    assert 'href="#entry-2"' in history.split('id="entry-3"', 1)[1].split("</li>", 1)[0]
    # The top box quotes what the City answered in the entry in effect (the correction), and links to it.
    said = html.split('class="dds-said"', 1)[1].split('class="dds-said__more"', 1)
    said = said[0] + said[1].split("</p>", 1)[0]
    assert words(said).startswith("> La Ville a répondu : Trois gymnases ouvrent le samedi à titre d’essai. Lire toute "
                                  "la réponse du 13 mars 2026")
    assert 'href="#entry-3"' in said
    english = words((out / "en" / "recommandations" / REC / "index.html").read_text(encoding="utf-8"))
    assert ("Entry corrected on 2 April 2026: The percentage the report gives (30%) had been left out when the entry "
            "was made.") in english


def test_a_correction_counts_once_in_the_calendar_summary(demo) -> None:
    result, _ = demo
    rec = result.model.by_id["recommendations"][REC]
    answered = [e for d in rec.state.calendar.dues for e in d.answers]
    assert len(answered) == len(set(map(id, answered))) == 2
    assert result.model.state_on(rec, date(2026, 3, 31)).progress == 30  # the correction of that day's entry


def test_a_correction_made_after_the_build_day_does_not_apply_yet() -> None:
    from generator.records.validate import validate
    from generator.site.model import build_model

    dataset, _ = validate(DEMO / "data", ROOT, today=CHECK_DAY)
    before = build_model(dataset, date(2026, 4, 1)).by_id["recommendations"][REC]
    after = build_model(dataset, date(2026, 4, 2)).by_id["recommendations"][REC]
    assert before.state.progress is None and before.state.latest is before.record.follow_up[1]
    assert after.state.progress == 30
