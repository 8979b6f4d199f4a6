#!/usr/bin/env python3
"""Checks the Smarty Exchange sample data in this folder.

Loads every region file and checks the record shape, the content rules of the node's schema
(field names, lengths, vocabularies, NUTS codes, dates, budgets, URLs, e-mails) and the
sample-data rules (ids, ordering, language, translations, per-region coverage of themes and
interventions, every field used). Prints one line per problem and exits 1 if there are any.

Usage: python3 check.py            (from any directory; stdlib only)
"""
import datetime
import json
import os
import re
import sys
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# slug: (index in ids, language, allowed NUTS prefix, allowed currencies)
REGIONS = {
    "tuscany": (1, "it", "ITI1", {"EUR"}),
    "mazovia": (2, "pl", "PL9", {"PLN", "EUR"}),
    "lapland": (3, "fi", "FI1D", {"EUR"}),
    "leeds": (4, "en", "UKE4", {"GBP"}),
    "slovenia": (5, "sl", "SI0", {"EUR"}),
    "castilla-leon": (6, "es", "ES41", {"EUR"}),
    "catalonia": (7, "ca", "ES51", {"EUR"}),
}
THEMES = {"production-monitoring", "predictive-maintenance", "vr-simulation", "smart-logistics"}
INSTRUMENT_TYPES = {"erdf-programme", "etc-programme", "regional-strategy", "national-strategy",
                    "law", "funding-scheme", "other"}
CASE_FIELDS = ["title", "summary", "description", "intervention", "themes", "language",
               "main_institution", "location", "period", "resources_needed",
               "evidence_of_success", "difficulties", "transfer_potential", "keywords", "links",
               "budget", "funding_sources", "policy_instruments", "contact", "translations"]
CASE_REQUIRED = CASE_FIELDS[:9]
PI_FIELDS = ["name", "description", "instrument_type", "managing_authority", "territory",
             "period", "language", "budget", "themes", "url", "translations"]
PI_REQUIRED = PI_FIELDS[:7]
OPTIONAL_TEXT = ["resources_needed", "evidence_of_success", "difficulties", "transfer_potential"]
NUTS_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")
AMOUNT_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
EMAIL_RE = re.compile(r"^[^@\s]+@(example\.org|example\.com)$")
# "todo" is a Spanish and Catalan word, so the markers are matched case-sensitively.
PLACEHOLDER_RE = re.compile(r"(?i:lorem|ipsum)|\bTODO\b|\bTBD\b|\bXXX\b|\bFIXME\b")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def text(where, value, lo, hi):
    if not isinstance(value, str):
        err(where, "must be a string")
        return
    if len(value.strip()) < lo or len(value) > hi:
        err(where, f"must be {lo} to {hi} characters (has {len(value)})")
    if PLACEHOLDER_RE.search(value):
        err(where, "contains placeholder text")


def date(where, value):
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        err(where, f"must be a YYYY-MM-DD date (got {value!r})")
        return None


def period(where, p, end_required):
    if not isinstance(p, dict) or set(p) - {"start", "end"} or "start" not in p:
        err(where, "must be an object with start and optional end")
        return
    start = date(f"{where}.start", p["start"])
    if "end" in p:
        end = date(f"{where}.end", p["end"])
        if start and end and end < start:
            err(f"{where}.end", "is before start")
    elif end_required:
        err(f"{where}.end", "is required for a policy instrument")


def themes(where, value, lo, hi):
    if not isinstance(value, list) or not lo <= len(value) <= hi:
        err(where, f"must list {lo} to {hi} themes")
        return []
    for i, t in enumerate(value):
        if t not in THEMES:
            err(f"{where}[{i}]", f"unknown theme {t!r}")
        elif t in value[:i]:
            err(f"{where}[{i}]", "is listed twice")
    return value


def url(where, value):
    u = urllib.parse.urlparse(value) if isinstance(value, str) else None
    if not u or u.scheme != "https" or not u.hostname or len(value) > 2000 or " " in value:
        err(where, f"must be an https URL (got {value!r})")


def budget(where, b, currencies):
    if not isinstance(b, dict) or set(b) != {"amount", "currency"}:
        err(where, "must be {amount, currency}")
        return
    if not isinstance(b["amount"], str) or not AMOUNT_RE.match(b["amount"]):
        err(f"{where}.amount", f"must be a decimal string (got {b['amount']!r})")
    if b["currency"] not in currencies:
        err(f"{where}.currency", f"must be one of {sorted(currencies)} (got {b['currency']!r})")


def string_list(where, value, max_items, max_len):
    if not isinstance(value, list) or len(value) > max_items:
        err(where, f"must be a list of at most {max_items} items")
        return
    for i, s in enumerate(value):
        text(f"{where}[{i}]", s, 1, max_len)
    if len(set(value)) != len(value):
        err(where, "has duplicates")


def translations(where, value, lang, title_max, summary_max):
    if lang == "en":
        if value is not None:
            err(where, "English records must not have translations")
        return
    if not isinstance(value, dict) or set(value) != {"en"}:
        err(where, "non-English records need translations with exactly an 'en' entry")
        return
    en = value["en"]
    if not isinstance(en, dict) or set(en) != {"title", "summary"}:
        err(f"{where}.en", "must have exactly title and summary")
        return
    text(f"{where}.en.title", en["title"], 1, title_max)
    text(f"{where}.en.summary", en["summary"], 1, summary_max)


def non_ascii_letters(s):
    return any(ord(c) > 127 and c.isalpha() for c in s)


def check_instrument(where, c, lang, prefix, currencies):
    for f in PI_REQUIRED:
        if f not in c:
            err(where, f"missing field {f}")
    for f in c:
        if f not in PI_FIELDS:
            err(where, f"unknown field {f}")
    text(f"{where}.name", c.get("name"), 1, 200)
    text(f"{where}.description", c.get("description"), 1, 20000)
    text(f"{where}.managing_authority", c.get("managing_authority"), 1, 300)
    if c.get("instrument_type") not in INSTRUMENT_TYPES:
        err(f"{where}.instrument_type", f"unknown type {c.get('instrument_type')!r}")
    t = c.get("territory", "")
    if not NUTS_RE.match(t) or not t.startswith(prefix):
        err(f"{where}.territory", f"must be a NUTS code starting {prefix} (got {t!r})")
    period(f"{where}.period", c.get("period"), end_required=True)
    if c.get("language") != lang:
        err(f"{where}.language", f"must be {lang}")
    if "budget" in c:
        budget(f"{where}.budget", c["budget"], currencies)
    if "themes" in c:
        themes(f"{where}.themes", c["themes"], 0, 4)
    if "url" in c:
        url(f"{where}.url", c["url"])
    translations(f"{where}.translations", c.get("translations"), lang, 200, 1000)


def check_case(where, c, lang, prefix, currencies, instrument_ids):
    for f in CASE_REQUIRED:
        if f not in c:
            err(where, f"missing field {f}")
    for f in c:
        if f not in CASE_FIELDS:
            err(where, f"unknown field {f}")
    text(f"{where}.title", c.get("title"), 1, 200)
    text(f"{where}.summary", c.get("summary"), 1, 1000)
    d = c.get("description", "")
    text(f"{where}.description", d, 1, 20000)
    if isinstance(d, str):
        if not 700 <= len(d) <= 1900:
            err(f"{where}.description", f"should be roughly 700-1800 characters (has {len(d)})")
        paras = [p for p in d.split("\n\n") if p.strip()]
        if not 2 <= len(paras) <= 4:
            err(f"{where}.description", f"should have 2-4 paragraphs (has {len(paras)})")
        if lang != "en" and not non_ascii_letters(d):
            err(f"{where}.description", "has no accented letters: check the diacritics")
    if c.get("intervention") not in ("policy", "direct"):
        err(f"{where}.intervention", "must be policy or direct")
    themes(f"{where}.themes", c.get("themes"), 1, 3)
    if c.get("language") != lang:
        err(f"{where}.language", f"must be {lang}")
    text(f"{where}.main_institution", c.get("main_institution"), 1, 300)
    loc = c.get("location")
    if not isinstance(loc, dict) or set(loc) != {"nuts", "name"}:
        err(f"{where}.location", "must be {nuts, name}")
    else:
        if not NUTS_RE.match(loc["nuts"]) or not loc["nuts"].startswith(prefix):
            err(f"{where}.location.nuts", f"must be a NUTS code starting {prefix}")
        text(f"{where}.location.name", loc["name"], 1, 200)
    period(f"{where}.period", c.get("period"), end_required=False)
    for f in OPTIONAL_TEXT:
        if f in c:
            text(f"{where}.{f}", c[f], 1, 5000)
    if "keywords" in c:
        string_list(f"{where}.keywords", c["keywords"], 20, 100)
    if "links" in c:
        if not isinstance(c["links"], list) or len(c["links"]) > 20:
            err(f"{where}.links", "must be a list of at most 20 URLs")
        else:
            for i, u in enumerate(c["links"]):
                url(f"{where}.links[{i}]", u)
    if "budget" in c:
        budget(f"{where}.budget", c["budget"], currencies)
    if "funding_sources" in c:
        string_list(f"{where}.funding_sources", c["funding_sources"], 20, 300)
    for i, pid in enumerate(c.get("policy_instruments", [])):
        if pid not in instrument_ids:
            err(f"{where}.policy_instruments[{i}]", f"{pid} is not a policy instrument of this file")
    if "contact" in c:
        ct = c["contact"]
        if not isinstance(ct, dict) or set(ct) != {"name", "email"}:
            err(f"{where}.contact", "must be {name, email}")
        else:
            text(f"{where}.contact.name", ct["name"], 1, 200)
            if not EMAIL_RE.match(ct["email"]):
                err(f"{where}.contact.email", "must be an address at example.org or example.com")
    translations(f"{where}.translations", c.get("translations"), lang, 200, 1000)


def main():
    all_ids = {}
    all_titles = {}
    expected = {f"{slug}.json" for slug in REGIONS}
    present = {f for f in os.listdir(HERE) if f.endswith(".json")}
    for f in sorted(present - expected):
        err(f, "unexpected JSON file")
    summary = []
    for slug, (index, lang, prefix, currencies) in REGIONS.items():
        fname = f"{slug}.json"
        path = os.path.join(HERE, fname)
        if not os.path.exists(path):
            err(fname, "missing")
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                records = json.load(fh)
        except (OSError, json.JSONDecodeError) as e:
            err(fname, f"cannot load: {e}")
            continue
        if not isinstance(records, list):
            err(fname, "must be a JSON array")
            continue
        id_re = re.compile(rf"^0190000{index}-0000-7000-8000-00000000[0-9a-f]{{4}}$")
        seen_case = False
        instruments = [r for r in records if isinstance(r, dict) and r.get("kind") == "policy_instrument"]
        instrument_ids = {r.get("id") for r in instruments}
        cases = []
        used = set()
        for i, r in enumerate(records):
            where = f"{fname}[{i}]"
            if not isinstance(r, dict) or set(r) != {"id", "kind", "status", "content"}:
                err(where, "record must have exactly id, kind, status, content")
                continue
            rid = r["id"]
            if not isinstance(rid, str) or not id_re.match(rid):
                err(where, f"id {rid!r} must match 0190000{index}-0000-7000-8000-00000000NNNN")
            else:
                u = uuid.UUID(rid)
                if u.version != 7 or u.variant != uuid.RFC_4122:
                    err(where, f"id {rid} is not a UUIDv7-shaped id")
            if rid in all_ids:
                err(where, f"id {rid} already used in {all_ids[rid]}")
            all_ids[rid] = where
            if r["status"] != "published":
                err(where, "status must be published")
            c = r["content"]
            if not isinstance(c, dict):
                err(where, "content must be an object")
                continue
            used |= {f"{r['kind']}.{k}" for k in c}
            if r["kind"] == "policy_instrument":
                if seen_case:
                    err(where, "policy instruments must come before case studies")
                check_instrument(where, c, lang, prefix, currencies)
            elif r["kind"] == "case_study":
                seen_case = True
                cases.append(c)
                if isinstance(c.get("period"), dict) and "end" in c["period"]:
                    used.add("case_study.period.end")
                check_case(where, c, lang, prefix, currencies, instrument_ids)
                t = c.get("title")
                if t in all_titles:
                    err(where, f"title repeats {all_titles[t]}")
                all_titles[t] = where
            else:
                err(where, f"unknown kind {r['kind']!r}")

        # Per-region coverage.
        if not 2 <= len(instruments) <= 3:
            err(fname, f"must have 2-3 policy instruments (has {len(instruments)})")
        types = [r["content"].get("instrument_type") for r in instruments]
        for needed in ("erdf-programme", "regional-strategy"):
            if needed not in types:
                err(fname, f"needs a policy instrument of type {needed}")
        if len(cases) < 12:
            err(fname, f"must have at least 12 case studies (has {len(cases)})")
        per_theme = {t: sum(t in c.get("themes", []) for c in cases) for t in sorted(THEMES)}
        for t, n in per_theme.items():
            if n < 3:
                err(fname, f"theme {t} appears in {n} case studies; needs at least 3")
        per_iv = {v: sum(c.get("intervention") == v for c in cases) for v in ("policy", "direct")}
        for v, n in per_iv.items():
            if n < 4:
                err(fname, f"intervention {v} appears in {n} case studies; needs at least 4")
        for pid in instrument_ids:
            if not any(pid in c.get("policy_instruments", []) for c in cases):
                err(fname, f"policy instrument {pid} is not referenced by any case study")
        ongoing = sum("end" not in c.get("period", {}) for c in cases)
        if ongoing == 0 or ongoing == len(cases):
            err(fname, "some case studies (not all) should be ongoing, without period.end")
        for f in OPTIONAL_TEXT + ["policy_instruments"]:
            n = sum(f in c for c in cases)
            if n * 2 <= len(cases):
                err(fname, f"{f} should be used in most case studies (used in {n}/{len(cases)})")
        wanted = {f"case_study.{f}" for f in CASE_FIELDS} | {f"policy_instrument.{f}" for f in PI_FIELDS}
        wanted.add("case_study.period.end")
        if lang == "en":
            wanted -= {"case_study.translations", "policy_instrument.translations"}
        for f in sorted(wanted - used):
            err(fname, f"field {f} is never used")
        summary.append((fname, len(instruments), len(cases), per_theme, per_iv))

    for fname, n_pi, n_cs, per_theme, per_iv in summary:
        themes_s = ", ".join(f"{t}={n}" for t, n in per_theme.items())
        print(f"{fname}: {n_pi} instruments, {n_cs} case studies; {themes_s}; "
              f"policy={per_iv['policy']}, direct={per_iv['direct']}")
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
