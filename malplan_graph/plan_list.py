"""The plan list: every plan with its centres, workplaces, policy, objective and validation,
filtered, sorted, and written as CSV or as an Excel workbook.

Column names are the ontology's labels; the words for the validation state come in both
languages, as errors do.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from . import labels, queries
from .errors import InputError
from .namespaces import MP

#: The columns that name resources of the chain, each the property that links a plan to them.
FACETS: dict[str, URIRef] = {
    "municipality": MP.municipality,
    "centre": MP.centre,
    "workplace": MP.workplace,
    "policy": MP.policy,
    "objective": MP.objective,
}
#: The validation states a plan can be filtered by: conforms or not.
STATES = ("conforms", "violations")
_STATE_WORDS = {
    "conforms": ("opfylder skabelonen", "conforms to the template"),
    "violations": ("opfylder ikke skabelonen", "does not conform to the template"),
}
_HEADINGS = {
    "validation": ("Validering", "Validation"),
    "violations": ("Overtrædelser", "Violations"),
    "warnings": ("Advarsler", "Warnings"),
}
#: Every column the list can be sorted by, in the order shown.
COLUMNS = ("name", *FACETS, "validation", "violations", "warnings")
#: A filter offers at most this many values; beyond, the user narrows the list first (by
#: municipality or centre), so that no page carries thousands of options.
MAX_OPTIONS = 200


def state_word(state: str, lang: str = "da") -> str:
    """The words for a validation state in `lang`."""
    da, en = _STATE_WORDS[state]
    return en if lang == "en" else da


def heading(column: str, lang: str = "da") -> str:
    """A column's heading: the ontology's label of its property or class, else the list's own word."""
    if column == "name":
        text = labels.label(MP.GoalPlan, lang)
    elif column in FACETS:
        text = labels.label(FACETS[column], lang)
    else:
        da, en = _HEADINGS[column]
        text = en if lang == "en" else da
    return text[:1].upper() + text[1:]


@dataclass
class Row:
    """One plan in the list: what each column holds, as (IRI, name) pairs sorted by name."""

    plan: URIRef
    name: str
    values: dict[str, list[tuple[URIRef, str]]] = field(default_factory=dict)
    violations: int = 0
    warnings: int = 0

    @property
    def state(self) -> str:
        return "conforms" if not self.violations else "violations"

    def names(self, column: str) -> list[str]:
        return [name for _, name in self.values.get(column, [])]

    def sort_key(self, column: str):
        if column == "name":
            return (self.name.casefold(),)
        if column in FACETS:
            return (not self.values.get(column), [n.casefold() for n in self.names(column)], self.name.casefold())
        if column == "validation":
            return (self.state != "conforms", self.name.casefold())
        return (getattr(self, column), self.name.casefold())

    def cells(self, columns=COLUMNS, lang: str = "da") -> list[str | int]:
        """The row as text and numbers, one cell for each of `columns`."""
        values = {
            "name": self.name,
            **{column: "; ".join(self.names(column)) for column in FACETS},
            "validation": state_word(self.state, lang),
            "violations": self.violations,
            "warnings": self.warnings,
        }
        return [values[column] for column in columns]


def rows(store, reports, lang: str = "da") -> list[Row]:
    """Every plan of `reports` (validation reports, sorted by name) with its columns."""
    values: dict[URIRef, dict[str, dict[URIRef, list[Literal]]]] = defaultdict(lambda: defaultdict(dict))
    for found in queries.run(store, "plan-facets"):
        names = values[found["plan"]][str(found["facet"])].setdefault(found["value"], [])
        if "name" in found:
            names.append(found["name"])
    result = []
    for report in reports:
        columns = {
            facet: sorted(
                ((iri, labels.best(names, lang, iri)) for iri, names in values[report.plan][facet].items()),
                key=lambda pair: pair[1].casefold(),
            )
            for facet in FACETS
        }
        result.append(Row(report.plan, report.label, columns, report.count("Violation"), report.count("Warning")))
    return result


def _matches(row: Row, filters: dict[str, str | URIRef], skip: str | None = None) -> bool:
    for column, wanted in filters.items():
        if column == skip or wanted is None:
            continue
        if column == "state":
            if row.state != wanted:
                return False
        elif wanted not in {iri for iri, _ in row.values.get(column, [])}:
            return False
    return True


def select(all_rows: list[Row], filters: dict, sort: str = "name", descending: bool = False) -> list[Row]:
    """The rows that match every filter (a column → an IRI, "state" → one of STATES), sorted."""
    if sort not in COLUMNS:
        raise InputError(
            f"Listen kan sorteres efter {', '.join(COLUMNS)}, ikke «{sort[:40]}».",
            f"The list can be sorted by {', '.join(COLUMNS)}, not “{sort[:40]}”.",
        )
    chosen = [row for row in all_rows if _matches(row, filters)]
    return sorted(chosen, key=lambda row: row.sort_key(sort), reverse=descending)


def shown(all_rows: list[Row]) -> tuple[str, ...]:
    """The columns worth showing: the municipality only when the plans come from several."""
    municipalities = {iri for row in all_rows for iri, _ in row.values.get("municipality", [])}
    return tuple(column for column in COLUMNS if column != "municipality" or len(municipalities) > 1)


def options(all_rows: list[Row], filters: dict) -> tuple[dict[str, list[tuple[URIRef, str]]], set[str]]:
    """For each column, the values the plans that match the other filters use, by name:
    the filters offer only what narrows the list, never every resource of the store. A column
    with more than MAX_OPTIONS values offers only the chosen one, and is named in the second
    value returned (the user chooses a municipality or a centre first)."""
    offered: dict[str, dict[URIRef, str]] = {column: {} for column in FACETS}
    for row in all_rows:
        for column in FACETS:
            if _matches(row, filters, skip=column):
                offered[column].update(row.values.get(column, []))
    too_many = {column for column, found in offered.items() if len(found) > MAX_OPTIONS}
    for column in too_many:
        offered[column] = {iri: name for iri, name in offered[column].items() if iri == filters.get(column)}
    lists = {
        column: sorted(found.items(), key=lambda pair: (pair[1].casefold(), str(pair[0])))
        for column, found in offered.items()
    }
    return lists, too_many


def table(chosen: list[Row], lang: str = "da", columns=COLUMNS) -> list[list[str | int]]:
    """The rows as a table with a heading row, with the plan's IRI as the last column."""
    return [[*(heading(column, lang) for column in columns), "IRI"]] + [
        [*row.cells(columns, lang), str(row.plan)] for row in chosen
    ]


#: A cell that begins with one of these is a formula to a spreadsheet opening the CSV file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str | int) -> str | int:
    """A text cell a spreadsheet shows as text (OWASP's advice on CSV injection: a leading ')."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def to_csv(chosen: list[Row], lang: str = "da", columns=COLUMNS) -> str:
    """The rows as CSV (comma-separated, quoted where needed, with a heading row)."""
    out = io.StringIO()
    csv.writer(out).writerows([_inert(cell) for cell in line] for line in table(chosen, lang, columns))
    return out.getvalue()


def to_xlsx(chosen: list[Row], lang: str = "da", columns=COLUMNS) -> bytes:
    """The rows as an Excel workbook: one sheet, a bold heading row that stays in view."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = heading("name", lang)[:31]
    for line in table(chosen, lang, columns):
        sheet.append(line)
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # a text that begins with "=" is text here, never a formula
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
