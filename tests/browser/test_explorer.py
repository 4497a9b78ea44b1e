"""The recommendations explorer: complete without JavaScript; with it, filters, counts, shareable
URLs and sortable columns (demo dataset, which has every status)."""

from __future__ import annotations

import calendar
import csv
import io
from collections import Counter
from datetime import date

import pytest
import yaml

from ..conftest import FIXTURES
from .conftest import goto

pytestmark = pytest.mark.browser


def expected_by_status(served) -> Counter:
    return Counter(r.state.status.id for r in served.model.recommendations)


def test_without_javascript_the_whole_table_is_there_and_the_form_hidden(pages, served_demo) -> None:
    page = pages.open(served_demo, javascript=False)
    goto(page, served_demo.url("recommandations/"))
    rows = page.locator("#rec-table tbody tr")
    assert rows.count() == len(served_demo.model.recommendations) == 30
    assert not page.locator("form.dds-explorer").is_visible()
    # the selection's download needs the script: without it, only the whole files are offered
    assert not page.locator("[data-selection]").is_visible()
    assert page.locator(".dds-data-links a[download]").count() == 3
    assert page.watch.take() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filter_by_status_updates_rows_count_and_url(pages, served_demo, lang) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/", lang))
    form = page.locator("form.dds-explorer")
    assert form.is_visible()
    counts = expected_by_status(served_demo)
    status, expected = counts.most_common(1)[0]
    page.select_option("#f-status", status)
    visible = page.locator("#rec-table tbody tr:visible")
    assert visible.count() == expected
    assert all(row.get_attribute("data-status") == status for row in visible.all())
    count_text = page.locator(".dds-explorer__count").inner_text()
    assert f"{expected}" in count_text and "30" in count_text
    assert f"status={status}" in page.url
    # the URL keeps the view: reloading it applies the same filter
    shared = page.url
    other = pages.open(served_demo)
    goto(other, shared)
    assert other.locator("#rec-table tbody tr:visible").count() == expected
    assert other.locator("#f-status").input_value() == status
    # free text narrows further; reset brings every row back
    page.fill("#f-q", "zzz-nothing-matches")
    assert page.locator("#rec-table tbody tr:visible").count() == 0
    page.click("form.dds-explorer button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#rec-table tbody tr:not([hidden])').length === 30")
    assert page.watch.take() == []


def test_sorting_a_column_reorders_rows_and_says_so(pages, served_demo) -> None:
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/"))
    header = page.locator("#rec-table thead th").nth(5)  # progress
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = page.eval_on_selector_all("#rec-table tbody tr td:nth-child(6)", "cells => cells.map(c => c.dataset.sort)")
    assert values == sorted(values)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    values = page.eval_on_selector_all("#rec-table tbody tr td:nth-child(6)", "cells => cells.map(c => c.dataset.sort)")
    assert values == sorted(values, reverse=True)
    assert page.watch.take() == []


def _months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _nearest(points: list[date], day: date) -> int:
    """The index of the point nearest `day` (the later one on a tie)."""
    return min(range(len(points)), key=lambda k: (abs((points[k] - day).days), -k))


def awaited_from_the_records(today: date) -> set[str]:
    """The demo's measures with a passed due date that has nothing recorded, worked out from the YAML files
    alone (not from the generator's calendar): the due dates are the vote plus 12, 24… months (the demo's
    rule); a City entry, corrections applied, answers the due date nearest to it (the vote being a point
    of its own); a published document not entered answers the one nearest its first day; a final status
    from the City's latest entry stops the dates after it."""
    data = FIXTURES / "demo" / "data"
    read = lambda path: yaml.safe_load(path.read_text(encoding="utf-8"))  # noqa: E731
    rule = read(data / "site.yml")["follow_up_rule"]
    assert rule["first_after_months"] == rule["then_every_months"] == 12
    final = {s["id"] for s in read(data / "statuses.yml")["statuses"] if s["final"]}
    topics = {p.stem: read(p) for p in (data / "topics").glob("*.yml")}
    documents = {p.stem: [d for d in read(p).get("follow_up_documents", []) if not d.get("entered")]
                 for p in (data / "cohorts").glob("*.yml")}
    awaited = set()
    for path in (data / "recommendations").glob("*.yml"):
        record = read(path)
        topic = topics[record["topic"]]
        vote = topic.get("vote") or {}
        if vote.get("result") != "adopted" or not isinstance(vote.get("date"), date):
            continue
        entries = list(record.get("follow_up", []))
        for fix in [e for e in entries if "corrects" in e]:
            key = (fix["corrects"]["entry_date"], fix["corrects"].get("entry_assessor", fix["assessor"]))
            entries.remove(next(e for e in entries if (e["date"], e["assessor"]) == key and e is not fix))
        city = sorted((e for e in entries if e["assessor"] == "city" and e["date"] <= today), key=lambda e: e["date"])
        end = city[-1]["date"] if city and city[-1]["status"] in final else None
        points = [vote["date"]] + [_months(vote["date"], 12 * k) for k in range(1, 40)]
        answered = {_nearest(points, e["date"]) for e in city}
        published = {_nearest(points, date(*(int(x) for x in str(d["date"])[:7].split("-")), 1))
                     for d in documents[topic["cohort"]]}
        for k in range(1, len(points)):
            if points[k] >= today or (end is not None and (points[k - 1] + (points[k] - points[k - 1]) / 2) > end):
                break
            if k not in answered and k not in published:
                awaited.add(record["id"])
    return awaited


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filter_on_awaited_follow_ups_lists_what_the_records_and_the_open_data_say(pages, served_demo, lang) -> None:
    expected = awaited_from_the_records(served_demo.model.today)
    assert expected  # the demo has some
    with (served_demo.root / "donnees" / "recommendations.csv").open(encoding="utf-8", newline="") as file:
        in_data = {row["id"] for row in csv.DictReader(file) if row["follow_up_awaited_since"]}
    assert in_data == expected
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/", lang))
    page.select_option("#f-followup", "awaited")
    visible = page.locator("#rec-table tbody tr:visible")
    shown = {row.get_attribute("data-id") for row in visible.all()}
    assert shown == expected
    assert "followup=awaited" in page.url
    # Shared, the address gives the same list; each row says since when, as the open data does.
    other = pages.open(served_demo)
    goto(other, page.url)
    assert other.locator("#rec-table tbody tr:visible").count() == len(expected)
    assert page.watch.take() == []


def test_filter_on_a_passed_deadline_lists_the_measures_whose_announced_date_is_over(pages, served_demo) -> None:
    expected = {r.id for r in served_demo.model.recommendations if r.state.deadline_passed}
    assert expected
    with (served_demo.root / "donnees" / "recommendations.csv").open(encoding="utf-8", newline="") as file:
        assert {row["id"] for row in csv.DictReader(file) if row["deadline_passed"] == "true"} == expected
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/"))
    page.select_option("#f-deadline", "passed")
    shown = {row.get_attribute("data-id") for row in page.locator("#rec-table tbody tr:visible").all()}
    assert shown == expected and "deadline=passed" in page.url
    assert page.watch.take() == []


def _csv_lines(rows: list[list[str]]) -> str:
    """Rows written as the open data writes them (generator/publish/exports/formats.py, to_csv)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_rows_shown_download_as_the_open_data_lines_of_those_rows(pages, served_demo, lang, tmp_path) -> None:
    whole = (served_demo.root / "donnees" / "recommendations.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(whole.decode("utf-8"), newline="")))
    assert _csv_lines(rows).encode("utf-8") == whole  # written back, the rows give the file's very bytes
    page = pages.open(served_demo)
    goto(page, served_demo.url("recommandations/", lang))
    # The whole files say they are the whole dataset; the selection is offered beside them.
    assert ("tout le jeu de données" if lang == "fr" else "whole dataset") in page.locator(".dds-data-links").inner_text()
    button = page.locator("[data-selection] button")
    assert button.is_visible()
    status = "in_progress"  # in the demo, one of its measures has a text of several lines (a quoted cell)
    page.select_option("#f-status", status)
    header = page.locator("#rec-table thead th").nth(5)  # sorted by progress: the file follows the table's order
    header.locator("button").click()
    header.locator("button").click()
    shown = [row.get_attribute("data-id") for row in page.locator("#rec-table tbody tr:visible").all()]
    assert len(shown) == expected_by_status(served_demo)[status] and len(set(shown)) == len(shown)
    # By the keyboard: focused, then Enter.
    button.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == f"recommendations-selection-status-{status}.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    by_id = {row[0]: row for row in rows[1:]}
    expected = _csv_lines([rows[0]] + [by_id[i] for i in shown]).encode("utf-8")
    got = saved.read_bytes()
    assert got == expected, got.decode("utf-8", "replace")[:2000]
    assert any("\n" in cell for i in shown for cell in by_id[i])  # a quoted cell of several lines came whole
    # Announced: the status region names the file.
    announced = page.locator("[data-selection] [role=status]")
    assert download.suggested_filename in announced.inner_text()
    # With no filter, the selection is every row, in the table's order.
    page.click("form.dds-explorer button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#rec-table tbody tr:not([hidden])').length === 30")
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == "recommendations-selection.csv"
    saved = tmp_path / "all.csv"
    info.value.save_as(saved)
    order = [row.get_attribute("data-id") for row in page.locator("#rec-table tbody tr").all()]
    assert saved.read_bytes() == _csv_lines([rows[0]] + [by_id[i] for i in order]).encode("utf-8")
    assert page.watch.take() == []
