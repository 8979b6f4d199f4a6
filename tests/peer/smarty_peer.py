"""A second implementation of the Smarty Exchange federation protocol, written from
docs/protocol.md alone (sections 1 to 9), to show that the document is precise enough to
interoperate. It shares no code with the Rust node.

  smarty_peer.py keygen --region R --out DIR
      an Ed25519 key (DIR/R.key) and its JWK set (DIR/R.jwks)
  smarty_peer.py serve --region R --key FILE --pin REGION=JWKS --content FILE --records N
      an origin on loopback: N signed records of its own (the last one a tombstone) in a
      version 2 feed with its checkpoint; prints "listening on URL" and serves until killed
  smarty_peer.py pull --region R --key FILE --node URL --pin REGION=JWKS ...
      reads a node's descriptor, whole version 2 feed and snapshot with peer tokens of its own,
      verifies every change and checkpoint with the origins' pinned keys, checks what it holds
      of each origin against that origin's checkpoint, and prints one line per origin

Needs `cryptography` (Ed25519) and `rfc8785` (JCS canonical JSON).
"""

import argparse
import base64
import hashlib
import http.server
import json
import os
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# Section 1: keys and their thumbprints.
def jwk_of(public: Ed25519PublicKey) -> dict:
    x = b64url(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    members = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"), sort_keys=True)
    kid = b64url(hashlib.sha256(members.encode()).digest())
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"}


def pinned_keys(path: str) -> dict:
    """kid -> public key, from a JWK set file; every key's kid is checked against its x."""
    with open(path) as f:
        keys = {}
        for jwk in json.load(f)["keys"]:
            assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519", jwk
            public = Ed25519PublicKey.from_public_bytes(unb64url(jwk["x"]))
            assert jwk_of(public)["kid"] == jwk["kid"], "a kid that is not the key's thumbprint"
            keys[jwk["kid"]] = public
        return keys


def load_key(path: str) -> Ed25519PrivateKey:
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def now_rfc3339() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def uuid7() -> str:
    ms = time.time_ns() // 1_000_000
    raw = bytearray(ms.to_bytes(6, "big") + secrets.token_bytes(10))
    raw[6] = 0x70 | (raw[6] & 0x0F)
    raw[8] = 0x80 | (raw[8] & 0x3F)
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Section 3: a change's signed bytes, hash and signature.
CHANGE_MEMBERS = {"id", "kind", "origin", "version", "status", "created_at", "updated_at", "deleted", "content",
                  "hash", "signature"}


def signed_bytes(change: dict) -> bytes:
    return rfc8785.dumps({k: v for k, v in change.items() if k not in ("hash", "signature")})


def seal(change: dict, key: Ed25519PrivateKey, kid: str) -> dict:
    data = signed_bytes(change)
    change["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    change["signature"] = {"alg": "EdDSA", "kid": kid, "value": b64url(key.sign(data))}
    return change


def verify_change(change: dict, trust: dict) -> None:
    unknown = set(change) - CHANGE_MEMBERS
    assert not unknown, f"unknown members {unknown}"
    keys = trust.get(change["origin"])
    assert keys is not None, f"origin {change['origin']} is not pinned"
    data = signed_bytes(change)
    assert change["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), f"hash of {change['id']}"
    sig = change["signature"]
    assert sig["alg"] == "EdDSA" and sig["kid"] in keys, f"key of {change['id']}"
    keys[sig["kid"]].verify(unb64url(sig["value"]), data)
    live = change["status"] == "published" and not change.get("deleted", False)
    assert live == ("content" in change), f"content of {change['id']}"
    if "content" in change:
        assert "contact" not in change["content"], "personal data in a change"


# Section 6: LtHash16.
def element(record_id: str, version: int, record_hash: str) -> list:
    data = hashlib.shake_128(f"{record_id}\n{version}\n{record_hash}".encode()).digest(2048)
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, 2048, 2)]


def set_digest(members) -> str:
    state = [0] * 1024
    for record_id, version, record_hash in members:
        for i, lane in enumerate(element(record_id, version, record_hash)):
            state[i] = (state[i] + lane) & 0xFFFF
    data = b"".join(lane.to_bytes(2, "little") for lane in state)
    return "sha256:" + hashlib.sha256(data).hexdigest()


# Section 7: checkpoints.
CHECKPOINT_MEMBERS = ["origin", "count", "digest", "issued_at", "kid"]


def checkpoint(origin: str, members, key: Ed25519PrivateKey, kid: str) -> dict:
    members = list(members)
    body = {"origin": origin, "count": len(members), "digest": set_digest(members), "issued_at": now_rfc3339(),
            "kid": kid}
    body["signature"] = b64url(key.sign(rfc8785.dumps(body)))
    return body


def verify_checkpoint(cp: dict, trust: dict) -> None:
    assert set(cp) == set(CHECKPOINT_MEMBERS) | {"signature"}, f"checkpoint members {set(cp)}"
    keys = trust[cp["origin"]]
    keys[cp["kid"]].verify(unb64url(cp["signature"]), rfc8785.dumps({k: cp[k] for k in CHECKPOINT_MEMBERS}))


# Section 4: peer tokens.
def token(key: Ed25519PrivateKey, kid: str, iss: str, aud: str, method: str, url: str) -> str:
    header = {"alg": "EdDSA", "typ": "smarty-peer+jwt", "kid": kid}
    now = int(time.time())
    claims = {"iss": iss, "aud": aud, "iat": now, "exp": now + 60, "jti": secrets.token_hex(16), "htm": method,
              "htu": url}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    return signing_input + "." + b64url(key.sign(signing_input.encode()))


class TokenChecker:
    """Checks the peer tokens of requests to this peer, replays included."""

    def __init__(self, region: str, pins: dict):
        self.region, self.pins, self.seen, self.lock = region, pins, set(), threading.Lock()

    def check(self, authorization: str, method: str, url: str) -> str:
        """The caller's region, or an exception naming the failed check."""
        assert authorization.startswith("Bearer "), "no bearer token"
        head, body, sig = authorization[7:].split(".")
        header, claims = json.loads(unb64url(head)), json.loads(unb64url(body))
        assert header.get("alg") == "EdDSA" and header.get("typ") == "smarty-peer+jwt", "header"
        assert not {"jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "crit"} & set(header), "header members"
        keys = self.pins.get(claims.get("iss"))
        assert keys is not None and header.get("kid") in keys, "not a pinned peer key"
        keys[header["kid"]].verify(unb64url(sig), f"{head}.{body}".encode())
        now = int(time.time())
        assert claims["aud"] == self.region, "audience"
        assert claims["exp"] - claims["iat"] <= 300 and claims["iat"] - 60 <= now <= claims["exp"] + 60, "time"
        assert claims["htm"] == method and claims["htu"] == url, "method or URL"
        with self.lock:
            assert claims["jti"] not in self.seen, "replayed"
            self.seen.add(claims["jti"])
        return claims["iss"]


def problem(status: int, slug: str, detail: str) -> bytes:
    return json.dumps({"type": f"/problems/{slug}", "title": slug, "status": status, "detail": detail}).encode()


def serve(args) -> None:
    key = load_key(args.key)
    kid = jwk_of(key.public_key())["kid"]
    pins = {region: pinned_keys(path) for region, path in (p.split("=", 1) for p in args.pin)}
    with open(args.content) as f:
        content = json.load(f)
    changes = []
    for i in range(args.records):
        at = now_rfc3339()
        change = {"id": uuid7(), "kind": "case_study", "origin": args.region, "version": 1, "status": "published",
                  "created_at": at, "updated_at": at, "content": dict(content, title=f"{content['title']} {i}")}
        if i == args.records - 1:
            # The last one is deleted: version 2, a tombstone without content.
            change.update(version=2, deleted=True, updated_at=now_rfc3339())
            del change["content"]
        changes.append(seal(change, key, kid))
    members = [(c["id"], c["version"], c["hash"]) for c in changes]
    tokens = TokenChecker(args.region, pins)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            base = f"http://{self.headers['Host']}"
            if url.path == "/federation/v2/changes":
                try:
                    tokens.check(self.headers.get("Authorization", ""), "GET", base + url.path)
                except Exception as e:
                    return self.answer(401, problem(401, "unauthorized", f"the token failed: {e}"))
                query = urllib.parse.parse_qs(url.query)
                start = int(unb64url(query["since"][0]).decode()) if "since" in query else 0
                limit = int(query.get("limit", ["500"])[0])
                page = changes[start:start + limit]
                more = start + limit < len(changes)
                body = {"changes": page, "next": b64url(str(start + len(page)).encode()), "more": more,
                        "checkpoints": [] if more else [checkpoint(args.region, members, key, kid)],
                        "key_statements": {"rotations": [], "revocations": []}}
                return self.answer(200, json.dumps(body).encode(), "application/json")
            return self.answer(404, problem(404, "not-found", "No resource at this address."))

        def answer(self, status, body, content_type="application/problem+json"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


def get(url: str, tok: str) -> bytes:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {tok}"})
    with urllib.request.urlopen(request, timeout=30) as res:
        return res.read()


def pull(args) -> None:
    key = load_key(args.key)
    kid = jwk_of(key.public_key())["kid"]
    trust = {region: pinned_keys(path) for region, path in (p.split("=", 1) for p in args.pin)}
    # Section 2: the descriptor says where the endpoints are and which versions are spoken.
    with urllib.request.urlopen(args.node + "/.well-known/smarty-node", timeout=30) as res:
        node = json.load(res)
    assert "smarty-federation/2" in node["federation_protocols"], node
    aud = node["region"]
    feed, snapshot = node["endpoints"]["changes_v2"], node["endpoints"]["snapshot"]

    # Section 5: the whole version 2 feed, page by page.
    held, checkpoints, since = {}, [], None
    while True:
        query = "?limit=2" + (f"&since={since}" if since else "")
        page = json.loads(get(feed + query, token(key, kid, args.region, aud, "GET", feed)))
        assert set(page) == {"changes", "next", "more", "checkpoints", "key_statements"}, set(page)
        for change in page["changes"]:
            verify_change(change, trust)
            held[(change["origin"], change["id"])] = change
        if not page["more"]:
            checkpoints = page["checkpoints"]
            break
        assert page["checkpoints"] == [], "checkpoints before the last page"
        since = page["next"]

    # A replayed token and a forged one are refused with 401 problem+json.
    once = token(key, kid, args.region, aud, "GET", feed)
    get(feed, once)
    fresh = token(key, kid, args.region, aud, "GET", feed)
    forged = fresh[:-4] + ("AAAA" if not fresh.endswith("AAAA") else "BBBB")
    for bad in [once, forged]:
        try:
            get(feed, bad)
            raise AssertionError("a bad token was accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 401 and json.load(e)["type"] == "/problems/unauthorized", e.code

    # Section 9: the snapshot holds the same records, and ends with their count.
    lines = get(snapshot, token(key, kid, args.region, aud, "GET", snapshot)).decode().split("\n")
    assert lines[-1] == "", "the last line ends with LF"
    values = [json.loads(line) for line in lines[:-1]]
    assert list(values[0]) == ["head"] and list(values[-1]) == ["end"], "head first, end last"
    snapped = {}
    for value in values[1:-1]:
        (member,) = value
        assert member == "change", member
        verify_change(value["change"], trust)
        snapped[(value["change"]["origin"], value["change"]["id"])] = value["change"]
    assert values[-1]["end"]["count"] == len(values) - 2
    assert {k: v["hash"] for k, v in snapped.items()} == {k: v["hash"] for k, v in held.items()}, "snapshot = feed"

    # Sections 6 and 7: each origin's checkpoint against what was received of it.
    for cp in checkpoints + values[0]["head"]["checkpoints"]:
        verify_checkpoint(cp, trust)
    for cp in checkpoints:
        members = [(c["id"], c["version"], c["hash"]) for (origin, _), c in held.items() if origin == cp["origin"]]
        state = "complete" if (len(members), set_digest(members)) == (cp["count"], cp["digest"]) else "INCOMPLETE"
        print(f"origin {cp['origin']}: {state}, {len(members)} held, {cp['count']} in its checkpoint")


def keygen(args) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path = os.path.join(args.out, f"{args.region}.key")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
        f.write(pem)
    with open(os.path.join(args.out, f"{args.region}.jwks"), "w") as f:
        json.dump({"keys": [jwk_of(key.public_key())]}, f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    k = commands.add_parser("keygen")
    k.add_argument("--region", required=True)
    k.add_argument("--out", required=True)
    s = commands.add_parser("serve")
    p = commands.add_parser("pull")
    for c in (s, p):
        c.add_argument("--region", required=True)
        c.add_argument("--key", required=True)
        c.add_argument("--pin", action="append", default=[], help="REGION=JWKS_FILE")
    s.add_argument("--content", required=True)
    s.add_argument("--records", type=int, default=5)
    p.add_argument("--node", required=True)
    args = parser.parse_args()
    {"keygen": keygen, "serve": serve, "pull": pull}[args.command](args)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"smarty_peer: {e}", file=sys.stderr)
        sys.exit(1)
