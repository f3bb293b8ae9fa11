"""Capacity planner benchmark: the NMI example and generated missions of growing size.

Run by `make bench-capacity`. Each case runs in its own process so that its peak memory is its
own. Prints variables, constraints, wall and CPU seconds (the wall swings with the machine's
load, the CPU does not), peak memory and status per case; with whole runs (the default;
`--continuous` keeps runs continuous), the rounding loss against the continuous bound.

Targets on the 2-core machine: NMI ≤ 5 s, 30 courses ≤ 20 s, 100 courses ≤ 120 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import random
import resource
import subprocess
import sys
import time

from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import (
    Course,
    CourseLevel,
    DeliveryMode,
    Discipline,
    InstructorLevel,
    Qualification,
)
from cadre.domain.contributors import Contributor, ContributorRole, Pledge
from cadre.domain.host import Demand
from cadre.domain.scenario import Mission, PlanningParameters, Scenario
from cadre.domain.sites import Room, Site, SiteKind
from cadre.interchange.scenario_file import read_scenario
from cadre.solvers.capacity import solve_capacity

ROOT = pathlib.Path(__file__).resolve().parents[1]
NATIONS = [
    "CAN",
    "USA",
    "GBR",
    "DNK",
    "ITA",
    "DEU",
    "NOR",
    "NLD",
    "BEL",
    "ESP",
    "POL",
    "TUR",
    "HUN",
    "ROU",
    "CZE",
    "EST",
    "LTU",
    "LVA",
    "SVN",
    "AUS",
    "SWE",
    "FIN",
    "FRA",
    "PRT",
    "GRC",
    "HRV",
    "ALB",
    "MNE",
    "MKD",
    "SVK",
]


def generated(
    courses: int,
    months: int = 120,
    nations: int = 30,
    sites: int = 6,
    seed: int = 1,
    open_sites: bool = False,
) -> Scenario:
    """A mission with `courses` courses in disciplines of four: basic, advanced, instructor
    and master courses, demand for the first two every year, pledges from `nations` nations.

    Each site is a school of some disciplines, as a mission's schools are (engineering,
    medicine, logistics, ...); with `open_sites`, every site teaches everything instead."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    years = months // 12
    disciplines, qualifications, catalogue, demands = [], [], [], []
    for d in range((courses + 3) // 4):
        code = f"D{d:02d}"
        disciplines.append(Discipline(code, f"Discipline {d}"))
        qualifications += [
            Qualification(f"{code}-OP", "operator", code, InstructorLevel.TRAINEE),
            Qualification(f"{code}-INS", "instructor", code, InstructorLevel.INSTRUCTOR),
            Qualification(f"{code}-MT", "master", code, InstructorLevel.MASTER_TRAINER),
        ]
        ladder = [
            (f"{code}-101", CourseLevel.BASIC, (), f"{code}-OP", f"{code}-INS"),
            (f"{code}-201", CourseLevel.ADVANCED, (f"{code}-101",), None, f"{code}-INS"),
            (f"{code}-TTT", CourseLevel.INSTRUCTOR, (f"{code}-101",), f"{code}-INS", f"{code}-MT"),
            (f"{code}-MTC", CourseLevel.MASTER, (f"{code}-TTT",), f"{code}-MT", f"{code}-MT"),
        ]
        for course_code, level, pre, grants, teacher in ladder[: courses - len(catalogue)]:
            catalogue.append(
                Course(
                    code=course_code,
                    title=course_code,
                    discipline=code,
                    level=level,
                    duration_days=rng.choice([5, 10, 25, 30, 40, 80]),
                    min_class_size=8,
                    max_class_size=rng.choice([16, 20, 25, 30]),
                    instructors_per_run=rng.choice([2, 3, 4]),
                    instructor_qualification=teacher,
                    pass_rate=rng.choice([0.75, 0.8, 0.85, 0.9]),
                    prerequisites=pre,
                    delivery_modes=frozenset(
                        {DeliveryMode.RESIDENT, DeliveryMode.MOBILE_TRAINING_TEAM}
                    ),
                    grants=grants,
                )
            )
            if level in (CourseLevel.BASIC, CourseLevel.ADVANCED):
                base = rng.randint(100, 600)
                demands += [
                    Demand("Army", course_code, start.year + y, base + 20 * y) for y in range(years)
                ]
    site_list = tuple(
        Site(
            f"S{s}",
            f"Site {s}",
            SiteKind.SCHOOL,
            "Baghdad",
            rooms=tuple(Room(f"S{s}-{r}", 30) for r in range(rng.randint(4, 10))),
            disciplines=frozenset()
            if open_sites
            else frozenset(d.code for i, d in enumerate(disciplines) if i % sites == s),
        )
        for s in range(sites)
    )
    codes = NATIONS[:nations]
    contributors = (
        Contributor("IRQ", "Iraq", ContributorRole.HOST),
        *(Contributor(c, c, ContributorRole.ALLY) for c in codes),
    )
    instructor_quals = [q.code for q in qualifications if q.level != InstructorLevel.TRAINEE]
    pledges = tuple(
        Pledge(
            f"P{i}",
            rng.choice(codes),
            rng.choice(instructor_quals),
            rng.randint(2, 8),
            start,
            start + dt.timedelta(days=30 * months),
            6,
        )
        for i in range(nations * 4)
    )
    return Scenario(
        mission=Mission("GEN", "Generated", "IRQ", start, dt.date(start.year + years - 1, 12, 31)),
        planning=PlanningParameters(certification_lag_months=3, horizon_months=months),
        contributors=contributors,
        sites=site_list,
        disciplines=tuple(disciplines),
        qualifications=tuple(qualifications),
        courses=tuple(catalogue),
        demands=tuple(demands),
        pledges=pledges,
    )


def run_case(name: str, mode: str, seconds: float, whole: bool) -> dict[str, object]:
    if name == "nmi":
        scenario = read_scenario(ROOT / "examples" / "nmi-2018.yaml")
    elif name.endswith("-open"):
        scenario = generated(int(name.removesuffix("-open")), open_sites=True)
    else:
        scenario = generated(int(name))
    started, cpu = time.perf_counter(), time.process_time()
    problem = build_problem(scenario, PlanMode(mode))
    result = solve_capacity(problem, seconds=seconds, whole_runs=whole)
    plan = result.solution
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rounding = plan.rounding
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "case": name,
        "mode": mode,
        "courses": len(problem.courses),
        "months": len(problem.months),
        "variables": plan.variables,
        "constraints": plan.constraints,
        "seconds": round(elapsed, 2),
        "cpu": round(cpu, 2),
        "loss_unmet": round(rounding.unmet, 1) if rounding else None,
        "loss_months": round(rounding.instructor_months, 1) if rounding else None,
        "bound_months": round(rounding.bound_instructor_months, 1) if rounding else None,
        "integrality_gap": round(rounding.integrality_gap, 4) if rounding else None,
        "peak_mb": round(peak_mb),
        "status": result.status.value,
        "stages": [(s.name, s.status, round(s.seconds, 2)) for s in plan.stages],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", help="run one case in this process and print it as JSON")
    parser.add_argument("--mode", default="sizing", choices=["sizing", "check"])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--cases", default="nmi,10,30,100,30-open")
    parser.add_argument(
        "--continuous", action="store_true", help="keep runs continuous (no rounding and repair)"
    )
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.mode, args.seconds, not args.continuous)))
        return
    targets = {"nmi": 5, "30": 20, "100": 120, "30-open": 20}
    print(
        f"{'case':>6} {'mode':>7} {'courses':>7} {'months':>6} {'variables':>10} "
        f"{'constraints':>11} {'seconds':>8} {'cpu s':>6} {'target':>6} {'peak MB':>8}  status"
    )
    for case in args.cases.split(","):
        for mode in ("sizing", "check"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--case",
                    case,
                    "--mode",
                    mode,
                    "--seconds",
                    str(args.seconds),
                    *(["--continuous"] if args.continuous else []),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            target = targets.get(case)
            print(
                f"{r['case']:>6} {r['mode']:>7} {r['courses']:>7} {r['months']:>6} "
                f"{r['variables']:>10,} {r['constraints']:>11,} {r['seconds']:>8} {r['cpu']:>6} "
                f"{target if target else '':>6} {r['peak_mb']:>8}  {r['status']}"
            )
            if r["loss_unmet"] is not None:
                print(
                    f"        whole runs: +{r['loss_unmet']} unmet, {r['loss_months']:+} "
                    f"instructor-months against the continuous bound of {r['bound_months']}; "
                    f"integrality gap at most {r['integrality_gap']:.1%} (whole-run objective "
                    "less the continuous bound, over the bound)"
                )
            print("        stages: " + "; ".join(f"{n} {st} {s}s" for n, st, s in r["stages"]))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
