"""Reads a node's DCAT-AP catalogue with rdflib, in Turtle and in JSON-LD, validates it with
pyshacl against the DCAT-AP 3.0 shapes, and prints what it read as JSON for tests/dcat.rs.

    dcat.py TURTLE_URL JSONLD_URL SHAPES_FILE
"""

import json
import sys

import pyshacl
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, SKOS

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def texts(g, subject, predicate):
    return {str(o.language): str(o) for o in g.objects(subject, predicate)}


def iris(g, subject, predicate):
    return sorted(str(o) for o in g.objects(subject, predicate))


def main(turtle_url, jsonld_url, shapes_file):
    g = Graph().parse(turtle_url, format="turtle")
    as_jsonld = Graph().parse(jsonld_url, format="json-ld")
    shapes = Graph().parse(shapes_file, format="turtle")
    conforms, report, text = pyshacl.validate(g, shacl_graph=shapes, inference="none", allow_warnings=True)
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    severity = lambda r: str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
    describe = lambda r: {
        "severity": severity(r),
        "focus": str(report.value(r, SH.focusNode)),
        "path": str(report.value(r, SH.resultPath)),
        "message": str(report.value(r, SH.resultMessage)),
    }
    catalog = next(g.subjects(RDF.type, DCAT.Catalog))
    datasets = []
    for d in g.objects(catalog, DCAT.dataset):
        temporal = g.value(d, DCTERMS.temporal)
        distributions = []
        for dist in g.objects(d, DCAT.distribution):
            distributions.append({
                "access": str(g.value(dist, DCAT.accessURL)),
                "media": str(g.value(dist, DCAT.mediaType)),
                "format": str(g.value(dist, DCTERMS.format)) if g.value(dist, DCTERMS.format) else None,
                "service": str(g.value(dist, DCAT.accessService)) if g.value(dist, DCAT.accessService) else None,
                "license": str(g.value(dist, DCTERMS.license)),
            })
        datasets.append({
            "id": str(d),
            "titles": texts(g, d, DCTERMS.title),
            "descriptions": texts(g, d, DCTERMS.description),
            "publisher": str(g.value(g.value(d, DCTERMS.publisher), FOAF.name)),
            "spatial": iris(g, d, DCTERMS.spatial),
            "themes": iris(g, d, DCAT.theme),
            "modified": str(g.value(d, DCTERMS.modified)),
            "temporal": [str(g.value(temporal, DCAT.startDate)), str(g.value(temporal, DCAT.endDate))] if temporal else None,
            "contact": iris(g, g.value(d, DCAT.contactPoint), VCARD.hasEmail),
            "distributions": sorted(distributions, key=lambda x: x["access"]),
        })
    services = []
    for s in g.objects(catalog, DCAT.service):
        services.append({
            "id": str(s),
            "endpoint": str(g.value(s, DCAT.endpointURL)),
            "description": str(g.value(s, DCAT.endpointDescription)) if g.value(s, DCAT.endpointDescription) else None,
            "serves": iris(g, s, DCAT.servesDataset),
        })
    theme_labels = {str(c): texts(g, c, SKOS.prefLabel) for c in g.subjects(RDF.type, SKOS.Concept)}
    print(json.dumps({
        "violations": [describe(r) for r in results if severity(r) == "Violation"],
        "warnings": len([r for r in results if severity(r) != "Violation"]),
        "same_in_jsonld": isomorphic(g, as_jsonld),
        "triples": len(g),
        "catalog": {
            "id": str(catalog),
            "titles": texts(g, catalog, DCTERMS.title),
            "languages": iris(g, catalog, DCTERMS.language),
            "modified": str(g.value(catalog, DCTERMS.modified)),
            "license": str(g.value(catalog, DCTERMS.license)),
        },
        "datasets": sorted(datasets, key=lambda x: x["id"]),
        "services": sorted(services, key=lambda x: x["id"]),
        "concepts": theme_labels,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:4])
