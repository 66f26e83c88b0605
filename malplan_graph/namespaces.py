"""Every IRI base the project spells: the ontology, the shapes and the W3C vocabularies.

No other module writes an IRI base by hand; instance IRIs hang off the configured base.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

MP = Namespace("https://w3id.org/malplan/def#")
MPSH = Namespace("https://w3id.org/malplan/shapes#")
ONTOLOGY_IRI = URIRef("https://w3id.org/malplan/def")
SHAPES_IRI = URIRef("https://w3id.org/malplan/shapes")
QB = Namespace("http://purl.org/linked-data/cube#")
VANN = Namespace("http://purl.org/vocab/vann/")
BMM = Namespace("https://www.omg.org/spec/BMM/")

#: Where instance IRIs live unless MALPLAN_BASE says otherwise.
DEFAULT_BASE = "https://data.albertslund.dk/malplan/"

PREFIXES: dict[str, str] = {
    "mp": str(MP),
    "mpsh": str(MPSH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "org": str(ORG),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "qb": str(QB),
    "sh": str(SH),
}

__all__ = [
    "BMM",
    "DCAT",
    "DCTERMS",
    "DEFAULT_BASE",
    "FOAF",
    "MP",
    "MPSH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SH",
    "SHAPES_IRI",
    "SKOS",
    "VANN",
    "XSD",
]
