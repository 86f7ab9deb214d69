"""Mutations of valid payloads, guided by the exported schema so each lands where it matters.

Every mutation takes the random generator, the document and its sites (each value with the
schema that judges it) and changes the document in place, returning a short description, or
None when the document has no place for it.
"""

import json
import string
from collections import namedtuple

from jsontext import Members, Raw

Site = namedtuple("Site", "path value schema parent key depth")

ALNUM = string.ascii_letters + string.digits
ID_PREFIXES = ["app_", "attd_", "can_", "cat_", "fdbk_", "file_", "form_", "gst_", "int_",
               "job_", "note_", "opt_", "qustn_", "tag_", "usr_", "wbhk_evt_"]
# Characters by UTF-8 length, plus combining marks and the odd ones out.
UNICODE_POOL = ["a", "Z", "0", "é", "ß", "Ω", "€", "中", "\u0301", "\u0308", "\U0001F600",
                "\U00010348", "\U0010FFFD", "\u200b", "\ufeff", "\u2028", "\u2029", "\uffff",
                "\x00", "\x1f", "\x7f", "\t", "\n", '"', "\\", "/", "~", " "]
# JSON escapes written as text: \u0000, surrogate pairs, escaped solidus, lone surrogates.
ESCAPE_POOL = ["\\u0000", "\\u001f", "\\ud83d\\ude00", "\\uD834\\uDD1E", "\\/", "\\u00e9",
               "\\u0065\\u0301", "\\uffff", "\\ufeff", "\\b\\f\\n\\r\\t", "\\\"", "\\\\",
               "\\u2028", "\\udbff\\udfff"]
# Unpaired surrogates make the whole text unreadable to ats-hook (a documented difference), so
# they come rarely, not to hide the other mutations of the document.
LONE_SURROGATES = ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\udfff\\ud800"]
MEMBER_NAMES = ["extra", "x", "Id", "ID", "id ", " id", "a/b", "m~n", "~1", "~0/", "", "$ref",
                "type_", "ünïcödé", "\U0001F600", "\x00", "\u0301", "object", "data", "null",
                "\x1b[31m", "properties", "0", "-"]
OTHER_VALUES = ["text", "", 0, 7, -3, 2.5, True, False, None, {}, [], [1, "a"], {"k": 1},
                "null", "true", "1"]
NUMBER_SPELLINGS = ["1.0", "-0", "-0.0", "0.0", "1e2", "1E2", "1e+2", "100e-2", "0.5", "5.0",
                    "5", "6", "0", "-1", "1.5", "1e0", "4.999999999999999999", "5.000000000000001",
                    "9007199254740993", "9223372036854775807", "-9223372036854775808",
                    "18446744073709551615", "1e-400", "2.5e-308", "1.7976931348623157e308",
                    "123456789012345678901234567890", "1e400", "-1e400", "18446744073709551616",
                    "-9223372036854775809"]


def resolve(root, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = root["definitions"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def envelope_branch(root, doc):
    """The branch of the envelope anyOf a document's shape belongs to (data.object or flat)."""
    data = doc.get("data") if isinstance(doc, dict) else None
    return root["anyOf"][0 if isinstance(data, dict) and "object" in data else 1]


def sites_of(root, doc):
    out = []

    def visit(value, schema, path, parent, key, depth):
        schema = resolve(root, schema)
        if not isinstance(schema, dict):
            schema = None
        out.append(Site(path, value, schema, parent, key, depth))
        if isinstance(value, dict):
            properties = schema.get("properties", {}) if schema else {}
            for k, v in list(value.items()):
                visit(v, properties.get(k), path + (k,), value, k, depth + 1)
        elif isinstance(value, list):
            items = schema.get("items") if schema else None
            for i, v in enumerate(value):
                visit(v, items, path + (i,), value, i, depth + 1)

    visit(doc, envelope_branch(root, doc), (), None, None, 0)
    return out


def where(site):
    return "/" + "/".join(str(t) for t in site.path)


def put(site, value):
    site.parent[site.key] = value


def types_of(schema):
    t = (schema or {}).get("type", [])
    return t if isinstance(t, list) else [t]


def random_alnum(rng, low=1, high=12):
    return "".join(rng.choice(ALNUM) for _ in range(rng.randint(low, high)))


def valid_value(rng, root, schema, depth=0):
    """A value the schema accepts (the strict schema, so nested required members are filled)."""
    schema = resolve(root, schema)
    if not isinstance(schema, dict):
        return rng.choice(["x", 1, True])
    if "enum" in schema:
        return rng.choice(schema["enum"])
    if "const" in schema:
        return schema["const"]
    types = [t for t in types_of(schema) if t != "null"] or ["null"]
    kind = rng.choice(types)
    if kind == "string":
        if "pattern" in schema:
            source = schema["pattern"]
            return source[1:source.index("[")] + random_alnum(rng)
        if schema.get("format") == "date-time":
            return rng.choice(["2024-02-12T13:26:18Z", "2023-11-07T05:31:56.5220878Z",
                               "2024-02-29T23:59:59+01:00"])
        low = schema.get("minLength", 0)
        high = min(schema.get("maxLength", 20), low + 20)
        return "".join(rng.choice("abc xyzé€") for _ in range(rng.randint(low, high)))
    if kind == "integer":
        return rng.randint(int(schema.get("minimum", -5)), int(schema.get("maximum", 1000)))
    if kind == "number":
        return rng.uniform(schema.get("minimum", -5), schema.get("maximum", 1000))
    if kind == "boolean":
        return rng.choice([True, False])
    if kind == "array":
        if depth > 4 or rng.random() < 0.4:
            return []
        return [valid_value(rng, root, schema.get("items"), depth + 1)
                for _ in range(rng.randint(1, 2))]
    if kind == "object":
        properties = schema.get("properties", {})
        chosen = [k for k in properties if k in schema.get("required", []) or
                  (depth < 3 and rng.random() < 0.3)]
        return {k: valid_value(rng, root, properties[k], depth + 1) for k in chosen}
    return None


def edge_date_time(rng):
    """A date-time at the edges of RFC 3339 section 5.6, mostly one edge at a time."""
    fixed = ["1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00", "1998-12-31T23:59:60.999Z",
             "1999-01-01T00:59:60+01:00", "2024-03-05T10:20:60Z", "1998-12-31T23:58:60Z",
             "1998-12-31T22:59:60Z", "1998-12-31T23:59:61Z", "2016-12-31T23:59:60+00:00",
             "2016-12-31T23:59:60-00:00", "2017-01-01T00:29:60+00:30", "2024-02-29T00:00:00Z",
             "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
             "0000-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
             "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999999999+23:59",
             "2024-04-31T00:00:00Z", "2024-06-31T00:00:00Z", "2024-09-31T00:00:00Z",
             "2024-11-31T00:00:00Z", "2024-12-31T00:00:00Z", "2024-01-24t14:59:34z",
             "2024-01-24T14:59:34", "2024-01-24T14:59:34.Z", "2024-01-24T14:59:34.0Z",
             "2024-01-24T14:59:34.123456789Z", "2024-01-24T14:59:34.5220878Z",
             "2024-01-24T14:59:34.9999999Z", "2024-01-24T14:59:34.99999999999999999999Z",
             "2024-01-24T14:59:34+23:59", "2024-01-24T14:59:34-23:59",
             "2024-01-24T14:59:34+24:00", "2024-01-24T14:59:34+00:60",
             "2024-01-24T14:59:34+0530", "2024-01-24T14:59:34+05", "2024-01-24 14:59:34Z",
             "2024-01-24T24:00:00Z", "2024-01-24T23:60:00Z", "2024-1-24T14:59:34Z",
             "2024-01-24T14:59:34Z\n", " 2024-01-24T14:59:34Z", "2024-01-24T14:59:34ZZ",
             "2024-01-24", "14:59:34Z", "", "2024-01-24T14:59:34\u00a0Z",
             "２０２４-01-24T14:59:34Z", "2024-01-24T14:59:34.\u0661Z", "+2024-01-24T14:59:34Z",
             "2024-00-10T00:00:00Z", "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z",
             "2024-01-32T00:00:00Z", "2024-01-24T14:59:34+99:99", "2024-01-24T14:59:34-00:30"]
    if rng.random() < 0.4:
        return rng.choice(fixed)
    year = rng.choice(["0000", "0001", "1900", "1970", "1998", "2000", "2023", "2024", "9999",
                       "%04d" % rng.randint(0, 9999)])
    month = "%02d" % rng.choice([1, 2, 4, 6, 9, 11, 12, rng.randint(1, 12), 0, 13])
    day = "%02d" % rng.choice([1, 28, 29, 30, 31, rng.randint(1, 28), 0, 32])
    hour = "%02d" % rng.choice([0, 23, 23, rng.randint(0, 23), 24])
    minute = "%02d" % rng.choice([0, 59, 59, rng.randint(0, 59), 60])
    second = "%02d" % rng.choice([0, 59, 60, 60, rng.randint(0, 59), 61])
    digits = rng.choice([0, 0, 1, 3, 6, 7, 7, 8, 9, 12])
    fraction = "" if digits == 0 else "." + "".join(
        rng.choice("09" if rng.random() < 0.5 else string.digits) for _ in range(digits))
    off_minute = rng.choice([0, 30, 45, 59])
    offset = rng.choice(["Z", "Z", "z", "+00:00", "-00:00", "+23:59", "-23:59", "+01:00",
                         "-08:00", "+05:30", "+%02d:%02d" % (rng.randint(0, 23), off_minute),
                         "-%02d:%02d" % (rng.randint(0, 23), off_minute), "", "+24:00"])
    separator = rng.choice(["T"] * 8 + ["t", " "])
    return f"{year}-{month}-{day}{separator}{hour}:{minute}:{second}{fraction}{offset}"


def mutate_date_time(rng, doc, sites, root):
    candidates = [s for s in sites if s.parent is not None and s.schema and
                  s.schema.get("format") == "date-time"]
    if not candidates:
        return None
    site = rng.choice(candidates)
    value = edge_date_time(rng)
    put(site, value)
    return f"date-time {where(site)} = {value!r}"


def mutate_type(rng, doc, sites, root):
    candidates = [s for s in sites if s.parent is not None]
    site = rng.choice(candidates)
    value = rng.choice([v for v in OTHER_VALUES if type(v) is not type(site.value)])
    put(site, value if not isinstance(value, (dict, list)) else type(value)(value))
    return f"type {where(site)} = {value!r}"


def off_by_one_letter(rng, text):
    if not text:
        return rng.choice(ALNUM)
    i = rng.randrange(len(text))
    how = rng.choice(["replace", "delete", "insert", "case", "space", "lookalike", "newline"])
    if how == "replace":
        return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1:]
    if how == "delete":
        return text[:i] + text[i + 1:]
    if how == "insert":
        return text[:i] + rng.choice(string.ascii_lowercase + "_") + text[i:]
    if how == "case":
        return text[:i] + text[i].swapcase() + text[i + 1:]
    if how == "space":
        return rng.choice([" " + text, text + " "])
    if how == "lookalike":
        return text[:i] + {"a": "а", "e": "е", "o": "о", "p": "р"}.get(text[i], "ı") + text[i + 1:]
    return text + "\n"


def mutate_enum(rng, doc, sites, root):
    candidates = [s for s in sites if s.parent is not None and s.schema and
                  ("enum" in s.schema or "const" in s.schema)]
    if not candidates:
        return None
    site = rng.choice(candidates)
    allowed = site.schema.get("enum", [site.schema.get("const")])
    value = off_by_one_letter(rng, str(rng.choice(allowed)))
    put(site, value)
    return f"enum {where(site)} = {value!r}"


def mutate_id(rng, doc, sites, root):
    candidates = [s for s in sites if s.parent is not None and s.schema and
                  "pattern" in s.schema]
    if not candidates:
        return None
    site = rng.choice(candidates)
    prefix = site.schema["pattern"][1:site.schema["pattern"].index("[")]
    body = random_alnum(rng)
    value = rng.choice([
        rng.choice(ID_PREFIXES) + body, prefix.rstrip("_") + body, prefix.upper() + body,
        prefix, prefix + body + "-x", prefix + body + " ", prefix + "é" + body,
        prefix + body + "\n", "", prefix + prefix + body, prefix + "\x00" + body,
        prefix + body + "\U0001F600", " " + prefix + body, prefix + body, prefix + "_" + body,
        prefix[:-1] + "-" + body, prefix + "０" + body])
    put(site, value)
    return f"id {where(site)} = {value!r}"


def length_text(rng, length):
    """`length` code points of 1 to 4 UTF-8 bytes each, combining marks among them."""
    return "".join(rng.choices(["a", "é", "€", "\U0001F600", "\u0301", "中"], k=length))


def mutate_length(rng, doc, sites, root):
    """Strings at minLength/maxLength, adding the member where the sample lacks it."""
    holders = []
    for s in sites:
        if isinstance(s.value, dict) and s.schema:
            for name, sub in s.schema.get("properties", {}).items():
                sub = resolve(root, sub)
                if isinstance(sub, dict) and ("minLength" in sub or "maxLength" in sub):
                    holders.append((s, name, sub))
    if not holders:
        return None
    site, name, sub = rng.choice(holders)
    limits = [sub[k] for k in ("minLength", "maxLength") if k in sub]
    limit = rng.choice(limits)
    if limit > 1000 and rng.random() < 0.8:
        limit = min(limits)
    length = max(0, limit + rng.choice([-1, 0, 0, 1]))
    value = length_text(rng, length)
    site.value[name] = value
    return f"length {where(site)}/{name} = {length} code points"


def mutate_unicode(rng, doc, sites, root):
    candidates = [s for s in sites if s.parent is not None and isinstance(s.value, str)]
    if not candidates:
        return None
    site = rng.choice(candidates)
    if rng.random() < 0.5:
        value = "".join(rng.choice(UNICODE_POOL) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.5:
            value = site.value + value
        put(site, value)
        return f"unicode {where(site)} = {value!r}"
    pool = ESCAPE_POOL if rng.random() < 0.9 else LONE_SURROGATES
    escapes = "".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
    keep = site.value if rng.random() < 0.6 else ""
    text = '"' + json.dumps(keep)[1:-1] + escapes + '"'
    put(site, Raw(text))
    return f"escapes {where(site)} = {text}"


def mutate_number(rng, doc, sites, root):
    numeric = [s for s in sites if s.parent is not None and s.schema and
               set(types_of(s.schema)) & {"integer", "number"}]
    candidates = numeric or [s for s in sites if s.parent is not None]
    site = rng.choice(candidates)
    text = rng.choice(NUMBER_SPELLINGS[:26] if rng.random() < 0.9 else NUMBER_SPELLINGS)
    put(site, Raw(text))
    return f"number {where(site)} = {text}"


def nested(rng, levels):
    value = rng.choice([1, "x", None, [], {}])
    for _ in range(levels):
        value = [value] if rng.random() < 0.5 else {"n": value}
    return value


def mutate_nesting(rng, doc, sites, root, max_depth=256):
    candidates = [s for s in sites if s.parent is not None]
    site = rng.choice(candidates)
    room = max_depth - site.depth
    if rng.random() < 0.03:
        levels = room + rng.randint(1, 4)  # past the limit: a documented unreadable input
    else:
        levels = rng.choice([1, 2, rng.randint(1, max(1, room)), room, room - 1])
    put(site, nested(rng, max(1, levels)))
    return f"nesting {where(site)} = {levels} levels (total {site.depth + levels})"


def mutate_extra_member(rng, doc, sites, root):
    candidates = [s for s in sites if isinstance(s.value, dict)]
    site = rng.choice(candidates)
    name = rng.choice(MEMBER_NAMES + [random_alnum(rng)])
    if name in site.value:
        name += "_"
    value = rng.choice(OTHER_VALUES)
    site.value[name] = type(value)(value) if isinstance(value, (dict, list)) else value
    return f"extra member {where(site)}/{name!r} = {value!r}"


def mutate_add_documented(rng, doc, sites, root):
    holders = [(s, name) for s in sites if isinstance(s.value, dict) and s.schema
               for name in s.schema.get("properties", {}) if name not in s.value]
    if not holders:
        return None
    site, name = rng.choice(holders)
    value = valid_value(rng, root, site.schema["properties"][name])
    site.value[name] = value
    return f"add member {where(site)}/{name} = {value!r}"


def mutate_remove(rng, doc, sites, root):
    candidates = [s for s in sites if isinstance(s.value, dict) and s.value]
    site = rng.choice(candidates)
    required = [k for k in (site.schema or {}).get("required", []) if k in site.value]
    name = rng.choice(required if required and rng.random() < 0.4 else list(site.value))
    del site.value[name]
    return f"remove {where(site)}/{name}"


def mutate_null(rng, doc, sites, root):
    site = rng.choice([s for s in sites if s.parent is not None])
    put(site, None)
    return f"null {where(site)}"


def mutate_array(rng, doc, sites, root):
    candidates = [s for s in sites if isinstance(s.value, list)]
    if not candidates:
        return None
    site = rng.choice(candidates)
    how = rng.choice(["empty", "duplicate", "wrong item", "valid item"])
    if how == "empty" or not site.value and how == "duplicate":
        site.value.clear()
    elif how == "duplicate":
        site.value.append(site.value[rng.randrange(len(site.value))])
    elif how == "wrong item":
        site.value.insert(rng.randint(0, len(site.value)), rng.choice([1, None, "x", [], {}]))
    else:
        site.value.append(valid_value(rng, root, (site.schema or {}).get("items")))
    return f"array {where(site)}: {how}"


def mutate_envelope(rng, doc, sites, root):
    data = doc.get("data")
    how = rng.choice(["flatten", "wrap", "no data", "data array", "version string",
                      "drop id", "type other", "id number", "both shapes"])
    if how == "flatten" and isinstance(data, dict) and "object" in data:
        doc["data"] = data["object"]
        doc.pop("id", None) if rng.random() < 0.5 else None
    elif how == "wrap" and isinstance(data, dict) and "object" not in data:
        doc["data"] = {"object": data}
    elif how == "no data":
        doc.pop("data", None)
    elif how == "data array":
        doc["data"] = [data]
    elif how == "version string":
        doc["version"] = "1"
    elif how == "drop id":
        doc.pop("id", None)
        doc.pop("version", None)
    elif how == "type other":
        doc["type"] = rng.choice(["interview.created", "job.deleted", "candidate.updated"])
    elif how == "id number":
        doc["id"] = 12345
    elif how == "both shapes" and isinstance(data, dict) and isinstance(data.get("object"), dict):
        data.update({k: v for k, v in data["object"].items() if k != "object"})
    else:
        return None
    return f"envelope: {how}"


def mutate_duplicate_member(rng, doc, sites, root):
    candidates = [s for s in sites if isinstance(s.value, dict) and s.value and
                  s.parent is not None]
    if not candidates:
        return None
    site = rng.choice(candidates)
    name = rng.choice(list(site.value))
    other = rng.choice(OTHER_VALUES)
    pairs = list(site.value.items())
    pairs.insert(rng.randint(0, len(pairs)), (name, other))
    put(site, Members(pairs))
    return f"duplicate member {where(site)}/{name} = {other!r}"


def spelled_with_escapes(rng, text):
    """JSON text of the string `text` with about half its characters as \\u escapes."""
    return '"' + "".join(
        "\\u%04x" % ord(c) if rng.random() < 0.5 and ord(c) < 0x10000 else
        json.dumps(c, ensure_ascii=False)[1:-1] for c in text) + '"'


def mutate_escaped_name(rng, doc, sites, root):
    """A member name spelled with \\u escapes: the same name once unescaped."""
    candidates = [s for s in sites if isinstance(s.value, dict) and s.value and
                  s.parent is not None]
    if not candidates:
        return None
    site = rng.choice(candidates)
    name = rng.choice(list(site.value))
    spelled = spelled_with_escapes(rng, name)
    put(site, Members((Raw(spelled) if k == name else k, v) for k, v in site.value.items()))
    return f"escaped name {where(site)}/{name} as {spelled}"


def mutate_escaped_value(rng, doc, sites, root):
    """A string (an enum value, an id, a date-time) spelled with \\u escapes."""
    candidates = [s for s in sites if s.parent is not None and isinstance(s.value, str)]
    if not candidates:
        return None
    site = rng.choice(candidates)
    spelled = spelled_with_escapes(rng, site.value)
    put(site, Raw(spelled))
    return f"escaped value {where(site)} as {spelled}"


# (weight, mutation): date-times, ids and enums are where hand-written tests thin out.
MUTATIONS = [
    (14, mutate_date_time), (8, mutate_type), (8, mutate_enum), (8, mutate_id),
    (6, mutate_length), (8, mutate_unicode), (7, mutate_number), (4, mutate_nesting),
    (8, mutate_extra_member), (6, mutate_add_documented), (7, mutate_remove), (6, mutate_null),
    (5, mutate_array), (4, mutate_envelope), (1, mutate_duplicate_member),
    (2, mutate_escaped_name), (2, mutate_escaped_value),
]


def mutate(rng, doc, root):
    """Applies 0 to 3 mutations (0 about one time in twenty) and describes them."""
    count = 0 if rng.random() < 0.05 else rng.choice([1, 1, 1, 2, 2, 3])
    done = []
    weights = [w for w, _ in MUTATIONS]
    while len(done) < count:
        (_, mutation), = rng.choices(MUTATIONS, weights)
        if not isinstance(doc, dict):
            break
        description = mutation(rng, doc, sites_of(root, doc), root)
        if description:
            done.append(description)
    return done
