"""Publishing: the dataset's description (VoID and DCAT, as DCAT-AP-DK asks) and its dumps.

The description names the publisher (the municipality), the licence, the SPARQL endpoint, the
dumps, example resources and statistics. Builds graphs and bytes; serves and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import gzip

import rdflib
from rdflib import BNode, Literal, Namespace, URIRef

from . import labels, queries
from .analysis import level_counts
from .namespaces import DCAT, DCTERMS, FOAF, MP, ONTOLOGY_IRI, ORG, RDF, RDFS, SKOS, XSD

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"

#: The dumps: file name → (export format, media type, gzip or not). `malplan.nt` is what an RDF
#: client reads (served gzip-encoded to a client that accepts it); `malplan.nt.gz` is the same
#: as a file to download, served as application/gzip, since RDF clients choose their parser by
#: the media type and know no parser for application/gzip (comunica/comunica#1291).
DUMPS = {
    "malplan.ttl": ("turtle", "text/turtle", False),
    "malplan.nt": ("nt", "application/n-triples", False),
    "malplan.nt.gz": ("nt", "application/n-triples", True),
    "malplan.jsonld": ("jsonld", "application/ld+json", False),
}
#: The shapes every plan is checked against, published beside the data as its profile.
SHAPES_FILE = "shapes.ttl"
#: The ontology as a file, which a third party needs beside the shapes to validate a dump.
ONTOLOGY_FILE = "def.ttl"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def dump(store, name: str) -> bytes:
    """One dump, as its bytes (every triple but the ontology's)."""
    fmt, _, packed = DUMPS[name]
    data = store.export(fmt)
    return gzip.compress(data, mtime=0) if packed else data


def triple_count(store) -> int:
    """How many triples the dataset has: what each dump holds (the ontology is apart). The one
    count the descriptions give (issue 10)."""
    return store.triple_count(include_ontology=False)


def validation_command(site: str, fmt: str = "human") -> str:
    """The command a third party runs, beside the dump `malplan.ttl` downloaded from `site`, to
    validate it against the published shapes: the ontology as an extra graph with RDFS
    inference, as `sh:class` needs the class hierarchy. `fmt` is the report's format (-f)."""
    site = site.rstrip("/") + "/"
    return f"pyshacl -s {site}{SHAPES_FILE} -e {site}{ONTOLOGY_FILE} -i rdfs -f {fmt} malplan.ttl"


def describe_dataset(
    store, site: str, *, license: str = DEFAULT_LICENSE, contact: str | None = None, endpoint: bool = True
) -> rdflib.Graph:
    """The VoID and DCAT description of the store's data, published at `site` (its root URL),
    with its SPARQL endpoint at `site`/sparql unless `endpoint` is false (a static site)."""
    site = site.rstrip("/") + "/"
    graph = rdflib.Graph()
    for prefix, namespace in (
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("mp", MP),
        ("org", ORG),
    ):
        graph.bind(prefix, namespace)
    catalog, dataset = URIRef(site + ".well-known/void#catalog"), URIRef(site + ".well-known/void#dataset")
    add = graph.add
    publisher = _publisher(store, graph, site)
    title_da, title_en = "Styringskæden som linked data", "The steering chain as linked data"
    about_da = (
        "Visionen, udfordringerne, politikkerne, budgetaftalen, målsætningerne og målplanerne med mål, tegn, "
        "prøvehandlinger, evaluering, læring og milepæle."
    )
    about_en = (
        "The vision, challenges, policies, budget agreement, objectives and goal plans with their goals, signs, "
        "trial actions, evaluation, learning and milestones."
    )

    add((catalog, RDF.type, DCAT.Catalog))
    add((catalog, DCTERMS.title, Literal(f"Kataloget over {title_da.lower()}", lang="da")))
    add((catalog, DCTERMS.title, Literal(f"The catalogue of {title_en.lower()}", lang="en")))
    add((catalog, DCTERMS.description, Literal(about_da, lang="da")))
    add((catalog, DCTERMS.description, Literal(about_en, lang="en")))
    add((catalog, DCTERMS.publisher, publisher))
    add((catalog, DCAT.dataset, dataset))
    add((catalog, FOAF.homepage, URIRef(site)))
    add((catalog, DCTERMS.license, URIRef(license)))
    # DCAT-AP-DK asks the things linked to be typed.
    add((URIRef(site), RDF.type, FOAF.Document))
    add((URIRef(license), RDF.type, DCTERMS.LicenseDocument))
    add((URIRef(EU + "data-theme/GOVE"), RDF.type, SKOS.Concept))
    add((URIRef(EU + "data-theme/GOVE"), SKOS.prefLabel, Literal("Forvaltning og offentlig sektor", lang="da")))
    add((URIRef(EU + "data-theme/GOVE"), SKOS.prefLabel, Literal("Government and public sector", lang="en")))
    add((URIRef(EU + "access-right/PUBLIC"), RDF.type, DCTERMS.RightsStatement))
    add((URIRef(EU + "language/DAN"), RDF.type, DCTERMS.LinguisticSystem))

    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCTERMS.title, Literal(title_da, lang="da")))
    add((dataset, DCTERMS.title, Literal(title_en, lang="en")))
    add((dataset, DCTERMS.description, Literal(about_da, lang="da")))
    add((dataset, DCTERMS.description, Literal(about_en, lang="en")))
    add((dataset, DCTERMS.publisher, publisher))
    add((dataset, DCTERMS.license, URIRef(license)))
    add((dataset, DCTERMS.modified, Literal(dt.date.today().isoformat(), datatype=XSD.date)))
    add((dataset, DCTERMS.language, URIRef(EU + "language/DAN")))
    add((dataset, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC")))
    add((dataset, DCAT.theme, URIRef(EU + "data-theme/GOVE")))
    for keyword in ("målplan", "styringsmodel", "målsætning", "prøvehandling"):
        add((dataset, DCAT.keyword, Literal(keyword, lang="da")))
    add((dataset, DCAT.landingPage, URIRef(site)))
    add((dataset, VOID.uriSpace, Literal(store.base)))
    add((dataset, VOID.vocabulary, URIRef(str(ONTOLOGY_IRI))))
    add((dataset, VOID.triples, Literal(triple_count(store))))
    # The profile the data conforms to: the shapes, which need the ontology (RDFS) beside them.
    shapes = URIRef(site + SHAPES_FILE)
    add((dataset, DCTERMS.conformsTo, shapes))
    add((shapes, RDF.type, DCTERMS.Standard))
    add((shapes, DCTERMS.title, Literal("Målplanskabelonens SHACL-shapes", lang="da")))
    add((shapes, DCTERMS.title, Literal("The goal plan template's SHACL shapes", lang="en")))
    add((shapes, DCTERMS.requires, URIRef(site + ONTOLOGY_FILE)))
    command = validation_command(site)
    add(
        (
            shapes,
            DCTERMS.description,
            Literal(f"Hent {site}dumps/malplan.ttl og valider det med ontologien: {command}", lang="da"),
        )
    )
    add(
        (
            shapes,
            DCTERMS.description,
            Literal(f"Download {site}dumps/malplan.ttl and validate it with the ontology: {command}", lang="en"),
        )
    )
    if contact:
        point = BNode()
        add((dataset, DCAT.contactPoint, point))
        add((point, RDF.type, VCARD.Organization))
        add((point, RDF.type, VCARD.Kind))
        add((point, VCARD.fn, Literal(labels.best(graph.objects(publisher, FOAF.name), "da"))))
        add((point, VCARD.hasEmail, URIRef(f"mailto:{contact}")))

    if endpoint:
        service = URIRef(site + "sparql#service")
        add((dataset, VOID.sparqlEndpoint, URIRef(site + "sparql")))
        add((service, RDF.type, DCAT.DataService))
        add((service, DCTERMS.title, Literal("SPARQL-endpoint", lang="da")))
        add((service, DCAT.endpointURL, URIRef(site + "sparql")))
        add((service, DCAT.servesDataset, dataset))
        add((catalog, DCAT.service, service))

    for name, (_, media, packed) in DUMPS.items():
        url = URIRef(site + "dumps/" + name)
        distribution = URIRef(site + ".well-known/void#" + name)
        if not packed:  # what an RDF client reads as it is; the packed file is for downloading
            add((dataset, VOID.dataDump, url))
        add((dataset, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCTERMS.title, Literal(f"Hele datasættet ({name})", lang="da")))
        add((distribution, DCAT.accessURL, url))
        add((distribution, DCAT.downloadURL, url))
        add((distribution, DCAT.mediaType, URIRef(IANA + media)))
        if packed:
            add((distribution, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        add((distribution, DCTERMS.license, URIRef(license)))
        add((distribution, DCTERMS.conformsTo, shapes))

    classes = level_counts(store, "da")
    add((dataset, VOID.classes, Literal(len(classes))))
    add((dataset, VOID.entities, Literal(sum(count for _, _, count in classes))))
    for cls, _, count in classes:
        partition = BNode()
        add((dataset, VOID.classPartition, partition))
        add((partition, VOID["class"], cls))
        add((partition, VOID.entities, Literal(count)))
    for row in queries.run(store, "plans")[:3]:
        add((dataset, VOID.exampleResource, row["plan"]))
    return graph


def describe_service(store, site: str) -> rdflib.Graph:
    """The SPARQL 1.1 Service Description of the endpoint at `site`/sparql: what it answers, in
    which formats, over which dataset (the one the VoID/DCAT description describes and counts;
    `store` is not read)."""
    site = site.rstrip("/") + "/"
    graph = rdflib.Graph(bind_namespaces="core")
    for prefix, namespace in (("sd", SD), ("formats", FORMATS), ("void", VOID), ("dcterms", DCTERMS)):
        graph.bind(prefix, namespace)
    add = graph.add
    service = URIRef(site + "sparql#service")  # the same resource as the DCAT DataService
    dataset, default = URIRef(site + ".well-known/void#dataset"), BNode()
    add((service, RDF.type, SD.Service))
    add((service, SD.endpoint, URIRef(site + "sparql")))
    add((service, SD.supportedLanguage, SD.SPARQL11Query))
    add((service, SD.feature, SD.UnionDefaultGraph))  # the default graph is every graph together
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV"):
        add((service, SD.resultFormat, FORMATS[name]))
    for name in ("Turtle", "JSON-LD", "RDF_XML", "N-Triples"):
        add((service, SD.resultFormat, FORMATS[name]))
    add((service, DCTERMS.title, Literal("SPARQL-endpoint", lang="da")))
    add((service, DCTERMS.description, Literal("Læser kun: opdateringer, LOAD og SERVICE afvises.", lang="da")))
    add((service, DCTERMS.description, Literal("Read only: updates, LOAD and SERVICE are refused.", lang="en")))
    # The dataset is the one the VoID description counts and describes (one count, one place:
    # issue 10); the default graph is every graph together, the ontology's included.
    add((service, SD.defaultDataset, dataset))
    add((dataset, RDF.type, SD.Dataset))
    add((dataset, RDFS.seeAlso, URIRef(site + ".well-known/void")))
    add((dataset, SD.defaultGraph, default))
    add((default, RDF.type, SD.Graph))
    return graph


def _publisher(store, graph: rdflib.Graph, site: str) -> URIRef:
    """The municipality as publisher: an ORG organisation and a FOAF agent with a name."""
    found = [row["resource"] for row in queries.run(store, "instances", **{"class": MP.Municipality})]
    publisher = found[0] if len(found) == 1 else URIRef(site + ".well-known/void#publisher")
    name = labels.names(store, "da", [str(publisher)]).get(str(publisher)) if len(found) == 1 else None
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, ORG.FormalOrganization))
    graph.add((publisher, FOAF.name, Literal(name or "Kommunen", lang="da")))
    return publisher
