"""Harvests a Smarty Exchange node with two OAI-PMH harvesters that others wrote, Sickle and
pyoai, and prints what each read, as JSON, for tests/harvest.rs to check. Also validates
responses against the official OAI-PMH schema with lxml.

    oai.py sickle URL VERB [ARG=VALUE ...]   every item of a list, following its tokens
    oai.py sickle-error URL VERB [ARG=VALUE ...]   the error class Sickle raises
    oai.py pyoai URL [FROM]                   Identify, formats, sets, every record, one GetRecord
    oai.py validate XSD FILE ...              each file against the schema
"""

import datetime
import json
import sys


def sickle_items(url, verb, args):
    from sickle import Sickle

    harvester = Sickle(url, max_retries=0)
    items = []
    for item in getattr(harvester, verb)(ignore_deleted=False, **args):
        header = item.header if verb in ("ListRecords", "GetRecord") else item
        entry = {
            "identifier": header.identifier,
            "deleted": header.deleted,
            "datestamp": header.datestamp,
            "sets": header.setSpecs,
        }
        if verb in ("ListRecords", "GetRecord") and not header.deleted:
            entry["metadata"] = item.metadata
        items.append(entry)
    return items


def sickle_error(url, verb, args):
    from sickle import Sickle

    try:
        result = getattr(Sickle(url, max_retries=0), verb)(**args)
        if verb in ("ListRecords", "ListIdentifiers", "ListSets"):
            next(iter(result))
        return {"error": None}
    except Exception as e:  # the class is what is checked
        return {"error": type(e).__name__, "module": type(e).__module__}


def pyoai_on_current_lxml():
    """pyoai 2.5.0, its last release, calls `XPathEvaluator(...).evaluate`, an alias lxml has
    since removed: its client and metadata modules are given an etree whose evaluators answer
    to it again. Nothing else of pyoai is touched."""
    import types

    import oaipmh.client
    import oaipmh.metadata
    from lxml import etree

    class Evaluator:
        def __init__(self, *args, **kwargs):
            self._evaluate = etree.XPathEvaluator(*args, **kwargs)

        def evaluate(self, *args, **kwargs):
            return self._evaluate(*args, **kwargs)

        __call__ = evaluate

    shim = types.SimpleNamespace(**{name: getattr(etree, name) for name in dir(etree) if not name.startswith("__")})
    shim.XPathEvaluator = Evaluator
    oaipmh.client.etree = shim
    oaipmh.metadata.etree = shim


def pyoai(url, since):
    import warnings

    warnings.simplefilter("ignore")  # pyoai imports pkg_resources, which warns
    pyoai_on_current_lxml()
    from oaipmh.client import Client
    from oaipmh.metadata import MetadataRegistry, oai_dc_reader

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = Client(url, registry)
    identify = client.identify()
    out = {
        "identify": {
            "repositoryName": identify.repositoryName(),
            "baseURL": identify.baseURL(),
            "protocolVersion": identify.protocolVersion(),
            "adminEmails": identify.adminEmails(),
            "earliestDatestamp": identify.earliestDatestamp().isoformat(),
            "deletedRecord": identify.deletedRecord(),
            "granularity": identify.granularity(),
        },
        "formats": [list(f) for f in client.listMetadataFormats()],
        "sets": [[spec, name] for spec, name, _ in client.listSets()],
        "records": [],
    }
    args = {"metadataPrefix": "oai_dc"}
    if since:
        args["from_"] = datetime.datetime.strptime(since, "%Y-%m-%dT%H:%M:%SZ")
    for header, metadata, _ in client.listRecords(**args):
        record = {"identifier": header.identifier(), "deleted": header.isDeleted(),
                  "datestamp": header.datestamp().isoformat(), "sets": header.setSpec()}
        if metadata is not None:
            record["title"] = metadata.getField("title")
            record["subject"] = metadata.getField("subject")
            record["coverage"] = metadata.getField("coverage")
            record["identifiers"] = metadata.getField("identifier")
            record["type"] = metadata.getField("type")
            record["language"] = metadata.getField("language")
        out["records"].append(record)
    live = next(r for r in out["records"] if not r["deleted"])
    header, metadata, _ = client.getRecord(identifier=live["identifier"], metadataPrefix="oai_dc")
    out["getRecord"] = {"identifier": header.identifier(), "title": metadata.getField("title")}
    return out


def validate(xsd, files):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(xsd))
    problems = {}
    for name in files:
        if not schema.validate(etree.parse(name)):
            problems[name] = [str(e) for e in schema.error_log]
    return {"invalid": problems}


def arguments(pairs):
    return dict(p.split("=", 1) for p in pairs)


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "sickle":
        result = sickle_items(rest[0], rest[1], arguments(rest[2:]))
    elif command == "sickle-error":
        result = sickle_error(rest[0], rest[1], arguments(rest[2:]))
    elif command == "pyoai":
        result = pyoai(rest[0], rest[1] if len(rest) > 1 else None)
    elif command == "validate":
        result = validate(rest[0], rest[1:])
    else:
        sys.exit(f"unknown command {command}")
    print(json.dumps(result, default=str))
