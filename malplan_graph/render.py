"""Renders results for the terminal and for machines: text, JSON and CSV.

Pure functions from the core's dataclasses to strings; no printing and no store access.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib.term import Node

from . import labels
from .analysis import KIND_CLASS, Gap, gap_title
from .texts import t
from .trace import Trace
from .validate import Report


def _term(value: Node | None) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- validation


def reports_text(reports: list[Report], lang: str = "da") -> str:
    """A report per plan and a summary line."""
    lines = []
    for report in reports:
        mark = "✓" if report.conforms else "✗"
        verdict = t("conforms" if report.conforms else "not-conforms", lang)
        lines.append(f"{mark} {report.label} — {verdict}")
        lines.append(f"  {report.plan}")
        for result in report.results:
            where = result.where(lang) if result.focus != report.plan else ""
            prefix = f"{t(result.severity, lang)}: "
            lines.append(f"    {prefix}{where + ': ' if where else ''}{result.message(lang)}")
        lines.append("")
    lines.append(summary(reports, lang))
    return "\n".join(lines)


def summary(reports: list[Report], lang: str = "da") -> str:
    """One line: how many plans conform, and how many results of each severity."""
    ok = sum(1 for report in reports if report.conforms)
    return t(
        "validate-summary",
        lang,
        plans=len(reports),
        ok=ok,
        bad=len(reports) - ok,
        violations=sum(r.count("Violation") for r in reports),
        warnings=sum(r.count("Warning") for r in reports),
        infos=sum(r.count("Info") for r in reports),
    )


def reports_json(reports: list[Report], lang: str = "da") -> str:
    """The reports as JSON: one object per plan with its results."""
    data = [
        {
            "plan": str(report.plan),
            "label": report.label,
            "conforms": report.conforms,
            "results": [
                {
                    "severity": result.severity,
                    "focusNode": str(result.focus),
                    "focusLabel": result.focus_label,
                    "where": result.where(lang),
                    "level": result.focus_level,
                    "path": _term(result.path),
                    "value": _term(result.value),
                    "message": result.message(lang),
                }
                for result in report.results
            ],
        }
        for report in reports
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- import


def import_text(results: list, lang: str = "da", dry_run: bool = False) -> str:
    """A block per file (what was imported, what is new, what is missing) and a summary line."""
    from .word.importer import describe_created

    lines = []
    for result in results:
        if not result.ok:
            lines.append(f"✗ {result.path.name} — {t('failed', lang)}: {result.error.text(lang)}")
            lines.append("")
            continue
        verb = t("would-import" if dry_run else "imported", lang)
        replaced = f" {t('replaces', lang, label=result.replaced_label or result.label)}" if result.replaced else ""
        mark = "✓" if result.report is None or result.report.conforms else "!"
        lines.append(f"{mark} {result.path.name} — {verb} «{result.label}»{replaced}")
        lines.append(f"  {result.plan}")
        if result.created:
            lines.append(f"  {t('created', lang)}")
            lines.extend(f"    - {describe_created(created, lang)}" for created in result.created)
        lines.extend(f"  {note_text(note, lang)}" for note in result.notes)
        lines.extend(suggestion_lines(result.suggestions, lang, dry_run))
        if result.report is not None:
            verdict = t("conforms" if result.report.conforms else "not-conforms", lang)
            lines.append(f"  {verdict}")
            for item in result.report.results:
                where = f"{item.where(lang)}: " if item.focus != result.plan else ""
                lines.append(f"    {t(item.severity, lang)}: {where}{item.message(lang)}")
        lines.append("")
    lines.append(import_summary(results, lang, dry_run))
    return "\n".join(lines)


def import_summary(results: list, lang: str = "da", dry_run: bool = False) -> str:
    """The import report's summary line: how many files were imported, how many failed."""
    ok = sum(1 for result in results if result.ok)
    dry = t("dry-run", lang) if dry_run else ""
    return t("import-summary", lang, ok=ok, total=len(results), failed=len(results) - ok, dry=dry)


def note_text(note: tuple, lang: str = "da") -> str:
    """One note of an import (an unrecognised heading, an unreadable date, a starter line that
    names no trial action …) in words, with the author's text quoted."""
    kind, text, *values = note
    return t(kind, lang, text=text, **(values[0] if values else {}))


def suggestion_lines(suggestions: list, lang: str = "da", dry_run: bool = False) -> list[str]:
    """The report's lines about near names (issue 11): "Mente du «…»?", or what was accepted."""
    lines = []
    for item in suggestions:
        values = {
            "kind": labels.label(item.cls, lang),
            "written": item.written,
            "candidate": item.candidate_label,
            "candidate_iri": item.candidate,
        }
        if item.accepted:
            lines.append(f"  {t('accepted', lang, **values)}")
            continue
        lines.append(f"  ? {t('did-you-mean', lang, **values)}")
        if not dry_run:
            lines.append(f"    {t('did-you-mean-how', lang, **values, created_iri=item.created)}")
    return lines


# --------------------------------------------------------------------------- trace


def trace_text(trace: Trace, lang: str = "da") -> str:
    """The paths of a trace, one block per path, each link named."""
    start = trace.start
    lines = [f"{start.level_label}: {start.label}", f"  {start.iri}", ""]
    if trace.direction == "down":
        lines.append(t("below", lang, label=start.label))
        for level, nodes in sorted(trace.by_level().items(), key=lambda kv: _chain_index(kv[0])):
            name = labels.label(level, lang) if level is not None else "?"
            lines.append(f"  {name} ({len(nodes)})")
            lines.extend(f"    - {node.label}" for node in sorted(nodes, key=lambda n: n.label))
        lines.append("")
    if trace.direction == "up" and trace.stops:
        # Issue 11: say in words that the chain stops short of the vision, and where.
        lines.append(t("stops", lang) + ":")
        lines.extend("  " + stop_text(node.level_label, node.label, lang) for node in trace.stops)
        if trace.paths != [[start.iri]]:
            lines.append("")
            lines.append(t("paths-stop", lang) + ":")
    else:
        lines.append(t("paths-up" if trace.direction == "up" else "paths-down", lang) + ":")
    beside = trace.direction == "up" and not trace.reaches_vision and not trace.stops
    if not trace.paths or trace.paths == [[start.iri]] and (trace.direction == "down" or beside):
        lines.append("  " + t("no-paths", lang))
    if trace.paths == [[start.iri]] and (trace.stops or beside):
        return "\n".join(lines)
    for number, path in enumerate(trace.paths, 1):
        first = trace.nodes[path[0]]
        lines.append(f"  {number}. {first.level_label}: {first.label}")
        for link in trace.path_links(path):
            node = trace.nodes[link.target]
            lines.append(f"       —{link.relation_label}→ {node.level_label}: {node.label}")
    if trace.truncated:
        lines.append(t("truncated", lang, n=len(trace.paths)))
    return "\n".join(lines)


def stop_text(level_label: str, label: str, lang: str = "da") -> str:
    """Where a chain stops: "Politik «…» er ikke knyttet til visionen"."""
    return t("not-linked", lang, level=level_label or "?", label=label)


def _chain_index(level) -> int:
    from .trace import CHAIN_ORDER

    return CHAIN_ORDER.index(level) if level in CHAIN_ORDER else len(CHAIN_ORDER)


def trace_json(trace: Trace) -> str:
    """The trace as JSON: nodes, links and paths."""
    data = {
        "start": str(trace.start.iri),
        "direction": trace.direction,
        "nodes": [
            {"iri": str(n.iri), "label": n.label, "level": _term(n.level), "levelLabel": n.level_label}
            for n in trace.nodes.values()
        ],
        "links": [
            {"source": str(link.source), "relation": str(link.relation), "target": str(link.target)}
            for link in trace.links
        ],
        "paths": [[str(node) for node in path] for path in trace.paths],
        "truncated": trace.truncated,
        "reachesVision": trace.reaches_vision if trace.direction == "up" else None,
        "stops": [str(node.iri) for node in trace.stops],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- gaps and links


def gaps_text(gaps: list[Gap], lang: str = "da") -> str:
    """Gaps grouped by kind."""
    if not gaps:
        return t("no-gaps", lang)
    lines = []
    current = None
    for gap in gaps:
        if gap.kind != current:
            current = gap.kind
            count = sum(1 for g in gaps if g.kind == current)
            lines.append(("" if not lines else "\n") + f"{gap_title(current, lang)} ({count})")
        where = f"  ({t('in-plan', lang)} «{gap.plan_label}»)" if gap.plan is not None else ""
        lines.append(f"  - {gap.label}{where}")
        lines.append(f"    {gap.resource}")
        lines.extend(f"    {stop_text(stop.level_label, stop.label, lang)}" for stop in gap.stops)
    return "\n".join(lines)


def gaps_rows(gaps: list[Gap], lang: str = "da") -> list[dict]:
    """Gaps as flat rows (for JSON and CSV)."""
    return [
        {
            "kind": gap.kind,
            "title": gap.title(lang),
            "resource": str(gap.resource),
            "label": gap.label,
            "plan": _term(gap.plan),
            "planLabel": gap.plan_label,
            "stops": "; ".join(stop_text(stop.level_label, stop.label, lang) for stop in gap.stops),
        }
        for gap in gaps
    ]


def links_text(links: list, lang: str = "da") -> str:
    """Ranked pairs of workplaces with what they share."""
    if not links:
        return t("no-links", lang)
    lines = []
    for number, link in enumerate(links, 1):
        lines.append(
            f"{number}. {link.a.label} ({link.a.centre_label}) ↔ {link.b.label} ({link.b.centre_label})"
            f"  [{t('score', lang)} {link.score}]"
        )
        for kind, cls in KIND_CLASS.items():
            items = link.of_kind(kind)
            if items:
                names = "; ".join(item.label for item in items)
                lines.append(f"     {labels.label(cls, lang)}: {names}")
        if link.known:
            lines.append(f"     {t('shared-plan', lang, n=len(link.plans))}")
        else:
            lines.append(f"     {t('new-link', lang)}")
    return "\n".join(lines)


def links_rows(links: list, lang: str = "da") -> list[dict]:
    """Pairs as flat rows (for JSON and CSV)."""
    rows = []
    for link in links:
        row = {
            "workplaceA": str(link.a.iri),
            "labelA": link.a.label,
            "centreA": link.a.centre_label,
            "workplaceB": str(link.b.iri),
            "labelB": link.b.label,
            "centreB": link.b.centre_label,
            "score": link.score,
            "sharedPlans": len(link.plans),
        }
        for kind in KIND_CLASS:
            row[kind] = "; ".join(item.label for item in link.of_kind(kind))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- tables


def table(rows: list[dict], columns: list[str] | None = None, width: int = 60) -> str:
    """A plain text table with a header row; long cells are cut at `width` characters."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[_cell(row.get(column), width) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns)]
    header = "  ".join(column.ljust(widths[i]) for i, column in enumerate(columns))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(value.ljust(widths[i]) for i, value in enumerate(line)).rstrip() for line in cells]
    return "\n".join([header.rstrip(), rule, *body])


def _cell(value: object, width: int) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def csv_text(rows: list[dict], delimiter: str = ",") -> str:
    """Rows as CSV (or TSV) with a header row."""
    output = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(output, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: ("" if value is None else value) for key, value in row.items()})
    return output.getvalue()
