"""The independent side: Debian's python3-jsonschema over the schemas `ats-hook schema` exports.

Debian 12 has no package of rfc3339-validator, the module through which jsonschema's own
FormatChecker checks `date-time`; without it jsonschema skips the format silently. So the
date-time check is registered here from Debian's python3-rfc3339 (pyrfc3339), and
`check_format_checker` proves at start that date-times really are checked.
"""

import sys


def fail(message):
    sys.exit(f"differential: {message}")


try:
    from jsonschema import Draft7Validator, FormatChecker
except ImportError:
    fail("needs jsonschema: apt-get install python3-jsonschema (run with /usr/bin/python3)")
try:
    import pyrfc3339
except ImportError:
    fail("needs pyrfc3339 to check date-time: apt-get install python3-rfc3339 "
         "(run with /usr/bin/python3)")


def is_date_time(instance):
    if not isinstance(instance, str):
        return True
    pyrfc3339.parse(instance)  # raises ValueError when it is not an RFC 3339 date-time
    return True


def format_checker():
    checker = FormatChecker(formats=())
    checker.checks("date-time", raises=(ValueError, OverflowError))(is_date_time)
    return checker


def check_format_checker(checker):
    """Fails the run unless jsonschema with this checker really judges date-time."""
    schema = {"type": "string", "format": "date-time"}
    validator = Draft7Validator(schema, format_checker=checker)
    bad = ["2024-02-30T00:00:00Z", "2024-01-24T14:59:34", "yesterday", "2024-01-24T25:00:00Z"]
    good = ["2024-02-29T00:00:00Z", "2024-01-24T14:59:34.5220878+05:30"]
    if any(validator.is_valid(t) for t in bad) or not all(validator.is_valid(t) for t in good):
        fail("jsonschema's format checker does not check date-time; the comparison would be "
             "meaningless")


def versions():
    from importlib.metadata import version
    return f"jsonschema {version('jsonschema')}, pyrfc3339 {version('pyRFC3339')}"


def escape_token(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(path):
    return "".join("/" + escape_token(t) for t in path)


def is_null_branch(schema):
    return schema == {"type": "null"}


class Reference:
    """One exported schema, and how its errors map to ats-hook's findings.

    ats-hook reports one finding per failing keyword at the value's JSON pointer, except that
    an unknown member is reported at the member's own pointer (jsonschema reports
    additionalProperties at the object) and a failing anyOf reports one branch's findings.
    """

    def __init__(self, schema, checker):
        self.schema = schema
        self.validator = Draft7Validator(schema, format_checker=checker)

    def alternatives(self, instance):
        """The failing pointers, as a list of alternatives: [{pointer: {keywords}}, ...].

        Valid: [Findings()]. The envelope's anyOf gives one alternative per branch (with `branch`
        set on the error set); the anyOf [null, S] that lenient export writes for optional
        members always descends into S, as ats-hook skips null there.
        """
        return self._map(list(self.validator.iter_errors(instance)))

    def _map(self, errors):
        combined = [Findings()]
        for error in errors:
            options = self._map_one(error)
            combined = [merge(a, b) for a in combined for b in options]
        return combined

    def _map_one(self, error):
        if error.validator == "anyOf":
            branches = error.validator_value
            by_branch = {}
            for sub in error.context:
                by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
            if len(branches) == 2 and any(is_null_branch(b) for b in branches):
                real = 0 if is_null_branch(branches[1]) else 1
                return self._map(by_branch.get(real, []))
            options = []
            for index in range(len(branches)):
                for alternative in self._map(by_branch.get(index, [])):
                    alternative = Findings(alternative)
                    alternative.branch = index
                    options.append(alternative)
            return options
        at = pointer(error.absolute_path)
        if error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            return [Findings({at + "/" + escape_token(k): {"additionalProperties"}
                              for k in error.instance if k not in known})]
        return [Findings({at: {error.validator}})]


class Findings(dict):
    branch = None


def merge(a, b):
    out = Findings({k: set(v) for k, v in a.items()})
    out.branch = getattr(b, "branch", None) if getattr(a, "branch", None) is None else a.branch
    for k, v in b.items():
        out.setdefault(k, set()).update(v)
    return out
