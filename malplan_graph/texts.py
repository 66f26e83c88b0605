"""Interface words of the command line in Danish and English (domain words come from labels).

`t(key, lang, **values)` returns the text with its {placeholders} filled in.
"""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # severities
    "Violation": ("Fejl", "Violation"),
    "Warning": ("Advarsel", "Warning"),
    "Info": ("Info", "Info"),
    # validate
    "conforms": ("opfylder skabelonen", "conforms to the template"),
    "not-conforms": ("opfylder ikke skabelonen", "does not conform to the template"),
    "validate-summary": (
        "{plans} målplaner: {ok} opfylder skabelonen, {bad} gør ikke ({violations} fejl, {warnings} advarsler, {infos} info).",
        "{plans} goal plans: {ok} conform to the template, {bad} do not ({violations} violations, {warnings} warnings, {infos} hints).",
    ),
    "chain-objective": (
        "Målsætningen «{name}» er ikke knyttet til visionen: kæden stopper ved «{stop}» (POLITIK / MÅLSÆTNING).",
        "The objective «{name}» is not linked to the vision: the chain stops at «{stop}» (POLITIK / MÅLSÆTNING).",
    ),
    "chain-goal": (
        "Målet «{name}» er ikke knyttet til visionen: kæden stopper ved «{stop}» (MÅL / MÅLSÆTNING).",
        "The goal «{name}» is not linked to the vision: the chain stops at «{stop}» (MÅL / MÅLSÆTNING).",
    ),
    "chain-action": (
        "Prøvehandlingen «{name}» er ikke knyttet til visionen: kæden stopper ved «{stop}» (PRØVEHANDLINGER / MÅL).",
        "The trial action «{name}» is not linked to the vision: the chain stops at «{stop}» (PRØVEHANDLINGER / MÅL).",
    ),
    "part-in-plan": ("{role} i «{plan}»", "{role} in «{plan}»"),
    "part-written-in-plan": ("{role} «{text}» i «{plan}»", "{role} «{text}» in «{plan}»"),
    "no-plans": ("Lageret indeholder ingen målplaner.", "The store holds no goal plans."),
    # search
    "search-no-words": ("Skriv mindst ét ord at søge efter.", "Give at least one word to search for."),
    "search-nothing": ("Intet passer på «{words}».", "Nothing matches «{words}»."),
    "validating": ("Validerer målplaner", "Validating goal plans"),
    # publish
    "publishing": ("Skriver sitet", "Writing the site"),
    "published": ("{count} filer skrevet i {out}", "{count} files written to {out}"),
    # trace
    "paths-up": ("Veje op til visionen", "Paths up to the vision"),
    "paths-down": ("Veje ned fra", "Paths down from"),
    "below": ("Alt, der bidrager til «{label}»", "Everything that contributes to «{label}»"),
    "no-paths": (
        "Ingen veje: ressourcen er ikke knyttet til kæden.",
        "No paths: the resource is not linked into the chain.",
    ),
    "stops": ("Kæden når ikke visionen; den stopper her", "The chain does not reach the vision; it stops here"),
    "paths-stop": ("Veje op til, hvor kæden stopper", "Paths up to where the chain stops"),
    "not-linked": ("{level} «{label}» er ikke knyttet til visionen", "{level} «{label}» is not linked to the vision"),
    "truncated": ("(kun de første {n} veje vises)", "(only the first {n} paths are shown)"),
    # gaps
    "no-gaps": ("Ingen huller i kæden.", "No gaps in the chain."),
    "in-plan": ("i målplanen", "in the plan"),
    # links
    "no-links": (
        "Ingen arbejdspladser i forskellige centre deler noget.",
        "No workplaces in different centres share anything.",
    ),
    "shared-plan": ("arbejder allerede sammen i {n} målplan(er)", "already work together in {n} plan(s)"),
    "new-link": ("ny forbindelse: ingen fælles målplan", "new link: no plan in common"),
    "score": ("vægt", "score"),
    # load, stats, reset
    "loaded": (
        "Indlæste {files} fil(er): {added} nye tripler. Lageret {store} har nu {total} tripler.",
        "Loaded {files} file(s): {added} new triples. The store {store} now holds {total} triples.",
    ),
    "stats-triples": ("Tripler i alt", "Triples in all"),
    "store": ("Lager", "Store"),
    "base": ("Basis-IRI", "Base IRI"),
    "reset-done": ("Lageret {store} er nulstillet{example}.", "The store {store} has been reset{example}."),
    "with-example": (" med eksempeldata fra Albertslund", " with the Albertslund example data"),
    "reset-confirm": ("Slet alle data i lageret {store}?", "Delete all data in the store {store}?"),
    "written": ("Skrev {path}.", "Wrote {path}."),
    # import
    "importing": ("Importerer målplaner", "Importing goal plans"),
    "imported": ("importeret som", "imported as"),
    "would-import": ("ville blive importeret som", "would be imported as"),
    "replaces": (
        "(erstatter den tidligere udgave af «{label}»)",
        "(replaces the earlier version of «{label}»)",
    ),
    "created": (
        "Nyt i grafen (kontrollér og flet evt. med eksisterende):",
        "New in the graph (check, and merge with existing ones if need be):",
    ),
    "failed": ("ikke importeret", "not imported"),
    "starter-unmatched": (
        "Kunne ikke se, hvilken prøvehandling denne linje gælder: «{text}»",
        "Could not tell which trial action this line is about: «{text}»",
    ),
    "heading-unknown": (
        "Overskriften «{text}» (efter «{after}») findes ikke i skabelonen. Den og teksten under den er gemt "
        "som en note på planen, ikke som svar på spørgsmålet før den; ret overskriften, hvis teksten hører til et afsnit.",
        "The heading «{text}» (after «{after}») is not in the template. It and the text under it are kept as a "
        "note on the plan, not as the answer to the question before it; correct the heading if the text belongs "
        "to a section.",
    ),
    "date-unreadable": (
        "Milepælsplanen: «{text}» kan ikke læses som en dato (findes datoen, og står årstallet der?). "
        "Teksten er gemt uden dato; skriv fx «1. august 2026», «august 2026», «uge 34 2026» eller «2. kvartal 2026».",
        "Milestone plan: «{text}» cannot be read as a date (does the date exist, and is the year there?). "
        "The text is kept without a date; write e.g. «1. august 2026», «august 2026», «uge 34 2026» or «2. kvartal 2026».",
    ),
    "did-you-mean": (
        "{kind} «{written}» er ny i grafen. Mente du «{candidate}»? ({candidate_iri})",
        "{kind} «{written}» is new in the graph. Did you mean «{candidate}»? ({candidate_iri})",
    ),
    "did-you-mean-how": (
        'Godkend med: malplan merge {candidate_iri} {created_iri}, eller importér igen med --accept "{written}={candidate}"',
        'Accept with: malplan merge {candidate_iri} {created_iri}, or import again with --accept "{written}={candidate}"',
    ),
    "accepted": (
        "{kind} «{written}» er «{candidate}» (godkendt; gemt som alternativt navn)",
        "{kind} «{written}» is «{candidate}» (accepted; kept as an alternative name)",
    ),
    "import-summary": (
        "{ok} af {total} filer importeret{dry}; {failed} fejlede.",
        "{ok} of {total} files imported{dry}; {failed} failed.",
    ),
    "dry-run": (" (prøvekørsel: intet er skrevet)", " (dry run: nothing was written)"),
    "serving": (
        "malplan-graph kører på {url} (lager: {store}). Stop med Ctrl+C.",
        "malplan-graph runs at {url} (store: {store}). Stop it with Ctrl+C.",
    ),
    # curation: merge, delete, history, undo
    "merged": (
        "Flettede «{other}» ind i «{keep}»: {moved} tripler flyttet; <{other_iri}> owl:sameAs <{keep_iri}>.",
        "Merged «{other}» into «{keep}»: {moved} triples moved; <{other_iri}> owl:sameAs <{keep_iri}>.",
    ),
    "deleted": (
        "Slettede målplanen «{plan}»: {removed} tripler fjernet.",
        "Deleted the goal plan «{plan}»: {removed} triples removed.",
    ),
    "delete-confirm": ("Slet målplanen «{plan}» ({iri})?", "Delete the goal plan «{plan}» ({iri})?"),
    "graph-line": ("  {graph}: +{added} −{removed}", "  {graph}: +{added} −{removed}"),
    "default-graph": ("standardgrafen", "the default graph"),
    "orphans-removed": (
        "Fjernet, fordi intet andet bruger dem: {names}.",
        "Removed because nothing else uses them: {names}.",
    ),
    "undone": (
        "Fortrød {kind} fra {time}: +{added} −{removed} tripler.",
        "Undid the {kind} of {time}: +{added} −{removed} triples.",
    ),
    "no-history": ("Lageret har ingen historik endnu.", "The store has no history yet."),
    "undone-mark": ("fortrudt", "undone"),
    "h-time": ("tidspunkt (UTC)", "time (UTC)"),
    "h-kind": ("handling", "activity"),
    "h-added": ("tilføjet", "added"),
    "h-removed": ("fjernet", "removed"),
    "h-used": ("hvad", "what"),
    # errors
    "unexpected": (
        "Uventet fejl: {error}. Kør igen med MALPLAN_DEBUG=1 for detaljer.",
        "Unexpected error: {error}. Run again with MALPLAN_DEBUG=1 for details.",
    ),
    "query-missing": ("Angiv en SPARQL-forespørgsel eller --file.", "Give a SPARQL query or --file."),
    "query-both": ("Angiv enten en forespørgsel eller --file, ikke begge.", "Give either a query or --file, not both."),
    "rows": ("{n} rækker", "{n} rows"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
}


def t(key: str, lang: str = "da", **values: object) -> str:
    """The interface text `key` in `lang`, with `values` filled in."""
    da, en = CATALOG[key]
    text = en if lang == "en" else da
    return text.format(**values) if values else text
