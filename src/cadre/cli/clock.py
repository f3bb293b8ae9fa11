"""When this run of `cadre` began, for a command whose time limit is the wall time of the whole
run (`itc2007 solve --seconds`): its start-up (imports, the compiled core) counts in it.
Unset when the commands are called from a test runner rather than as a program."""

from __future__ import annotations

import os
import sys

began: float | None = None


def finish_by(seconds: float, after: float) -> float | None:
    """The monotonic instant by which the work must be done so that the run, with `after`
    seconds to spare for its exit, lasts `seconds`; None when not run as a program."""
    return None if began is None else began + seconds - after


def end_run() -> None:
    """End the run now, output flushed, when run as a program: unloading numba and OR-Tools
    takes the interpreter a second or more, which a time limit on the whole run would pay."""
    if began is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
