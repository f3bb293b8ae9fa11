"""Capacity sweep benchmark: a sweep of the NMI example run sequentially in one process.

Run by `make bench-sweep [SAMPLES=200]`. Prints the seconds per sample (min, median, max), the
whole sweep's wall time and peak memory, and the ranges it found (peak force and each
discipline's handover month, P10/P50/P90, and the inputs the answer moves with most).

Target on the 2-core machine: 200 samples ≤ 10 min.
"""

from __future__ import annotations

import argparse
import pathlib
import resource
import statistics
import time

from cadre.domain.capacity.problem import PlanMode
from cadre.interchange.scenario_file import read_scenario
from cadre.services.capacity.sweep import draw_samples, gather, run_sample

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=60.0, help="per sample")
    parser.add_argument("--mode", choices=[m.value for m in PlanMode], default="sizing")
    args = parser.parse_args()
    scenario = read_scenario(ROOT / "examples" / "nmi-2018.yaml")
    started, cpu_started = time.perf_counter(), time.process_time()
    samples = draw_samples(
        scenario, args.samples, args.seed, mode=PlanMode(args.mode), seconds=args.seconds
    )
    outcomes, times = [], []
    for sample in samples:
        t = time.perf_counter()
        outcomes.append(run_sample(sample))
        times.append(time.perf_counter() - t)
        print(
            f"  sample {sample.index + 1}/{len(samples)}: {times[-1]:.1f} s "
            f"(CPU so far {time.process_time() - cpu_started:.0f} s)",
            flush=True,
        )
    ranges = gather(outcomes)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"NMI sweep, {args.samples} samples, seed {args.seed}, {args.mode}: {wall:.0f} s "
        f"({wall / 60:.1f} min; target 10 min), per sample min {min(times):.1f} / median "
        f"{statistics.median(times):.1f} / max {max(times):.1f} s, peak memory {memory:.0f} MB, "
        f"{ranges.stopped} stopped"
    )
    # On a shared machine the wall time is the load's as much as the sweep's: the CPU time is
    # what the sweep alone would take on one free core.
    print(f"CPU time {cpu:.0f} s ({cpu / 60:.1f} min), {cpu / len(samples):.1f} s a sample")
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
