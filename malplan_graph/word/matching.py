"""Danish names compared the way a Dane reads them (issue 11 §1): a normal form for confident
matches and a similarity score for near ones. Pure functions; knows no graph and no store.

The normal form: NFC, case folded, soft hyphens gone, "&" read as "og", "aa" as "å", every run of
punctuation, hyphens and spaces one space, and each word cut to its Danish Snowball stem
(snowballstemmer), so that "Børne- og ungepolitikken" and "Børne- og ungepolitik",
"Skolerne" and "Skole" meet. Snowball stems "centret" to "centr" but "centeret" and "center"
to "cent"; one rule after stemming makes the three one ("-centr" → "-cent"), and the same for
"-teatr". Near matches are scored by rapidfuzz on the normal forms.

Why these libraries (measured on the failure cases of issue 11, see the test table): simplemma
lemmatises "Ejendomscentret" to "ejendomscentrum" and "Ejendomscenteret" to "ejendomscenter"
(two lemmas), and loads a Danish dictionary (540 kB packed, 0.6 s at first use); Snowball is
rule based, deterministic, 10,000 words in 0.1 s, and needs the one rule above. rapidfuzz is the maintained, C-accelerated successor of fuzzywuzzy
with wheels for Windows, macOS and Linux.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer
from rapidfuzz import fuzz, process

_STEMMER = snowballstemmer.stemmer("danish")
#: Stems Snowball leaves two ways for one word: "centret"/"centre" → "centr", "center" → "cent".
_SAME_STEM = re.compile(r"(cent|teat)r$")
#: Near matches: a score (0–100) of at least this on the normal forms is a suggestion.
NEAR = 86


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word.isdigit() or len(word) < 3:
        return word
    return _SAME_STEM.sub(r"\1", _STEMMER.stemWord(word))


def words(text: str) -> list[str]:
    """The words of a name, case folded, without punctuation; "&" is "og", and "aa" is "å"
    (the old spelling and the one a keyboard without å gives: "Materielgaarden")."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").casefold().replace("aa", "å")
    text = re.sub(r"\s*&\s*", " og ", text)
    return re.findall(r"\w+", text)


@functools.lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The normal form of a name: what two ways of writing one name have in common."""
    return " ".join(_stem(word) for word in words(text))


def initials(text: str) -> str:
    """The initials of a name's capitalised words ("Pædagogisk Psykologisk Rådgivning" → "ppr")."""
    found = [word[0] for word in re.findall(r"\w+", unicodedata.normalize("NFC", text)) if word[0].isupper()]
    return "".join(found).casefold() if len(found) > 1 else ""


def is_abbreviation(text: str) -> bool:
    """A name written as an abbreviation: "PPR", "UU"."""
    text = text.strip()
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def score(a: str, b: str) -> float:
    """How alike two normal forms are (0–100): the better of the plain ratio and the ratio of
    the shared words, so that "budgetaftal 2025" is near "budgetaftal 2025 2028"."""
    return max(fuzz.ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b) if set(a.split()) & set(b.split()) else 0)


def nearest(wanted: str, keys: list[str], limit: int = 3) -> list[tuple[str, float]]:
    """The keys nearest `wanted` (a normal form) with a score of at least NEAR, best first.

    rapidfuzz's own scorers pick the few candidates in C (a class of 12,000 names in a few
    milliseconds); only those are scored by `score`."""
    found = {
        choice for choice, _, _ in process.extract(wanted, keys, scorer=fuzz.ratio, score_cutoff=NEAR, limit=limit)
    }
    cutoff = NEAR / 0.95
    found.update(
        choice
        for choice, _, _ in process.extract(wanted, keys, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=limit)
    )
    scored = sorted(((choice, score(wanted, choice)) for choice in found), key=lambda item: (-item[1], item[0]))
    return [(choice, points) for choice, points in scored if points >= NEAR][:limit]
