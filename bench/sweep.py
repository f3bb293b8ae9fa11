"""Capacity sweep benchmark: a sweep of the NMI example on this machine's cores, as
`cadre plan sweep` runs it (`services/system/local_pool.py`; `--processes 1`: one after the other in
this process).

Run by `make bench-sweep [SAMPLES=200]`. Prints the seconds per sample (min, median, max), the
whole sweep's wall time, the CPU time of this process and of the pool's, peak memory, and the
ranges it found (peak force and each discipline's handover month, P10/P50/P90, and the inputs
the answer moves with most).

Target on the 2-core machine: 200 samples ≤ 10 min.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import statistics
import time

from cadre.domain.capacity.problem import PlanMode
from cadre.domain.capacity.uncertainty import SampleOutcome, SweepSample
from cadre.interchange.scenario_file import read_scenario
from cadre.services.capacity.sweep import draw_samples, gather, run_sample
from cadre.services.system.local_pool import each_done, processes_for

ROOT = pathlib.Path(__file__).resolve().parents[1]


def timed_sample(sample: SweepSample) -> tuple[SampleOutcome, float, float]:
    """The sample's outcome, and its wall and CPU seconds in the process that planned it."""
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = run_sample(sample)
    return outcome, time.perf_counter() - started, time.process_time() - cpu_started


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=60.0, help="per sample")
    parser.add_argument("--mode", choices=[m.value for m in PlanMode], default="sizing")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="default: one a core"
    )
    args = parser.parse_args()
    scenario = read_scenario(ROOT / "examples" / "nmi-2018.yaml")
    started = time.perf_counter()
    cpu_started = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    samples = draw_samples(
        scenario, args.samples, args.seed, mode=PlanMode(args.mode), seconds=args.seconds
    )
    processes = processes_for(len(samples), args.processes)
    outcomes: dict[int, SampleOutcome] = {}
    times, sample_cpu = [], []
    # Each sample goes back to its place: the ranges are those of any order of finishing.
    for index, done in each_done(timed_sample, ((s.index, s) for s in samples), processes):
        outcome, wall_each, cpu_each = done.result()
        outcomes[index] = outcome
        times.append(wall_each)
        sample_cpu.append(cpu_each)
        print(
            f"  sample {index + 1}/{len(samples)}: {wall_each:.1f} s "
            f"({len(outcomes)} done, CPU so far {sum(sample_cpu):.0f} s)",
            flush=True,
        )
    ranges = gather([outcomes[s.index] for s in samples])
    wall = time.perf_counter() - started
    # The pool's processes have ended here: RUSAGE_CHILDREN holds their whole CPU time.
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu_started
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pool_memory = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"NMI sweep, {args.samples} samples, seed {args.seed}, {args.mode}, {processes} "
        f"processes: {wall:.0f} s ({wall / 60:.1f} min; target 10 min), per sample min "
        f"{min(times):.1f} / median {statistics.median(times):.1f} / max {max(times):.1f} s, "
        f"peak memory {memory:.0f} MB (a pool process {pool_memory:.0f} MB), "
        f"{ranges.stopped} stopped"
    )
    # On a shared machine the wall time is the load's as much as the sweep's: the CPU time is
    # what the sweep alone would take on one free core.
    print(
        f"CPU time {cpu:.0f} s ({cpu / 60:.1f} min; all processes), {cpu / len(samples):.1f} s "
        f"a sample; the samples' own {sum(sample_cpu):.0f} s, median "
        f"{statistics.median(sample_cpu):.1f} s"
    )
    peak = ranges.peak_force
    print(
        f"peak foreign force P10/P50/P90: {peak.p10[0]:.1f} / {peak.p50[0]:.1f} / {peak.p90[0]:.1f}"
    )
    for h in ranges.handovers:
        shown = [m.strftime("%b %Y") if m else "not within" for m in (h.p10, h.p50, h.p90)]
        print(f"handover {h.subject}: {' / '.join(shown)} ({h.beyond} not within the horizon)")
    for s in ranges.most_sensitive(5):
        print(f"sensitivity: {s.input} ~ {s.answer}: rho {s.rho:+.2f}")


if __name__ == "__main__":
    main()
