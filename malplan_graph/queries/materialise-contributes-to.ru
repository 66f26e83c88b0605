# title@da: Udled «bidrager til» fra kædens opadgående relationer
# title@en: Materialise "contributes to" from the chain's upward relations
# parameters:
# Every sub-property of mp:contributesTo (read from the ontology graph) also yields the
# mp:contributesTo triple, in the same graph, so that one property path climbs the chain.
PREFIX mp: <https://w3id.org/malplan/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT { GRAPH ?g { ?s mp:contributesTo ?o } }
WHERE {
  GRAPH <https://w3id.org/malplan/def> { ?p rdfs:subPropertyOf+ mp:contributesTo }
  GRAPH ?g { ?s ?p ?o }
} ;
INSERT { ?s mp:contributesTo ?o }
WHERE {
  GRAPH <https://w3id.org/malplan/def> { ?p rdfs:subPropertyOf+ mp:contributesTo }
  ?s ?p ?o
}
