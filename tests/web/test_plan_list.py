"""The plan list: filters, sorting and the CSV and Excel downloads, all without JavaScript."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.conftest import BASE
from tests.conftest import soup as _soup

CHILDREN = BASE + "centre/boern-og-skole"
LABOUR = BASE + "centre/arbejdsmarked"


@pytest.fixture(scope="module")
def client(example_client):
    return example_client


def _names(page) -> list[str]:
    return [row.td.get_text(strip=True) for row in page.select("table.plan-list tbody tr")]


def test_every_plan_is_listed_with_its_columns_named_from_the_ontology(client):
    page = _soup(client.get("/plans"))
    headings = [th.get_text(strip=True) for th in page.select("table.plan-list th")]
    assert headings[:5] == ["Målplan▲", "Center", "Arbejdsplads", "Politik", "Målsætning"]
    assert len(_names(page)) == 12
    assert "12 af 12 målplaner." in page.get_text(" ", strip=True)
    row = page.find("a", string="Aktive og trygge frikvarterer").find_parent("tr")
    assert "Center for Børn og Skole" in row.get_text() and "opfylder skabelonen" in row.get_text()


def test_the_filters_are_a_get_form_that_offers_only_what_the_plans_use(client):
    page = _soup(client.get("/plans"))
    form = page.select_one("form.plan-filters")
    assert form["method"] == "get" and form.select_one("button[type=submit]")
    names = [select["name"] for select in form.select("select")]
    assert names == ["centre", "workplace", "policy", "objective", "state", "sort", "order"]
    centres = [option.get_text() for option in form.select("select[name=centre] option")]
    assert centres[0] == "Alle" and len(centres) == 1 + 5
    assert len(form.select("option")) < 100


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"centre": LABOUR}, ["Fra ung til uddannelse og job"]),
        ({"state": "violations"}, ["Bevægelse for de mindste", "Rekruttering af pædagoger"]),
        ({"centre": CHILDREN, "state": "violations"}, ["Bevægelse for de mindste", "Rekruttering af pædagoger"]),
        ({"objective": BASE + "objective/ensomhed"}, ["Fællesskaber mod ensomhed blandt ældre"]),
        ({"workplace": BASE + "workplace/herstedlund-skole", "centre": LABOUR}, []),
    ],
)
def test_filters_narrow_the_list(client, query, expected):
    page = _soup(client.get("/plans", query_string=query))
    assert _names(page) == (expected or ["Ingen målplan passer på filtrene."])


def test_a_filter_offers_what_the_other_filters_leave(client):
    form = _soup(client.get("/plans", query_string={"centre": LABOUR})).select_one("form.plan-filters")
    assert len(form.select("select[name=objective] option")) == 1 + 1
    assert len(form.select("select[name=centre] option")) == 1 + 5  # not narrowed by itself: another can be chosen
    assert form.select_one("select[name=centre] option[selected]")["value"] == LABOUR


def test_any_column_sorts_both_ways_from_links_in_its_heading(client):
    page = _soup(client.get("/plans", query_string={"sort": "violations", "order": "desc"}))
    assert _names(page)[:2] == ["Bevægelse for de mindste", "Rekruttering af pædagoger"]
    heading = page.select_one("th[aria-sort]")
    assert heading["aria-sort"] == "descending" and "Overtrædelser" in heading.get_text()
    assert "order=asc" in heading.a["href"] and "sort=violations" in heading.a["href"]
    names = _names(_soup(client.get("/plans", query_string={"sort": "name", "order": "desc"})))
    assert names == sorted(names, key=str.casefold, reverse=True)
    for column in ("centre", "workplace", "policy", "objective", "validation", "warnings"):
        assert len(_names(_soup(client.get("/plans", query_string={"sort": column})))) == 12


def test_sorting_keeps_the_filters(client):
    page = _soup(client.get("/plans", query_string={"state": "violations"}))
    link = page.select("table.plan-list th a")[1]["href"]
    assert "state=violations" in link and "sort=centre" in link


@pytest.mark.parametrize(
    "query", [{"sort": "label; DROP"}, {"order": "up"}, {"state": "maybe"}, {"centre": "nonsense"}, {"format": "pdf"}]
)
def test_bad_parameters_get_a_danish_sentence_and_a_400(client, query):
    response = client.get("/plans", query_string=query)
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "parameteren" in text.lower() and "Traceback" not in text


def test_the_csv_download_reads_back_with_the_filters_applied(client):
    response = client.get("/plans", query_string={"centre": CHILDREN, "sort": "name", "format": "csv"})
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert rows[0] == [
        "Målplan",
        "Center",
        "Arbejdsplads",
        "Politik",
        "Målsætning",
        "Validering",
        "Overtrædelser",
        "Advarsler",
        "IRI",
    ]
    page_names = _names(_soup(client.get("/plans", query_string={"centre": CHILDREN})))
    assert [row[0] for row in rows[1:]] == page_names and len(page_names) == 10
    frikvarter = next(row for row in rows if row[0] == "Aktive og trygge frikvarterer")
    assert "Center for Børn og Skole" in frikvarter[1].split("; ") and frikvarter[8] == BASE + "plan/frikvarter"


def test_the_excel_download_reads_back(client):
    response = client.get("/plans", query_string={"state": "violations", "format": "xlsx"})
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Målplan" and rows[0][6] == "Overtrædelser"
    assert [row[0] for row in rows[1:]] == ["Bevægelse for de mindste", "Rekruttering af pædagoger"]
    assert rows[1][6] == 4 and rows[1][5] == "opfylder ikke skabelonen"


def test_the_downloads_are_in_english_in_the_english_interface(client):
    client.set_cookie("lang", "en")
    try:
        rows = list(csv.reader(io.StringIO(client.get("/plans?format=csv").get_data(as_text=True).lstrip("\ufeff"))))
        page = _soup(client.get("/plans"))
    finally:
        client.delete_cookie("lang")
    assert rows[0][:6] == ["Goal plan", "Centre", "Workplace", "Policy", "Objective", "Validation"]
    assert "conforms to the template" in {row[5] for row in rows[1:]}
    assert page.select_one("select[name=state] option").get_text() == "All"


def test_a_text_that_looks_like_a_formula_stays_text():
    from openpyxl import load_workbook as load

    from malplan_graph import plan_list

    row = plan_list.Row(plan=BASE + "plan/x", name='=HYPERLINK("http://evil")', values={})
    assert next(csv.reader(io.StringIO(plan_list.to_csv([row]).splitlines()[1])))[0].startswith("'=")
    cell = load(io.BytesIO(plan_list.to_xlsx([row]))).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil")'


def test_a_filter_with_too_many_values_asks_to_narrow_first(client, monkeypatch):
    from malplan_graph import plan_list

    monkeypatch.setattr(plan_list, "MAX_OPTIONS", 10)  # the example's 25 workplaces are "too many"
    form = _soup(client.get("/plans")).select_one("form.plan-filters")
    workplaces = form.select("select[name=workplace] option")
    assert [option.get_text() for option in workplaces] == ["Alle"]
    hint = form.select_one("#" + form.select_one("select[name=workplace]")["aria-describedby"])
    assert "vælg først en kommune eller et center" in hint.get_text()
    assert len(form.select("select[name=centre] option")) == 1 + 5  # a short list is offered whole
    # Narrowed by a centre, the workplaces fit again; a chosen one stays offered.
    narrowed = _soup(client.get("/plans", query_string={"centre": LABOUR})).select_one("form.plan-filters")
    assert 1 < len(narrowed.select("select[name=workplace] option")) <= 11
    chosen = BASE + "workplace/herstedlund-skole"
    kept = _soup(client.get("/plans", query_string={"workplace": chosen})).select_one("select[name=workplace]")
    assert kept.select_one("option[selected]")["value"] == chosen


def test_the_municipality_is_a_column_only_when_plans_come_from_several():
    from malplan_graph import plan_list

    def row(name, municipality):
        return plan_list.Row(BASE + name, name, {"municipality": [(BASE + municipality, municipality)]})

    assert "municipality" not in plan_list.shown([row("a", "k1"), row("b", "k1")])
    several = [row("a", "k1"), row("b", "k2")]
    assert plan_list.shown(several)[:2] == ("name", "municipality")
    assert plan_list.table(several, "da", plan_list.shown(several))[0][:2] == ["Målplan", "Kommune"]
    assert plan_list.select(several, {"municipality": BASE + "k2"}) == [several[1]]


def test_the_static_site_lists_the_plans_without_what_needs_the_running_app(published_site):
    page = BeautifulSoup((published_site / "plans.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("table.plan-list tbody tr")) == 12
    assert not page.select("form.plan-filters") and not page.select("table.plan-list th a")
    assert not page.select("header form[role=search]")
