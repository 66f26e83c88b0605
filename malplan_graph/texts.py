"""Interface words of the core and the command line in Danish and English (domain words come
from the ontology's labels).

The words live in gettext catalogues, as the web's do: `translations/{da,en}/LC_MESSAGES/
malplan.po` (domain `malplan`), edited by hand and compiled with
`pybabel compile -D malplan -d malplan_graph/translations`. Three kinds of entry share them:
the core's message keys (`t(key, lang, **values)`, translated in both catalogues), the CLI's
help (its English text in the code is the msgid) and click's own words (its gettext msgids).
The core never fixes the language: every caller passes it.
"""

from __future__ import annotations

import functools
import gettext

from . import resources

DOMAIN = "malplan"
LANGUAGES = ("da", "en")


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang` (Danish for anything but "en")."""
    return gettext.translation(DOMAIN, resources.translations_dir(), languages=["en" if lang == "en" else "da"])


def t(key: str, lang: str = "da", **values: object) -> str:
    """The interface text `key` in `lang`, with `values` filled in."""
    text = translations(lang).gettext(key)
    return text.format(**values) if values else text
