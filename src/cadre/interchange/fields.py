"""Field types for files people write: codes, names and numbers with the limits storage has.

Checked here, at the edge, so that a value the database would refuse (a code too long for its
column, a number too large for an integer) is reported with its line instead of failing later.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

LARGEST_INTEGER = 2**31 - 1  # PostgreSQL's integer


def _not_a_truth_value(value: Any) -> Any:
    # YAML reads `true` as a boolean, which Python would otherwise count as the number 1.
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "true or false is not a number")
    return value


Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Whole = Annotated[
    int, BeforeValidator(_not_a_truth_value), Field(ge=-LARGEST_INTEGER, le=LARGEST_INTEGER)
]
Number = Annotated[float, BeforeValidator(_not_a_truth_value), Field(allow_inf_nan=False)]
