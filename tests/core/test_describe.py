"""Describing resources: the lists of a class, by name and a page at a time."""

from __future__ import annotations

import pytest

from malplan_graph import describe
from malplan_graph.errors import NotFoundError
from malplan_graph.namespaces import MP
from tests.conftest import iri


def test_the_objectives_by_name_with_their_class_described(example_store):
    view = describe.instances(example_store, MP.Objective)
    assert (view.label, view.total, view.page, view.pages) == ("Målsætning", 14, 1, 1)
    assert view.definition
    names = [name for _, name in view.items]
    assert names == sorted(names, key=str.casefold) and len(names) == 14
    assert (iri("objective/trivsel"), "Alle børn og unge trives i dagtilbud, skole og fritid") in view.items
    assert describe.instances(example_store, MP.Objective, "en").label == "Objective"


def test_a_long_list_comes_a_page_at_a_time(example_store, monkeypatch):
    monkeypatch.setattr(describe, "PAGE_SIZE", 10)
    first = describe.instances(example_store, MP.TrialAction)
    last = describe.instances(example_store, MP.TrialAction, page=4)
    assert (first.total, first.pages, len(first.items), len(last.items)) == (33, 4, 10, 3)
    assert not set(first.items) & set(last.items)
    with pytest.raises(NotFoundError):
        describe.instances(example_store, MP.TrialAction, page=5)
