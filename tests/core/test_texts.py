"""The core's and the CLI's words: one gettext catalogue per language, complete and compiled."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from malplan_graph import resources
from malplan_graph.texts import t

PACKAGE = Path(resources.__file__).parent


def _entries(catalogue) -> dict:
    """msgid → msgstr; a plural entry as tuples (the .mo reader gives lists)."""

    def plain(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return {plain(m.id): plain(m.string) for m in catalogue if m.id}


def _catalogue(lang: str, kind: str):
    path = resources.translations_dir() / lang / "LC_MESSAGES" / f"malplan.{kind}"
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang) if kind == "po" else read_mo(handle)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_word_is_translated_and_compiled_as_written(lang):
    source = _catalogue(lang, "po")
    written = _entries(source)
    assert len(written) >= 150
    assert all(written.values()), [key for key, value in written.items() if not value]
    assert not [m.id for m in source if m.id and "fuzzy" in m.flags]
    assert _entries(_catalogue(lang, "mo")) == written


def test_both_languages_have_the_same_words():
    assert _entries(_catalogue("da", "po")).keys() == _entries(_catalogue("en", "po")).keys()


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    """Every t("key", …) in the core (found with the ast, not a pattern) has its entry."""
    known = {m.id for m in _catalogue("da", "po") if m.id}
    asked = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                asked.add(node.args[0].value)
    assert len(asked) >= 50
    assert asked <= known, asked - known


def test_t_fills_in_the_values_in_either_language():
    assert t("rows", "da", n=3) == "3 rækker"
    assert t("rows", "en", n=3) == "3 rows"
    assert t("rows", "fr", n=3) == "3 rækker"  # anything but English is Danish, as before
