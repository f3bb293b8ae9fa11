"""Two task queues measured side by side on this machine, for docs/jobs.md: Procrastinate on
PostgreSQL (what Cadre uses) and Dramatiq on Redis (the broker alternative).

For each: the latency from enqueueing a task to its start on an idle queue (p50, p95), and the
throughput of small tasks (a worker of 8 threads, tasks that do nothing). Each engine's worker
is a process of its own, as in production; each task notes when it started in Redis, which
both sides pay alike.

    .venv/bin/pip install -e '.[bench]'   # Dramatiq and the Redis client
    .venv/bin/python bench/queue_engines.py [--samples 50] [--tasks 1000]

Needs PostgreSQL (CADRE_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test)
and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/15).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

POSTGRES = os.environ.get("CADRE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
THREADS = 8
KEY = "cadre-bench:started"


_clients: list[object] = []


def _note(index: int) -> None:
    started = time.time()
    if not _clients:
        import redis

        _clients.append(redis.Redis.from_url(REDIS))
    _clients[0].rpush(KEY, f"{index} {started}")  # type: ignore[attr-defined]


# --- Procrastinate -----------------------------------------------------------------------


def procrastinate_app(conninfo: str) -> object:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    app.task(name="bench.note", queue="bench")(_note)
    return app


def serve_procrastinate(conninfo: str) -> None:
    app = procrastinate_app(conninfo)
    app.run_worker(  # type: ignore[attr-defined]
        queues=["bench"], concurrency=THREADS, fetch_job_polling_interval=0.5
    )


@contextmanager
def procrastinate_queue() -> Iterator[Callable[[list[int]], None]]:
    import psycopg
    from procrastinate.schema import SchemaManager

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    conninfo = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(SchemaManager.get_schema().encode())
    app = procrastinate_app(conninfo)
    worker = _serve("procrastinate", conninfo)
    try:
        with app.open():  # type: ignore[attr-defined]
            deferrer = app.configure_task("bench.note")  # type: ignore[attr-defined]

            def enqueue(indexes: list[int]) -> None:
                if len(indexes) == 1:
                    deferrer.defer(index=indexes[0])
                else:
                    deferrer.batch_defer(*({"index": i} for i in indexes))

            yield enqueue
    finally:
        worker.kill()
        worker.wait()
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


# --- Dramatiq ----------------------------------------------------------------------------


def dramatiq_actor() -> object:
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker

    broker = RedisBroker(url=REDIS, namespace="cadre-bench")
    dramatiq.set_broker(broker)
    return dramatiq.actor(_note, actor_name="bench_note", queue_name="bench", max_retries=0)


def serve_dramatiq() -> None:
    import signal

    import dramatiq

    dramatiq_actor()
    worker = dramatiq.Worker(dramatiq.get_broker(), worker_threads=THREADS, worker_timeout=100)
    worker.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    worker.stop()


@contextmanager
def dramatiq_queue() -> Iterator[Callable[[list[int]], None]]:
    import dramatiq

    actor = dramatiq_actor()
    dramatiq.get_broker().flush_all()
    worker = _serve("dramatiq", "")
    try:

        def enqueue(indexes: list[int]) -> None:
            if len(indexes) == 1:
                actor.send(indexes[0])  # type: ignore[attr-defined]
            else:
                group = dramatiq.group(actor.message(i) for i in indexes)  # type: ignore[attr-defined]
                group.run()

        yield enqueue
    finally:
        worker.kill()
        worker.wait()


# --- the measures ------------------------------------------------------------------------


def _serve(engine: str, address: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, __file__, "--serve", engine, "--address", address],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _started(count: int, timeout: float = 120) -> dict[int, float]:
    import redis

    client = redis.Redis.from_url(REDIS)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.llen(KEY) >= count:
            break
        time.sleep(0.002)
    rows = [row.decode().split() for row in client.lrange(KEY, 0, -1)]
    return {int(i): float(t) for i, t in rows}


def measure(queue: Callable[[], object], samples: int, tasks: int) -> dict[str, float]:
    import redis

    client = redis.Redis.from_url(REDIS)
    with queue() as enqueue:  # type: ignore[attr-defined]
        client.delete(KEY)
        enqueue([-1])  # the worker is up and has run a task before anything is timed
        _started(1)
        latencies = []
        for index in range(samples):
            client.delete(KEY)
            time.sleep(0.3)  # an idle queue: the worker waits for work
            sent = time.time()
            enqueue([index])
            latencies.append((_started(1)[index] - sent) * 1000)
        client.delete(KEY)
        began = time.time()
        enqueue(list(range(tasks)))
        started = _started(tasks)
        seconds = max(started.values()) - began
    cut = statistics.quantiles(latencies, n=20)
    return {
        "start p50 ms": statistics.median(latencies),
        "start p95 ms": cut[18],
        "tasks/s": tasks / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--serve", choices=["procrastinate", "dramatiq"])
    parser.add_argument("--address", default="")
    args = parser.parse_args()
    if args.serve == "procrastinate":
        serve_procrastinate(args.address)
        return
    if args.serve == "dramatiq":
        serve_dramatiq()
        return
    print(f"{args.samples} idle starts, {args.tasks} small tasks, workers of {THREADS} threads")
    for name, queue in [
        ("Procrastinate on PostgreSQL", procrastinate_queue),
        ("Dramatiq on Redis", dramatiq_queue),
    ]:
        figures = measure(queue, args.samples, args.tasks)
        shown = ", ".join(f"{k} {v:.0f}" for k, v in figures.items())
        print(f"{name}: {shown}")


if __name__ == "__main__":
    main()
