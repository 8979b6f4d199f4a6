"""A partner system's script, written against the client that openapi-python-client generates
from the node's committed OpenAPI document: create, read, update (with If-Match) and delete a
case study. Run by tests/contract.rs with SMARTY_URL and SMARTY_TOKEN set and the generated
package on PYTHONPATH."""

import os
import sys

from smarty_exchange_node_api_client import AuthenticatedClient
from smarty_exchange_node_api_client.api.case_studies import (
    create_case_study,
    delete_case_study,
    get_case_study,
    update_case_study,
)
from smarty_exchange_node_api_client.models import Problem, RecordCaseStudy, RecordInputCaseStudy

CONTENT = {
    "title": "Sensor retrofits for Huddersfield textile mills",
    "summary": "A shared service fitted low-cost sensors to older looms in twelve mills.",
    "description": "Kirklees Council and the University of Huddersfield set up a retrofit service.",
    "intervention": "direct",
    "themes": ["predictive-maintenance"],
    "language": "en",
    "main_institution": "University of Huddersfield",
    "location": {"nuts": "UKE44", "name": "Huddersfield"},
    "period": {"start": "2021-03-01"},
}


def check(condition, message):
    if not condition:
        print("FAILED:", message, file=sys.stderr)
        sys.exit(1)


def main():
    client = AuthenticatedClient(base_url=os.environ["SMARTY_URL"], token=os.environ["SMARTY_TOKEN"])
    with client as c:
        body = RecordInputCaseStudy.from_dict({"status": "published", "content": CONTENT})
        created = create_case_study.sync_detailed(client=c, body=body)
        check(created.status_code == 201, f"create answered {created.status_code}: {created.content!r}")
        record = created.parsed
        check(isinstance(record, RecordCaseStudy), f"create returned {record!r}")
        etag = created.headers["etag"]
        check(etag == '"1"', f"ETag of a new record: {etag}")

        read = get_case_study.sync_detailed(record.id, client=c)
        check(read.status_code == 200 and read.parsed.content.title == CONTENT["title"], "read back")

        changed = dict(CONTENT, title="Sensor retrofits, second edition")
        body = RecordInputCaseStudy.from_dict({"content": changed})
        stale = update_case_study.sync_detailed(record.id, client=c, body=body, if_match='"7"')
        check(stale.status_code == 412 and isinstance(stale.parsed, Problem), "a stale If-Match is refused")
        updated = update_case_study.sync_detailed(record.id, client=c, body=body, if_match=etag)
        check(updated.status_code == 200, f"update answered {updated.status_code}: {updated.content!r}")
        check(updated.parsed.version == 2 and updated.parsed.content.title == changed["title"], "updated")

        gone = delete_case_study.sync_detailed(record.id, client=c, if_match=updated.headers["etag"])
        check(gone.status_code == 204, f"delete answered {gone.status_code}: {gone.content!r}")
        after = get_case_study.sync_detailed(record.id, client=c)
        check(after.status_code == 404 and isinstance(after.parsed, Problem), "deleted records are gone")
    print("ok: created, read, updated and deleted", record.id)


if __name__ == "__main__":
    main()
