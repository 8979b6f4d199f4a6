"""Verifies captured webhook messages with the official Standard Webhooks library, as a
partner system would, and prints what each says, as JSON, for tests/webhooks.rs.

    webhooks.py SECRET MESSAGES_FILE   (a JSON list of {"headers": {...}, "body": "..."})
"""

import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main(secret, path):
    hook = Webhook(secret)
    out = []
    for message in json.load(open(path)):
        try:
            payload = hook.verify(message["body"], message["headers"])
            out.append({"verified": True, "id": message["headers"]["webhook-id"], "payload": payload})
        except WebhookVerificationError as e:
            out.append({"verified": False, "error": str(e)})
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
