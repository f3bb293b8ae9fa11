"""Benchmark of force-generation matching: 2,000 requirement lines, 40 nations, 5,000 pledges
over 3 years (the issue's target: at most 30 s on the development machine).

Run with `make bench-force` (or `.venv/bin/python -m bench.force --help`). It prints the size
of the instance, the time to prune and to solve, the peak memory of the process, the fill
reached, and the independent checker's verdict on the result.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import resource
import sys
import time

from cadre.domain.catalogue import DeliveryMode, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat
from cadre.domain.force.caveats import caveat_blocks, caveat_impact
from cadre.domain.force.check import check_force_plan, filled_post_months
from cadre.domain.force.fill import fill_report
from cadre.domain.force.offers import Offer, OfferState, StateChange
from cadre.domain.force.problem import ForceProblem
from cadre.domain.force.rotations import rotation_plan
from cadre.domain.force.shortfalls import shortfalls
from cadre.domain.months import add_months, month_end
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.domain.sites import Site, SiteKind
from cadre.solvers.force.matching import solve_force

REGIONS = {
    "Baghdad": ("TAJI", "BESMAYA", "UNION-III", "RUSTAMIYAH", "MOD-HQ"),
    "Anbar": ("AL-ASAD", "HABBANIYAH"),
    "Ninawa": ("MOSUL-AB", "QAYYARAH"),
    "Basra": ("SHAIBA", "UMM-QASR"),
    "Erbil": ("ERBIL-TC",),
}
BANDS = tuple(RankBand.parse(b) for b in ("OR-5..OR-9", "OR-6..OF-3", "OF-1..OF-4", "OF-3..OF-5"))
START = dt.date(2019, 1, 1)
ACCEPTED = (StateChange(OfferState.ACCEPTED),)


def instance(lines: int, nations: int, pledges: int, years: int, seed: int) -> ForceProblem:
    rng = random.Random(seed)
    disciplines = [f"D{d:02d}" for d in range(10)]
    qualifications = [
        Qualification(f"{d}-{level.name[:3]}", f"{d} {level.label}", d, level)
        for d in disciplines
        for level in InstructorLevel
    ]
    teaching = [q for q in qualifications if q.level is not InstructorLevel.TRAINEE]
    sites = [
        Site(code, code.title(), SiteKind.SCHOOL, region)
        for region, codes in REGIONS.items()
        for code in codes
    ]
    months = years * 12
    the_lines = []
    for n in range(lines):
        kind = rng.choices(list(PostKind), weights=(85, 10, 5))[0]
        first = add_months(START, rng.randrange(months))
        length = rng.randint(3, 36)
        start = first if rng.random() < 0.8 else first.replace(day=rng.randint(2, 28))
        end = month_end(min(add_months(first, length - 1), add_months(START, months - 1)))
        qualification = {
            PostKind.TEACHING: lambda: rng.choice(teaching).code,
            PostKind.HEADQUARTERS: lambda: rng.choice(("HQ-J1", "HQ-J3", "HQ-J4", "HQ-J7")),
            PostKind.FORCE_PROTECTION: lambda: "FP",
        }[kind]()
        by_region = rng.random() < 0.1
        site = rng.choice(sites)
        the_lines.append(
            RequirementLine(
                number=f"SOR-{n + 1:04d}",
                title=f"post {n + 1}",
                qualification=qualification,
                rank_band=rng.choice(BANDS),
                start=start,
                end=end,
                count=rng.randint(1, 6),
                criticality=rng.choices(list(Criticality), weights=(20, 50, 30))[0],
                kind=kind,
                site=None if by_region else site.code,
                region=site.region if by_region else None,
                mode=DeliveryMode.MOBILE_TRAINING_TEAM
                if rng.random() < 0.15
                else (DeliveryMode.RESIDENT),
            )
        )
    codes = [f"N{n:02d}" for n in range(nations)]
    caveats = []
    for nation in codes:
        for k in range(rng.choice((0, 1, 1, 2))):
            regions = rng.sample(sorted(REGIONS), rng.randint(1, 3))
            caveats.append(
                Caveat(
                    f"{nation}-C{k}",
                    nation,
                    allowed_regions=frozenset(regions) if k == 0 else frozenset(),
                    forbidden_modes=frozenset({DeliveryMode.MOBILE_TRAINING_TEAM})
                    if rng.random() < 0.5
                    else frozenset(),
                    max_tour_months=12,
                )
            )
    offers = []
    specialties = [q.code for q in teaching] + ["HQ-J1", "HQ-J3", "HQ-J4", "HQ-J7", "FP"]
    for n in range(pledges):
        nation = rng.choice(codes)
        own = [c.code for c in caveats if c.nation == nation]
        first = add_months(START, rng.randrange(months - 3))
        length = rng.choice((6, 9, 12, 18))
        target = rng.choice(the_lines) if rng.random() < 0.3 else None
        offers.append(
            Offer(
                code=f"O{n + 1:05d}",
                nation=nation,
                count=rng.randint(1, 4),
                start=first,
                end=month_end(add_months(first, length - 1)),
                tour_months=rng.choice((4, 6, 12)),
                line=target.number if target else None,
                qualification=None if target else rng.choice(specialties),
                rank_band=rng.choice(BANDS) if rng.random() < 0.5 else None,
                caveats=tuple(c for c in own if rng.random() < 0.7),
                history=ACCEPTED,
            )
        )
    return ForceProblem.build(the_lines, offers, caveats, qualifications, sites)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--nations", type=int, default=40)
    parser.add_argument("--pledges", type=int, default=5000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--no-check", action="store_true", help="skip the independent checker")
    parser.add_argument("--no-reports", action="store_true", help="time the matching alone")
    args = parser.parse_args(argv)

    built = time.perf_counter()
    problem = instance(args.lines, args.nations, args.pledges, args.years, args.seed)
    generated = time.perf_counter()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = solve_force(problem)
    allocations = result.solution.allocations
    solved = time.perf_counter()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(
        f"instance     {len(problem.lines):,} lines, {args.nations} nations, "
        f"{len(problem.offers):,} pledges, {args.years} years "
        f"({sum(o.count for o in problem.offers):,} people pledged; built in "
        f"{generated - built:.1f} s)"
    )
    print(
        f"matching     {solved - generated:.2f} s wall "
        f"(pruning {result.diagnostics['pruning_seconds']} s, "
        f"flows {result.diagnostics['flow_seconds']} s over {result.diagnostics['months']} "
        f"months; {result.diagnostics['eligible_pairs']:,} eligible pairs, largest month "
        f"{result.diagnostics['largest_month_arcs']:,} pair arcs)"
    )
    print(
        f"memory       peak RSS {rss_after / 1024:.0f} MiB "
        f"(+{(rss_after - rss_before) / 1024:.0f} MiB during matching)"
    )
    print(f"status       {result.status.value}")
    for tier in result.solution.fills:
        share = tier.filled / tier.required if tier.required else 1.0
        print(
            f"  {tier.criticality:<10} {tier.filled:>8,} of {tier.required:>8,} post-months "
            f"({share:.1%})"
        )
    print(f"allocations  {len(allocations):,}")
    if not args.no_reports:
        reports_started = time.perf_counter()
        report = fill_report(problem, allocations)
        short = shortfalls(problem, allocations)
        blocks = caveat_blocks(problem, allocations)
        plan = rotation_plan(problem, allocations, 10)
        reported = time.perf_counter()
        free = dataclasses.replace(
            problem, offers=tuple(dataclasses.replace(o, caveats=()) for o in problem.offers)
        )
        impact = caveat_impact(problem, allocations, solve_force(free).solution.allocations)
        lifted = time.perf_counter()
        print(
            f"reports      {reported - reports_started:.2f} s for fill by line/nation/"
            f"qualification/month, {len(short):,} shortfalls, {len(blocks):,} idle-caveat "
            f"blocks and the relief calendar ({len(plan.reliefs):,} reliefs, "
            f"{len(plan.unrelieved):,} unrelieved tours); weighted fill "
            f"{report.weighted_share:.1%}"
        )
        print(
            f"caveats      {lifted - reported:.2f} s to match again without caveats: they cost "
            f"{sum(i.post_months for i in impact):,} post-months on {len(impact):,} lines"
        )
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"memory       peak RSS {rss_after / 1024:.0f} MiB with the reports")
    if not args.no_check:
        checked = time.perf_counter()
        violations = check_force_plan(problem, allocations)
        recount = filled_post_months(problem, allocations)
        agrees = all(recount[t.criticality] == t.filled for t in result.solution.fills)
        print(
            f"checker      {len(violations)} violations, fill recount "
            f"{'agrees' if agrees else 'DISAGREES'} ({time.perf_counter() - checked:.1f} s)"
        )
        if violations or not agrees:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
