"""Benchmark of the search index and the plan list at national scale.

    python bench/search.py --municipalities 98

Generates the synthetic municipalities (bench/generate.py) into a new on-disk store, then
times building the search index, a few searches, and the plan list: its rows, a filter with
its options, and the CSV and Excel downloads (with empty validation reports: validating
every plan is bench/core.py's business).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import store as new_store  # noqa: E402
from timing import median_ms, timed_ms  # noqa: E402


def run(municipalities: int) -> dict:
    from malplan_graph import plan_list, search, validate
    from malplan_graph.validate import Report

    with tempfile.TemporaryDirectory() as folder:
        store = new_store(municipalities, Path(folder))
        figures: dict = {"municipalities": municipalities}
        figures["index_build_ms"] = round(timed_ms(lambda: search.index(store)), 1)
        figures["indexed_resources"] = len(search.index(store))
        for words in ("trivsel", "ensomhed", "skole trivsel", '" OR * NEAR('):
            found = search.search(store, words)
            figures[f"search {words!r}"] = {
                "ms": round(median_ms(lambda w=words: search.search(store, w)), 2),
                "hits": found.count,
            }
        reports = [Report(plan, label) for plan, label in validate.plan_iris(store)]
        rows = []
        figures["plan_rows_ms"] = round(timed_ms(lambda: rows.extend(plan_list.rows(store, reports))), 1)
        figures["plans"] = len(rows)
        options, too_many = plan_list.options(rows, {})
        figures["options_unfiltered"] = {column: len(values) for column, values in options.items()}
        figures["too_many_unfiltered"] = sorted(too_many)
        centre = next(iri for row in rows for iri, _ in row.values["centre"])
        filters = {"centre": centre}
        figures["filter_and_options_ms"] = round(
            median_ms(lambda: (plan_list.select(rows, filters, "workplace"), plan_list.options(rows, filters))), 2
        )
        figures["options_one_centre"] = {c: len(v) for c, v in plan_list.options(rows, filters)[0].items()}
        one = {"municipality": next(iri for row in rows for iri, _ in row.values["municipality"])}
        figures["options_one_municipality"] = {c: len(v) for c, v in plan_list.options(rows, one)[0].items()}
        figures["csv_all_ms"] = round(median_ms(lambda: plan_list.to_csv(rows), repeat=3), 1)
        figures["xlsx_all_ms"] = round(median_ms(lambda: plan_list.to_xlsx(rows), repeat=3), 1)
        return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=98)
    print(json.dumps(run(parser.parse_args().municipalities), ensure_ascii=False, indent=2))
