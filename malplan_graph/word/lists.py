"""Splitting an answer line into the names it lists (issue 11 §1): commas, "og" and "&" split
only where the parts are separate things. Pure text work; what the graph knows comes in as a
function, so this module reads no store.

The rules, in order:

1. A semicolon always separates; a separator inside brackets never does.
2. The longest run of parts that is a name the graph knows is one name ("Center for By, Miljø
   og Teknik", "Børne- og ungepolitik"), taken from the left.
3. A part the graph does not know and that starts with a small letter continues the name
   before it ("Børn, unge og deres forældre" is one target group, not three).
4. Two neighbouring unknown parts are separate only when both look like names (a capital
   letter or a digit first), the first holds no linking word ("Center for By, …"), and they
   are separated by a comma, or by "og"/"&" in a list that also has a comma that separates
   ("Læseforeningen, Ældresagen og Røde Kors"). "Team Sport og Bevægelse", which nothing
   known splits, stays one name: a line that is one name stays one name.
5. A known name beside an unknown name that looks like one is always separate
   ("Albertslund Bibliotek og Læseforeningen").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+(?:og|&)\s+|\s*&\s*", re.IGNORECASE)
#: Words that bind what follows to the name before them ("Center for By, Miljø og Teknik").
_LINKING = {"for", "til", "med", "af", "i", "om", "under", "mod", "ved", "på", "fra"}


@dataclass
class _Part:
    text: str
    known: bool
    before: str = ""  # the separator before this part ("" for the first)


def split_names(text: str, known: Callable[[str], bool]) -> list[str]:
    """The names on one line, `known(name)` telling which names the graph holds."""
    names: list[str] = []
    for group in _pieces(text, semicolons_only=True):
        names.extend(_split_group(group, known))
    return [name for name in names if name]


def _pieces(text: str, semicolons_only: bool = False) -> list:
    """The text cut at separators outside brackets: with `semicolons_only` a list of strings,
    else parts and the separators between them, alternating."""
    out, start, depth, position = [], 0, 0, 0
    while position < len(text):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _SEPARATOR.match(text, position)
            if match and match.end() > position and (not semicolons_only or ";" in match.group()):
                out.append(text[start:position])
                if not semicolons_only:
                    out.append(match.group())
                start = position = match.end()
                continue
        position += 1
    out.append(text[start:])
    return out


def _clean(part: str, known: Callable[[str], bool]) -> str:
    # A typed number ("1. Herstedlund Skole") is not part of the name.
    part = re.sub(r"^\(?\d{1,2}[.)]\s+", "", part.strip()).strip(" .")
    # "Herstedlund Skole (Center for Børn og Skole)": the name is before the brackets.
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", part)
    if bare and bare != part and not known(part) and known(bare):
        return bare
    return part


def _split_group(text: str, known: Callable[[str], bool]) -> list[str]:
    pieces = _pieces(text)
    words, separators = pieces[0::2], ["", *pieces[1::2]]
    parts: list[_Part] = []
    first = 0
    while first < len(words):
        # the longest known span from here (rule 2), else the one word
        for last in range(len(words) - 1, first - 1, -1):
            span = words[first] + "".join(separators[i] + words[i] for i in range(first + 1, last + 1))
            span = _clean(span, known)
            if last == first or known(span):
                parts.append(_Part(span, known(span), separators[first]))
                first = last + 1
                break
    # rule 3, from the right so that a continued name can continue the one before it
    for number in range(len(parts) - 1, 0, -1):
        part = parts[number]
        if not part.known and part.text[:1].islower():
            before = parts[number - 1]
            parts[number - 1] = _Part(before.text + part.before + part.text, False, before.before)
            del parts[number]
    commas = any("," in part.before for number, part in enumerate(parts) if number and _separate(parts, number))
    out: list[_Part] = parts[:1]
    for number in range(1, len(parts)):
        part, before = parts[number], out[-1]
        separate = part.known or before.known or "," in part.before or commas
        if not _separate(parts, number) or not separate:
            out[-1] = _Part(before.text + part.before + part.text, False, before.before)
        else:
            out.append(part)
    return [part.text.strip(" .") for part in out]


def _separate(parts: list[_Part], number: int) -> bool:
    """Whether parts[number] may stand apart from the one before (rules 4 and 5)."""
    part, before = parts[number], parts[number - 1]
    if part.known and before.known:
        return True
    looks_like_name = part.text[:1].isupper() or part.text[:1].isdigit()
    if not looks_like_name:
        return part.known
    if before.known:
        return True
    return not (set(before.text.lower().split()) & _LINKING)
