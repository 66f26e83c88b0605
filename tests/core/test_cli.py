"""The `malplan` command line: help everywhere, exit codes, formats, errors as one clear line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
import rdflib

from malplan_graph.cli import main
from malplan_graph.texts import translations
from tests.conftest import BASE

COMMANDS = sorted(main.commands)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_in_danish_and_english(cli, command):
    english = cli("--lang", "en", command, "--help")
    assert english.exit_code == 0
    first_sentence = main.commands[command].help.split(".")[0]
    assert _flat(first_sentence) in _flat(english.output)
    assert english.output.startswith(f"Usage: malplan {command}")
    danish = cli(command, "--help")
    assert danish.exit_code == 0
    assert danish.output.startswith(f"Brug: malplan {command}")
    first_words = " ".join(translations("da").gettext(_flat(main.commands[command].help)).split()[:5])
    assert first_words in _flat(danish.output)
    assert _flat(first_sentence) not in _flat(danish.output)
    assert "Tilvalg:" in danish.output and "Vis denne hjælp og afslut." in danish.output


def test_every_help_text_has_its_danish():
    """A help text changed in the code without its Danish in the catalogue shows up here."""
    commands = [main, *main.commands.values()]
    for command in commands:
        ctx = click.Context(command, info_name=command.name)
        for part in [command, *command.get_params(ctx)]:
            text = getattr(part, "help", None)
            if text:
                assert translations("da").gettext(_flat(text)) != _flat(text), (command.name, text)


def test_the_group_help_follows_lang_wherever_it_is_written(cli):
    assert cli("--help").output.startswith("Brug: malplan")
    assert "Kommandoer:" in cli("--help").output
    for args in (["--lang", "en", "--help"], ["--help", "--lang", "en"], ["--lang=en", "--help"]):
        output = cli(*args).output
        assert output.startswith("Usage: malplan"), args
        assert "Commands:" in output and "Kommandoer" not in output


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    [
        (["validate", "--bogus"], "Fejl: Tilvalget '--bogus' findes ikke.", "Error: No such option: --bogus"),
        (["trace"], "Fejl: Mangler argument 'NAME'.", "Error: Missing argument 'NAME'."),
        (["nothing"], "Fejl: Kommandoen 'nothing' findes ikke.", "Error: No such command 'nothing'."),
        (
            ["validate", "--format", "x"],
            "Fejl: Ugyldig værdi for '--format': 'x' er ikke en af 'text', 'json', 'turtle'.",
            "Error: Invalid value for '--format': 'x' is not one of 'text', 'json', 'turtle'.",
        ),
        (["stats", "extra"], "Fejl: Fik et uventet ekstra argument (extra)", "Error: Got unexpected extra argument"),
    ],
)
def test_usage_errors_in_danish_by_default_and_english_with_lang_en(cli, args, danish, english):
    result = cli(*args)
    assert result.exit_code == 2
    assert danish in result.output
    assert "Skriv 'malplan" in result.output and "for hjælp." in result.output
    in_english = cli("--lang", "en", *args)
    assert in_english.exit_code == 2
    assert english.split(":")[0] in in_english.output and "Fejl" not in in_english.output
    from_environment = cli.runner.invoke(
        main, ["--store", str(cli.store_path), *args], env={"MALPLAN_LANG": "en"}, prog_name="malplan"
    )
    assert from_environment.exit_code == 2 and "Fejl" not in from_environment.output


def test_every_command_appears_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"malplan {command}" in readme, command


def test_validate_all_fails_on_the_incomplete_example_plans(cli):
    result = cli("validate", "--today", "2026-11-24")
    assert result.exit_code == 1
    assert "12 målplaner: 10 opfylder skabelonen, 2 gør ikke" in result.output
    assert "Målplanen mangler en ejer (EJER AF MÅLPLAN: Hvilken chef ejer målplanen?)." in result.output


def test_validate_one_conforming_plan_by_title_exits_0(cli):
    result = cli("validate", "Aktive og trygge frikvarterer", "--today", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "✓ Aktive og trygge frikvarterer" in result.output


def test_validate_in_english_and_as_json_and_turtle(cli):
    english = cli("--lang", "en", "validate", "plan/rekruttering", "--today", "2026-11-24")
    assert english.exit_code == 1
    assert "The plan has no owner (EJER AF MÅLPLAN: which manager owns the plan?)." in english.output
    data = json.loads(cli("validate", "--format", "json", "--today", "2026-11-24").output)
    assert len(data) == 12 and sum(1 for plan in data if plan["conforms"]) == 10
    report = rdflib.Graph().parse(data=cli("validate", "--format", "turtle", "plan/bevaegelse").output, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(False)) in report
    assert {m.language for m in report.objects(None, sh.resultMessage)} == {"da", "en"}


def test_trace_prints_the_paths_to_the_vision(cli):
    result = cli("trace", "Herstedlund Skole: Aktive frikvarterer med legepatruljer af ældre elever")
    assert result.exit_code == 0
    assert "Veje op til visionen" in result.output
    assert "—fremgår af→ Politik: Børne- og ungepolitik" in result.output
    assert "—konkretiserer→ Vision: Den bæredygtige by for børnene, det grønne og fællesskaber" in result.output
    down = cli("trace", "--down", "objective/trivsel", "--format", "json")
    assert BASE + "plan/mental-trivsel" in {n["iri"] for n in json.loads(down.output)["nodes"]}


def test_trace_unknown_name_is_one_line_and_exit_1(cli):
    result = cli("trace", "Ingenting")
    assert result.exit_code == 1
    assert result.output.strip() == "Grafen indeholder ingen ressource ved navn «Ingenting»."


def test_gaps_and_links(cli):
    gaps = cli("gaps", "--today", "2026-11-24")
    assert gaps.exit_code == 0
    assert "Målsætninger uden målplan (3)" in gaps.output
    assert "Tegn uden data (1)" in gaps.output
    links = cli("links", "--format", "csv", "--limit", "3")
    rows = list(csv.DictReader(io.StringIO(links.output)))
    assert len(rows) == 3 and rows[0]["score"] == "8"
    assert set(rows[0]) >= {"workplaceA", "labelA", "centreA", "workplaceB", "objective", "trialAction", "targetGroup"}
    assert "ny forbindelse" in cli("links", "--new-only").output


def test_query_table_csv_json_and_ask(cli):
    sparql = "SELECT ?plan ?label WHERE { ?plan a mp:GoalPlan ; rdfs:label ?label } ORDER BY ?label LIMIT 2"
    table = cli("query", sparql)
    assert table.exit_code == 0 and "Affaldsdetektiver" in table.output
    rows = list(csv.reader(io.StringIO(cli("query", "--format", "csv", sparql).output)))
    assert rows[0] == ["plan", "label"] and len(rows) == 3
    data = json.loads(cli("query", "--format", "json", sparql).output)
    assert data["head"]["vars"] == ["plan", "label"]
    assert cli("query", "ASK { ?v a mp:Vision }").output.strip() == "ja"


def test_query_from_file(cli, tmp_path):
    (tmp_path / "q.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a mp:GoalPlan }", encoding="utf-8")
    result = cli("query", "--format", "tsv", "--file", str(tmp_path / "q.rq"))
    assert result.output.splitlines()[1].startswith("12")


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        ("SELEKT ?x", "kan ikke læses"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE er ikke tilladt"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "Kun læsende forespørgsler"),
        ("DROP ALL", "Kun læsende forespørgsler"),
    ],
)
def test_bad_and_forbidden_queries_exit_1_with_one_line(cli, sparql, message):
    result = cli("query", sparql)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_keywords_inside_strings_and_iris_are_not_refused(cli):
    result = cli("query", 'SELECT ?x WHERE { VALUES ?x { "SERVICE" <urn:load:INSERT> } } # DROP')
    assert result.exit_code == 0


def test_load_good_and_bad_files(cli, tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("<objective/x> a <https://w3id.org/malplan/def#Objective> .\n", encoding="utf-8")
    assert cli("load", str(good)).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = cli("load", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith(f"{bad}, linje 1")
    assert cli("load").exit_code == 2


def test_export_plan_and_store(cli, tmp_path):
    plan = rdflib.Graph().parse(data=cli("export", "plan/frikvarter").output, format="turtle")
    assert (rdflib.URIRef(BASE + "plan/frikvarter"), None, None) in plan
    out = tmp_path / "all.nt"
    assert cli("export", "--format", "nt", "-o", str(out)).exit_code == 0
    assert len(rdflib.Graph().parse(out, format="nt")) > 1200


def test_stats_and_reset(cli):
    assert "Målplan" in cli("stats").output
    assert cli("reset", "--empty", "--yes").exit_code == 0
    assert cli("plans").output.strip() == "Lageret indeholder ingen målplaner."
    assert cli("validate").exit_code == 0


def test_runs_as_a_module_and_a_bad_store_folder_is_one_line(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "malplan_graph", "--store", str(folder), "stats"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 1
    assert "ikke et malplan-lager" in result.stderr and "Traceback" not in result.stderr


def test_import_export_docx_and_template(cli, tmp_path):
    from tests.core.word import builders

    good = builders.table_layout(tmp_path / "Målplan - Læsebånd.docx")
    bad = builders.old_doc(tmp_path / "gammel.doc")
    result = cli("import", str(good), str(bad), "--today", "2026-11-24")
    assert result.exit_code == 1
    assert "✓ Målplan - Læsebånd.docx — importeret som «Læsebånd»" in result.output
    assert "gammel.doc: det er et gammelt Word-dokument (.doc)" in result.output
    assert "Samarbejdspartner: Læseforeningen" in result.output
    assert "1 af 2 filer importeret; 1 fejlede." in result.output
    assert cli("import", str(good)).exit_code == 0
    dry = cli("import", "--dry-run", str(good))
    assert "prøvekørsel: intet er skrevet" in dry.output and "erstatter" in dry.output
    out = tmp_path / "ud.docx"
    assert cli("export-docx", "Læsebånd", "-o", str(out)).exit_code == 0 and out.stat().st_size > 0
    blank = tmp_path / "blank.docx"
    assert cli("template", "-o", str(blank)).exit_code == 0
    assert cli("import", str(blank)).exit_code == 1


def test_import_a_folder(cli, tmp_path):
    from tests.core.word import builders

    folder = tmp_path / "målplaner"
    folder.mkdir()
    builders.table_layout(folder / "En.docx")
    builders.heading_layout(folder / "To.docx")
    (folder / "~$En.docx").write_bytes(b"Word's lock file")
    result = cli("import", str(folder))
    assert result.exit_code == 0, result.output
    assert "2 af 2 filer importeret" in result.output


def test_import_two_plans_of_one_file_name_and_a_heading_the_template_lacks(cli, tmp_path):
    """Issue 11 §4: files both named Målplan.docx are two plans; an unknown heading is named."""
    from tests.core.word import builders

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = builders.table_layout(tmp_path / "a" / "Målplan.docx")
    other = {**builders.ANSWERS, "workplaces": ["Herstedøster Skole"], "objective": ["Flere børn bevæger sig"]}
    second = builders.variant_heading_layout(
        tmp_path / "b" / "Målplan.docx", {}, {"owner": ("Økonomi", ["200.000 kr. fra puljen"])}, answers=other
    )
    result = cli("import", str(first), str(second), "--today", "2026-11-24")
    assert result.exit_code == 0, result.output
    assert "2 af 2 filer importeret" in result.output
    assert "Overskriften «Økonomi» (efter «EJER AF MÅLPLAN») findes ikke i skabelonen" in result.output
    again = cli("--lang", "en", "import", str(first), "--today", "2026-11-24")
    assert "(replaces the earlier version of «Målplan»)" in again.output


def test_validate_all_is_every_plan_as_without_names(cli):
    everything = cli("validate", "--today", "2026-11-24")
    result = cli("validate", "--all", "--today", "2026-11-24")
    assert result.exit_code == 1
    assert result.output == everything.output
    both = cli("validate", "--all", "plan/bevaegelse")
    assert both.exit_code == 2
    assert "Angiv enten målplaner eller --all, ikke begge." in both.output


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "Porten {port} på 127.0.0.1 er optaget"),
        ("en", "The port {port} on 127.0.0.1 is in use"),
    ],
)
def test_serve_on_a_busy_port_says_so_and_how_to_choose_another(tmp_path, lang, expected):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "malplan_graph", "--lang", lang, "--store", str(tmp_path / "s")]
            + ["serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).parents[2],
        )
    assert result.returncode == 1
    assert expected.format(port=port) in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert "kører på" not in result.stderr and "runs at" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "stats_header", "plans_header"),
    [("da", ["niveau", "antal"], ["titel", "IRI"]), ("en", ["level", "count"], ["title", "IRI"])],
)
def test_stats_and_plans_name_their_columns_in_the_language(cli, lang, stats_header, plans_header):
    stats = cli("--lang", lang, "stats")
    assert stats.output.splitlines()[0].split() == stats_header
    plans = cli("--lang", lang, "plans")
    assert plans.output.splitlines()[0].split() == plans_header


def test_click_speaks_english_outside_a_run_of_malplan(cli):
    """The Danish is for `malplan` only: click in the same process (Flask's CLI) keeps its English."""
    assert "Brug:" in cli("--help").output
    assert click.core._("Usage:") == "Usage:"
    assert click.exceptions.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) == (
        "Did you mean {possibility}?"
    )


def test_usage_line_and_value_names_follow_the_language_and_are_put_back(cli):
    danish = cli("validate", "--help").output
    assert danish.startswith("Brug: malplan validate [TILVALG] [PLANS]...")
    assert "--today ÅÅÅÅ-MM-DD" in danish and "--help" in danish
    assert "--store MAPPE" in cli("--help").output and "KOMMANDO [ARGUMENTER]..." in cli("--help").output
    english = cli("--lang", "en", "validate", "--help").output  # after the Danish: nothing left behind
    assert english.startswith("Usage: malplan validate [OPTIONS] [PLANS]...")
    assert "--today YYYY-MM-DD" in english and "Validate PLANS" in english
    assert "Fejl: Mangler argument 'NAME'." in cli("trace").output and "Brug: malplan trace [TILVALG] NAME" in (
        cli("trace").output
    )


@pytest.mark.parametrize("args", [["-h"], ["--lang", "en", "-h"], ["validate", "-h"]])
def test_h_is_help_everywhere(cli, args):
    result = cli(*args)
    assert result.exit_code == 0
    assert result.output.startswith(("Brug: malplan", "Usage: malplan"))
    assert "-h, --help" in result.output


def test_the_help_options_words_follow_each_run_not_the_first(cli):
    """click keeps each command's help option; one made in a Danish run stays English inside."""
    assert "Vis denne hjælp og afslut." in cli("publish", "--help").output
    english = cli("--lang", "en", "publish", "--help").output
    assert "Show this message and exit." in english and "Vis denne hjælp" not in english
