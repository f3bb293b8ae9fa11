"""The `?lang=` of the API's downloads: a workbook or calendar in English or Arabic, the words
loaded from the shared catalogue (the API may not import the web app, which holds the reader's
language for pages)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from starlette.responses import Response

from cadre.api.errors import error_response
from cadre.services.system.language import LANGUAGES

# The schema lists the languages; any other value is still read, to answer it with a 400.
Lang = Annotated[
    str,
    Query(max_length=8, description="en or ar", json_schema_extra={"enum": list(LANGUAGES)}),
]


def refusal(lang: str, what: str) -> Response | None:
    """The 400 that names the languages `what` is written in, if `lang` is none of them."""
    if lang not in LANGUAGES:
        return error_response(
            400,
            "bad_request",
            f"{what} is written in {' or '.join(LANGUAGES)}, not {lang}",
            code="unknown_language",
            params={"lang": lang},
        )
    return None
