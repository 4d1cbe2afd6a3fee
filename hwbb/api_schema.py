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


CSV_ERROR = {
    "description": "A bad filter: CSV rows of field and error, in words.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}


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
            if method == "patch":
                responses.setdefault(
                    "401", _answer("No token, or one that has stopped working.")
                )
                responses.setdefault(
                    "403", _answer("Only the action's owner, an officer or the chair.")
                )
            responses.setdefault(
                "429", _answer("Too many requests without signing in; see Retry-After.")
            )
    return result
