"""What long work is doing, said once for every reader: a phase is the English sentence a log
or the command line prints, and it carries a code and the values it names, so an edge says it
in its reader's language (as errors do, `errors.py`). A phase is a `str`, so every follower
that only prints (`Progress`) keeps working unchanged."""

from __future__ import annotations

from collections.abc import Mapping

from cadre.domain.errors import Param


def _english(value: Param) -> Param:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


class Phase(str):
    """`Phase("job.rows_checked", "checked %(done)s of %(total)s rows", done=5, total=9)`
    reads "checked 5 of 9 rows"; `code` and `params` stay for the edges."""

    code: str
    params: Mapping[str, Param]

    def __new__(cls, code: str, english: str, **params: Param) -> Phase:
        values = {k: "—" if v is None else _english(v) for k, v in params.items()}
        made = super().__new__(cls, english % values if params else english)
        made.code = code
        made.params = dict(params)
        return made

    @classmethod
    def said(cls, code: str, text: str, params: Mapping[str, Param]) -> Phase:
        """A sentence already made (an error's), with the code and values it was made from."""
        return _rebuilt(code, text, dict(params))

    def __reduce__(self) -> tuple[object, ...]:  # to a child process and back, code and all
        return (_rebuilt, (self.code, str(self), dict(self.params)))


def _rebuilt(code: str, text: str, params: dict[str, Param]) -> Phase:
    made = str.__new__(Phase, text)
    made.code, made.params = code, params
    return made


def code_of(said: str) -> tuple[str | None, dict[str, Param] | None]:
    """The code and values of a sentence, when it is a phase; (None, None) for plain text."""
    if isinstance(said, Phase):
        # Kept as JSON: a value of another type (an error may name a date) as its text.
        plain = (str, int, float, type(None))
        values = {k: v if isinstance(v, plain) else str(v) for k, v in said.params.items()}
        return said.code[:60], values  # the column's width; no code comes near it
    return None, None


def reading(file: str) -> Phase:
    return Phase("job.reading", "reading %(file)s", file=file)


def samples_planned(done: int, total: int) -> Phase:
    """A sweep's progress, the same words whether a job's workers or this process plan it."""
    return Phase("job.samples_done", "%(done)s of %(total)s samples", done=done, total=total)


# A job's life, as its row tells it.
WAITING = Phase("job.waiting", "waiting for a worker")
STARTING = Phase("job.starting", "starting")
DONE = Phase("job.done", "done")
IMPORTED = Phase("job.imported", "imported")
FAILED = Phase("job.failed", "failed")
CANCELLED = Phase("job.cancelled", "cancelled")
ABANDONED = Phase("job.abandoned", "abandoned")
TIME_LIMIT = Phase("job.time_limit", "time limit")
