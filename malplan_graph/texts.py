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
    "validate-all-and-plans": (
        "Angiv enten målplaner eller --all, ikke begge.",
        "Give either plans or --all, not both.",
    ),
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
    "col-level": ("niveau", "level"),
    "col-count": ("antal", "count"),
    "col-title": ("titel", "title"),
    "col-iri": ("IRI", "IRI"),
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
    "port-busy": (
        "Porten {port} på {host} er optaget (kører malplan serve eller et andet program allerede der?). "
        "Vælg en anden port med --port, fx: malplan serve --port {other}",
        "The port {port} on {host} is in use (is malplan serve or another program already running there?). "
        "Choose another port with --port, e.g.: malplan serve --port {other}",
    ),
    "port-unusable": (
        "Kan ikke lytte på {host}:{port} (er adressen rigtig, og må du bruge porten?). "
        "Vælg en anden med --host eller --port, fx: malplan serve --port {other}",
        "Cannot listen on {host}:{port} (is the address right, and may you use the port?). "
        "Choose another with --host or --port, e.g.: malplan serve --port {other}",
    ),
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


#: click's own words (its gettext msgids) in Danish; the CLI hands them to click (cli.py).
CLICK_DA: dict[str, str] = {
    "Aborted!": "Afbrudt!",
    "deprecated": "forældet",
    "required": "påkrævet",
    "Missing command.": "Mangler en kommando.",
    "Options": "Tilvalg",
    "Positional arguments": "Argumenter",
    "Commands": "Kommandoer",
    "env var: {var}": "miljøvariabel: {var}",
    "default: {default}": "standard: {default}",
    "(dynamic)": "(dynamisk)",
    "Invalid start character for option ({option})": "Ugyldigt første tegn i tilvalget ({option})",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tager {nargs} værdier.",
    "Missing argument": "Mangler argument",
    "unknown error": "ukendt fejl",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Missing option": "Mangler tilvalg",
    "Could not open file {filename!r}: {message}": "Kunne ikke åbne filen {filename!r}: {message}",
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' for hjælp.",
    "Missing parameter": "Mangler parameter",
    "Missing parameter: {param_name}": "Mangler parameter: {param_name}",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Missing {param_type}": "Mangler {param_type}",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} ligger ikke i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} er ikke en gyldig sandhedsværdi. "
    "Mulige værdier: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt {number_type}.",
    "{value!r} is not a valid UUID.": "{value!r} er ikke et gyldigt UUID.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke køres.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "Do you want to continue?": "Vil du fortsætte?",
    "Confirm the action without prompting.": "Bekræft handlingen uden at spørge.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Show the version and exit.": "Vis versionen og afslut.",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Usage:": "Brug:",
    "Press any key to continue...": "Tryk på en tast for at fortsætte …",
    "Repeat for confirmation": "Gentag for at bekræfte",
    "Error: The two entered values do not match.": "Fejl: De to indtastede værdier er ikke ens.",
    "Error: invalid input": "Fejl: ugyldigt input",
}

#: click's plural words: (singular, plural) msgids → (Danish singular, Danish plural).
CLICK_PLURAL_DA: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Fik et uventet ekstra argument ({args})",
        "Fik uventede ekstra argumenter ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Tager {nargs} værdier, men fik 1.",
        "Tager {nargs} værdier, men fik {len}.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Tilvalget {name!r} kræver en værdi.",
        "Tilvalget {name!r} kræver {nargs} værdier.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Mente du {possibility}?",
        "(Mente du en af: {possibilities}?)",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} er ikke {choice}.",
        "{value!r} er ikke en af {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} passer ikke til formatet {format}.",
        "{value!r} passer ikke til formaterne {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} værdier kræves, men der blev givet {len_value}.",
        "{len_type} værdier kræves, men der blev givet {len_value}.",
    ),
}

#: The command line's help in Danish, keyed by its English text (the docstring or option help in
#: the code, with its whitespace collapsed); a test checks that every help text has one.
HELP_DA: dict[str, str] = {
    # the group
    "malplan-graph: Albertslund Kommune's strategy chain as a knowledge graph. vision → udfordringer → "
    "politikker/budgetaftale → målsætninger → målplaner → mål → tegn → prøvehandlinger → evaluering → læring. "
    "Validate plans against the template, trace any trial action up to the vision, find gaps and links across "
    "centres, query with SPARQL.": "malplan-graph: Albertslund Kommunes strategikæde som en vidensgraf.\n\n"
    "vision → udfordringer → politikker/budgetaftale → målsætninger → målplaner → mål → tegn → prøvehandlinger "
    "→ evaluering → læring. Validér målplaner mod skabelonen, følg en prøvehandling op til visionen, find huller "
    "og forbindelser på tværs af centre, og søg med SPARQL.",
    "The store folder (default: MALPLAN_STORE or the user's data folder). A new store starts with the "
    "Albertslund example.": "Lagerets mappe (standard: MALPLAN_STORE eller brugerens datamappe). "
    "Et nyt lager starter med eksemplet fra Albertslund.",
    "Language of messages and labels: da (Danish) or en (English).": "Sprog for beskeder og navne: "
    "da (dansk) eller en (engelsk).",
    # commands
    "Delete PLAN (by IRI, path or title): its graph, its parts, every statement pointing at them, and the "
    "resources only it created; resources other plans use stay. One atomic write, undone by `malplan undo`.": (
        "Slet PLAN (efter IRI, sti eller titel): dens graf, dens dele, alle udsagn, der peger på dem, og de "
        "ressourcer, kun den har skabt; ressourcer, som andre planer bruger, bliver. Én samlet skrivning, "
        "som `malplan undo` fortryder."
    ),
    "Export the whole store, or one PLAN (with what it points to), as RDF.": "Eksportér hele lageret, eller "
    "én PLAN (med det, den peger på), som RDF.",
    "Write PLAN (by IRI, path or title) into the målplan template as a Word document.": "Skriv PLAN (efter IRI, "
    "sti eller titel) ind i målplanskabelonen som et Word-dokument.",
    "Gaps in the chain: trial actions, goals, objectives and plans that do not reach the vision (and where their "
    "chain stops), objectives without plans, goals without signs, signs without data, trial actions nobody "
    "starts, challenges no objective addresses, overdue evaluations.": (
        "Huller i kæden: prøvehandlinger, mål, målsætninger og målplaner, der ikke når visionen (og hvor deres "
        "kæde stopper), målsætninger uden målplan, mål uden tegn, tegn uden data, prøvehandlinger, ingen "
        "sætter i gang, udfordringer, ingen målsætning tager op, og evalueringer, der er forsinkede."
    ),
    "List what each import, merge, deletion and undo did to the store, newest first: when, what, how many "
    "triples were added and removed (kept as PROV in the store's history graph).": (
        "Vis, hvad hver import, fletning, sletning og fortrydelse har gjort ved lageret, nyeste først: hvornår, "
        "hvad, og hvor mange tripler der blev tilføjet og fjernet (gemt som PROV i lagerets historikgraf)."
    ),
    "Import filled-in målplaner (.docx, or every .docx in a folder): each plan is validated and written whole or "
    "not at all; importing the same file again replaces its plan. A bad file stops no other. A name near one "
    'the graph holds ("Børne- og ungepolitikken") is never merged silently: the report asks "Mente du «Børne- '
    'og ungepolitik»?"; accept with --accept or --accept-all, or afterwards with `malplan merge`. Exit code 0 '
    "when every file was imported, 1 when any could not be read.": (
        "Importér udfyldte målplaner (.docx, eller alle .docx i en mappe): hver plan valideres og skrives helt "
        "eller slet ikke; importeres den samme fil igen, erstatter den sin plan. En dårlig fil stopper ingen "
        "andre.\n\n"
        "Et navn, der ligner et, grafen kender («Børne- og ungepolitikken»), flettes aldrig i stilhed: "
        "rapporten spørger «Mente du »Børne- og ungepolitik«?»; godkend med --accept eller --accept-all, eller "
        "bagefter med `malplan merge`.\n\n"
        "Slutkode 0, når alle filer er importeret, 1, når en af dem ikke kunne læses."
    ),
    "Workplaces in different centres that share an objective, a trial action or a target group, ranked "
    "(objective 3, trial action 2, target group 1).": (
        "Arbejdspladser i forskellige centre, der deler en målsætning, en prøvehandling eller en målgruppe, "
        "rangeret (målsætning 3, prøvehandling 2, målgruppe 1)."
    ),
    "Load RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) into the store. Recorded in the store's "
    "history (`malplan history`); it cannot be undone, and `malplan undo` does not reach past it. All files land "
    "together or none does: a file with an error leaves the store as it was. Refused, with the file named: files "
    "over 512 MB, texts over 1,000,000 characters or with control characters, properties RDF/XML cannot write, "
    "nesting over 100 levels, XML entities that swell a file over tenfold, and statements for the ontology's "
    "graph, the shared graph of Word imports or a plan's graph.": (
        "Indlæs RDF-filer (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) i lageret.\n\n"
        "Skrives i lagerets historik (`malplan history`); det kan ikke fortrydes, og `malplan undo` når ikke "
        "forbi det. Alle filer kommer ind sammen eller ingen: en fil med en fejl lader lageret være, som det "
        "var. Afvises, med filen nævnt: filer over 512 MB, tekster over 1.000.000 tegn eller med kontroltegn, "
        "egenskaber, RDF/XML ikke kan skrive, indlejring i over 100 niveauer, XML-entiteter, der gør en fil over "
        "ti gange større, og udsagn til ontologiens graf, Word-importernes fælles graf eller en plans graf."
    ),
    "Merge OTHER into KEEP: every statement about OTHER (as subject and as object, in every graph) moves to KEEP, "
    "OTHER's names become KEEP's alternative names (skos:altLabel), and OTHER's IRI stays as `OTHER owl:sameAs "
    "KEEP`. One atomic write, undone by `malplan undo`. KEEP and OTHER are IRIs, prefixed names, paths under the "
    "base IRI or labels, and must be of the same kind. Resources nothing uses any more after the merge are "
    "removed.": (
        "Flet OTHER ind i KEEP: alle udsagn om OTHER (som subjekt og som objekt, i alle grafer) flytter til "
        "KEEP, OTHERs navne bliver KEEPs alternative navne (skos:altLabel), og OTHERs IRI bliver stående som "
        "`OTHER owl:sameAs KEEP`. Én samlet skrivning, som `malplan undo` fortryder.\n\n"
        "KEEP og OTHER er IRI'er, præfiksnavne, stier under basis-IRI'en eller navne, og de skal være af samme "
        "slags. Ressourcer, som intet bruger efter fletningen, fjernes."
    ),
    "List the goal plans in the store.": "Vis målplanerne i lageret.",
    "Write the linked data as a static site for any web server: a page with .ttl and .jsonld beside it for every "
    "resource, the graphs, the ontology, the dumps and the VoID/DCAT file.": (
        "Skriv de linkede data som et statisk site til enhver webserver: en side med .ttl og .jsonld ved siden "
        "af for hver ressource, graferne, ontologien, dumpene og VoID/DCAT-filen."
    ),
    "Run a SPARQL SELECT, ASK or CONSTRUCT query (inline or from a file) over the store. The usual prefixes (mp, "
    "rdfs, skos, dcterms, org, prov …) need no declaration.": (
        "Kør en SPARQL-forespørgsel (SELECT, ASK eller CONSTRUCT, på linjen eller fra en fil) over lageret.\n\n"
        "De sædvanlige præfikser (mp, rdfs, skos, dcterms, org, prov …) skal ikke erklæres."
    ),
    "Delete everything in the store and start again with the Albertslund example (or empty). The history stays, "
    "with the reset in it; `malplan undo` does not reach past a reset.": (
        "Slet alt i lageret, og start forfra med eksemplet fra Albertslund (eller tomt).\n\n"
        "Historikken bliver, med nulstillingen i; `malplan undo` når ikke forbi en nulstilling."
    ),
    "Start the web app on the store, served by waitress (the example data when the store is empty). Stop it "
    "with Ctrl+C.": (
        "Start webappen på lageret, serveret af waitress (med eksempeldata, når lageret er tomt). Stop den med Ctrl+C."
    ),
    "How many resources there are at each level of the chain.": "Hvor mange ressourcer der er på hvert niveau "
    "af kæden.",
    "Write the blank målplan template as a Word document for staff to fill in.": "Skriv den tomme "
    "målplanskabelon som et Word-dokument, medarbejderne kan udfylde.",
    "Every path from NAME up to the vision (or, with --down, everything below it); exits 1 when NAME does not "
    "reach the vision, after saying where its chain stops. NAME is an IRI, a prefixed name, a path under the "
    'base IRI (plan/frikvarter) or a label ("Herstedlund Skole"); an ambiguous label lists the candidates.': (
        "Alle veje fra NAME op til visionen (eller, med --down, alt under den); slutter med kode 1, når NAME "
        "ikke når visionen, efter at have sagt, hvor kæden stopper.\n\n"
        "NAME er en IRI, et præfiksnavn, en sti under basis-IRI'en (plan/frikvarter) eller et navn "
        "(«Herstedlund Skole»); et navn, der kan være flere ting, viser mulighederne."
    ),
    "Undo the last import, merge or deletion not yet undone, in one atomic write (run it again to undo the one "
    "before). The undo itself is kept in the history.": (
        "Fortryd den seneste import, fletning eller sletning, der ikke allerede er fortrudt, i én samlet "
        "skrivning (kør den igen for at fortryde den før). Fortrydelsen gemmes selv i historikken."
    ),
    "Validate PLANS (by IRI or title) against the målplan template; all plans if none given or with --all. Exit "
    "code 0 when every plan conforms, 1 when any plan has a violation.": (
        "Validér PLANS (efter IRI eller titel) mod målplanskabelonen; alle målplaner, hvis ingen er angivet, "
        "eller med --all.\n\n"
        "Slutkode 0, når alle planer opfylder skabelonen, 1, når en plan har en fejl."
    ),
    # options
    "Do not ask for confirmation.": "Spørg ikke om bekræftelse.",
    "Output format.": "Uddataformat.",
    "Write to this file.": "Skriv til denne fil.",
    "The Word file to write.": "Word-filen, der skal skrives.",
    "Check dates as on this day.": "Kontrollér datoer som på denne dag.",
    "Show the report and write nothing.": "Vis rapporten, og skriv intet.",
    "Accept a suggested name: link WRITTEN to the resource NAME (its name or IRI) and keep WRITTEN as its "
    'alternative name, e.g. --accept "Børne- og ungepolitikken=Børne- og ungepolitik". May be repeated.': (
        "Godkend et foreslået navn: knyt WRITTEN til ressourcen NAME (dens navn eller IRI), og gem WRITTEN som "
        'dens alternative navn, fx --accept "Børne- og ungepolitikken=Børne- og ungepolitik". Kan gentages.'
    ),
    "Accept every suggested name (see the report of a --dry-run first).": "Godkend alle foreslåede navne (se "
    "rapporten fra en --dry-run først).",
    "Only pairs that do not already share a plan.": "Kun par, der ikke allerede deler en målplan.",
    "Show at most this many pairs.": "Vis højst så mange par.",
    "Load into this named graph (default: the default graph).": "Indlæs i denne navngivne graf (standard: "
    "standardgrafen).",
    "Base IRI for relative IRIs in the files (default: the store's base).": "Basis-IRI for relative IRI'er i "
    "filerne (standard: lagerets basis).",
    "The folder to write.": "Mappen, der skal skrives.",
    "The URL the site will be served at (default: the base IRI).": "Den URL, sitet skal ligge på (standard: "
    "basis-IRI'en).",
    "The dataset's licence, a URL (default: CC BY 4.0).": "Datasættets licens, en URL (standard: CC BY 4.0).",
    "Read the query from a file (- for stdin).": "Læs forespørgslen fra en fil (- for standardinput).",
    "table for people; csv, tsv, json or xml (SPARQL results formats) for programs.": "table for mennesker; "
    "csv, tsv, json eller xml (SPARQL-resultatformater) for programmer.",
    "Start empty instead of with the example data.": "Start tomt i stedet for med eksempeldata.",
    "A new base IRI for instance data.": "En ny basis-IRI for instansdata.",
    "The address to listen on.": "Adressen, der skal lyttes på.",
    "The port.": "Porten.",
    "Threads for pages and data; SPARQL queries get their own on top (MALPLAN_SPARQL_WORKERS).": "Tråde til "
    "sider og data; SPARQL-forespørgsler får deres egne oveni (MALPLAN_SPARQL_WORKERS).",
    "Everything that contributes to NAME instead of the way up.": "Alt, der bidrager til NAME, i stedet for vejen op.",
    "text for people, json for programs, turtle for a SHACL report.": "text for mennesker, json for programmer, "
    "turtle for en SHACL-rapport.",
    "Check dates as on this day (YYYY-MM-DD) instead of today.": "Kontrollér datoer som på denne dag "
    "(ÅÅÅÅ-MM-DD) i stedet for i dag.",
    "All plans in the store (as when no PLANS are given).": "Alle målplaner i lageret (som når ingen PLANS er "
    "angivet).",
}
