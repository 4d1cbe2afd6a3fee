"""The OpenAPI schema's error answers, which drf-spectacular does not list
itself: what a client gets back for a bad filter, a missing row, a refused
update or too many requests, each with the shape the API really sends."""

ERROR = {
    "type": "object",
    "description": (
        "`detail` for an error of the whole request; otherwise each field or "
        "filter named, with its messages in words."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
REF = {"$ref": "#/components/schemas/Error"}


def _csv_answer(description):
    """An export's error: CSV rows of field and message, or the API's JSON
    error when asked for it (?format=json or Accept: application/json)."""
    return {
        "description": f"{description}: CSV rows of field and error, in words "
        "(JSON with ?format=json).",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": REF},
        },
    }


CSV_ERROR = _csv_answer("A bad filter")
CSV_NO_FORMAT = _csv_answer("A ?format= the export does not have")
CSV_THROTTLED = _csv_answer("Too many requests without signing in; see Retry-After")


def _answer(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": REF}},
    }


def error_responses(result, generator, request, public):
    """Add 400, 401, 403, 404 and 429 where each can happen."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if path.endswith(".csv"):
                responses.setdefault("400", CSV_ERROR)
            elif operation.get("parameters") or method == "patch":
                responses.setdefault("400", _answer("A bad filter or field, in words."))
            if "{" in path:
                responses.setdefault(
                    "404", _answer("No such row, or none the reader may see.")
                )
            elif any(p.get("name") == "page" for p in operation.get("parameters", [])):
                responses.setdefault("404", _answer("A page past the last one."))
            if method == "patch":
                responses.setdefault(
                    "401", _answer("No token, or one that has stopped working.")
                )
                responses.setdefault(
                    "403", _answer("Only the action's owner, an officer or the chair.")
                )
            if path.endswith(".csv"):
                responses.setdefault("404", CSV_NO_FORMAT)
                responses.setdefault("429", CSV_THROTTLED)
            responses.setdefault(
                "429", _answer("Too many requests without signing in; see Retry-After.")
            )
    return result


def blank_or_format(result, generator, request, public):
    """A field that may be blank (a URLField with blank=True) is drawn as a
    `oneOf` of the format and an empty string; a validator that does not
    check formats, as many do not, finds "" matching both branches and
    refuses it. Either one will do: `anyOf`."""
    _blank_or_format(result.get("components", {}).get("schemas", {}))
    return result


def _blank_or_format(node):
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if (
            isinstance(branches, list)
            and {"type": "string", "maxLength": 0} in branches
        ):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_or_format(value)
    elif isinstance(node, list):
        for value in node:
            _blank_or_format(value)


# Null, in OpenAPI 3.0.3's own terms: `nullable` counts only beside a `type`.
NULL = {"type": "object", "nullable": True, "enum": [None]}


def nullable_refs(result, generator, request, public):
    """drf-spectacular draws a nested row that may be null (a primary pillar
    not chosen) as `allOf: [$ref]` with `nullable: true` beside it; OpenAPI
    3.0.3 says `nullable` counts only beside a `type`, so strict validators
    refuse the null. Say it as either the row or null."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for name, field in component.get("properties", {}).items():
            refs = field.get("allOf", [])
            if field.get("nullable") and len(refs) == 1 and "$ref" in refs[0]:
                rest = {
                    k: v for k, v in field.items() if k not in ("allOf", "nullable")
                }
                component["properties"][name] = {"anyOf": [refs[0], NULL], **rest}
    return result
