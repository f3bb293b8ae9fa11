"""Independent parts of one piece of work on this machine's cores: a process pool for the work
that runs in one process (a sweep outside a job, a job in the embedded mode), where no queue
spreads it over workers. Used by `capacity/sweep.py` and `jobs/fanout.py` alike.

- The pool's processes are spawned, not forked: a fork copies the parent's threads' locks
  (HiGHS's, numba's, a database pool's) in whatever state they were, and can hang on them.
- At most one part per process is handed out at a time, each taken from the caller's iterable
  only when a process is free: the caller decides at that moment whether to go on (a job that
  was cancelled stops there), and the parts already running finish.
- One process, or one part, runs in this process as before: no pool to start.
- A pool process whose parent dies (a cancelled job's process is terminated) ends within a
  second instead of finishing its part for nobody.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

Key = TypeVar("Key")
Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

_SPAWN = multiprocessing.get_context("spawn")
ORPHANED_EXIT = 70  # a process whose parent died ends with this code


def processes_for(parts: int, processes: int | None = None) -> int:
    """How many processes to plan `parts` parts with: as asked, else one a core, never more
    than there are parts."""
    wanted = processes if processes is not None else os.cpu_count() or 1
    return max(1, min(wanted, parts))


def each_done(
    function: Callable[[Item], Outcome],
    items: Iterable[tuple[Key, Item]],
    processes: int,
) -> Iterator[tuple[Key, Future[Outcome]]]:
    """`function(item)` for each (key, item), on `processes` processes; each key with its
    finished future (its outcome or its error), in the order they finish. `function` is named
    by reference to a spawned process: a module's own function, not a lambda or a closure."""
    if processes <= 1:
        for key, item in items:
            yield key, _here(function, item)
        return
    source = iter(items)
    pool = ProcessPoolExecutor(
        processes, mp_context=_SPAWN, initializer=exit_with_parent, initargs=(os.getpid(),)
    )
    try:
        running = {
            pool.submit(function, item): key for key, item in itertools.islice(source, processes)
        }
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for done in finished:
                key = running.pop(done)
                for next_key, item in itertools.islice(source, 1):  # the freed process's next part
                    running[pool.submit(function, item)] = next_key
                yield key, done
    finally:  # on an error or a stop as well: the parts not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def run_all(
    function: Callable[[Item], Outcome],
    items: list[Item],
    processes: int | None = None,
    finished: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """The outcomes of `function` over `items`, in the items' order whatever order they finish
    in; `finished(n)` as the n-th finishes. The first error is raised, the rest not started."""
    outcomes: dict[int, Outcome] = {}
    workers = processes_for(len(items), processes)
    for n, (place, done) in enumerate(each_done(function, enumerate(items), workers), 1):
        outcomes[place] = done.result()
        if finished is not None:
            finished(n)
    return [outcomes[place] for place in range(len(items))]


def exit_with_parent(parent: int) -> None:
    """End this process within a second of its parent's death (a `kill -9`, a terminate)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(ORPHANED_EXIT)

    threading.Thread(target=watch, daemon=True).start()


def _here(function: Callable[[Item], Outcome], item: Item) -> Future[Outcome]:
    done: Future[Outcome] = Future()
    try:
        done.set_result(function(item))
    except Exception as error:  # the caller reads it from the future, as from a pool's
        done.set_exception(error)
    return done
