"""How `malplan` speaks the user's language: its help, click's own words (usage errors,
headings, prompts) and its usage line in Danish by default, English with `--lang en` or
MALPLAN_LANG, from the catalogues of texts.py. Only for a run of `malplan`: click speaks English
to anyone else in the process (Flask's CLI).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys

import click

from .texts import translations

LANG = click.Choice(["da", "en"])

#: The language of this run of `malplan`, known before click parses (see `Group.main`); None
#: outside a run, so that click speaks English to anyone else in the process (Flask's CLI).
_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("malplan_cli_language", default=None)


def _click_gettext(message: str) -> str:
    return translations("da").gettext(message) if _language.get() == "da" else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    if _language.get() == "da":
        return translations("da").ngettext(singular, plural, n)
    return singular if n == 1 else plural


# click asks gettext for every word it prints (`from gettext import gettext as _` in each of its
# modules); handing it our catalogue (texts.py) there translates its usage errors, headings and prompts.
for _module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui):
    _module._ = _click_gettext
    if hasattr(_module, "ngettext"):
        _module.ngettext = _click_ngettext
click.types._ = _click_gettext
click.types.ngettext = _click_ngettext


def _help_da(text: str) -> str:
    """A help text's Danish: its msgid is the English with the whitespace collapsed."""
    return translations("da").gettext(" ".join(text.split()))


@contextlib.contextmanager
def _help_in_language(command: click.Command, ctx: click.Context):
    """While `command`'s help is written: its help, its options' and its subcommands' in Danish."""
    if _language.get() != "da":
        yield
        return
    parts = [command, *command.get_params(ctx), *getattr(command, "commands", {}).values()]
    saved = [(part, part.help) for part in parts if getattr(part, "help", None)]
    options = [part for part in command.get_params(ctx) if isinstance(part, click.Option) and not part.is_flag]
    metavars = [(option, option.metavar) for option in options]
    for option in options:
        option.metavar = _help_da(option.make_metavar(ctx))  # TEXT, FILE, YYYY-MM-DD …
    for part, text in saved:
        part.help = _help_da(text)
    try:
        yield
    finally:
        for part, text in saved:
            part.help = text
        for option, metavar in metavars:
            option.metavar = metavar


class _Translated:
    """A command whose help and usage line (also shown with a usage error) follow the language."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes the help option once and keeps it, with its help in the language of the
        # run that made it: keep the English msgid, translated like every help when shown
        made = getattr(self, "_help_option", None) is None
        option = super().get_help_option(ctx)
        if made and option is not None:
            option.help = "Show this message and exit."
        return option

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_language(self, ctx):
            super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_click_gettext(piece) for piece in super().collect_usage_pieces(ctx)]  # [OPTIONS] …


class _Command(_Translated, click.Command):
    pass


class Group(_Translated, click.Group):
    command_class = _Command

    def main(self, args=None, *rest, **kwargs):
        """Find --lang (or MALPLAN_LANG) with click's own parser first: click's words, the help and
        the usage errors are then in that language from the first line."""
        token = _language.set(self._language_of(sys.argv[1:] if args is None else list(args)))
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            _language.reset(token)

    def _language_of(self, args: list[str]) -> str:
        # with the group's context settings: the help option made here is kept (-h, --help)
        ctx = click.Context(self, info_name=self.name, resilient_parsing=True, **self.context_settings)
        parser = self.make_parser(ctx)
        parser.ignore_unknown_options = True
        try:
            options, _, _ = parser.parse_args(args)
        except click.UsageError:
            options = {}
        lang = options.get("lang") or os.environ.get("MALPLAN_LANG")
        return lang if lang in LANG.choices else "da"
