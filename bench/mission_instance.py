"""A generated mission of one year, feasible by construction: runs are first planted one by
one where a room, a qualified team in theatre and their cohort are free, then given windows
around the planted dates, so a timetable placing every run is known to exist."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from cadre.domain.catalogue import Course, CourseLevel, DeliveryMode, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat, Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.host import Cohort, HostName
from cadre.domain.sites import Holiday, Room, Site, SiteKind
from cadre.domain.timetable.problem import MissionProblem

START, END = dt.date(2019, 1, 6), dt.date(2019, 12, 31)
HOLIDAYS = (
    Holiday("Nowruz", dt.date(2019, 3, 21), dt.date(2019, 3, 21)),
    Holiday("Eid al-Fitr", dt.date(2019, 6, 4), dt.date(2019, 6, 8)),
    Holiday("Republic Day", dt.date(2019, 7, 14), dt.date(2019, 7, 14)),
    Holiday("Eid al-Adha", dt.date(2019, 8, 11), dt.date(2019, 8, 15)),
)
DISCIPLINES = ("CIED", "EOD", "MED", "LOG", "AVM", "CIMIC")
REGIONS = ("Baghdad",) * 8 + ("Anbar",) * 2 + ("Ninawa",) * 2
HOST = "IRQ"


@dataclass(frozen=True)
class Sizes:
    runs: int = 300
    instructors: int = 150
    nations: int = 25  # the host among them
    sites: int = 12
    cohorts: int = 40


def _qualifications() -> tuple[Qualification, ...]:
    levels = (
        InstructorLevel.ASSISTANT_INSTRUCTOR,
        InstructorLevel.INSTRUCTOR,
        InstructorLevel.MASTER_TRAINER,
    )
    return tuple(
        Qualification(f"{d}-{lv.name[:3]}", f"{d} {lv.label}", d, lv)
        for d in DISCIPLINES
        for lv in levels
    )


def _courses(rng: random.Random) -> tuple[Course, ...]:
    courses = []
    for d in DISCIPLINES:
        for name, level, days, team, prerequisites, qualification in (
            ("101", CourseLevel.BASIC, rng.choice((10, 15, 20)), rng.choice((2, 3)), (), "INS"),
            ("201", CourseLevel.ADVANCED, rng.choice((10, 15)), 2, (f"{d}-101",), "INS"),
            ("TTT", CourseLevel.INSTRUCTOR, 20, 2, (f"{d}-101",), "INS"),
            ("MTC", CourseLevel.MASTER, 10, 1, (f"{d}-TTT",), "MAS"),
        ):
            courses.append(
                Course(
                    f"{d}-{name}", f"{d} {name}", d, level, days, 8, 30, team,
                    f"{d}-{qualification}", 0.85, prerequisites,
                    frozenset({DeliveryMode.RESIDENT, DeliveryMode.MOBILE_TRAINING_TEAM}),
                )
            )  # fmt: skip
    return tuple(courses)


def _sites(rng: random.Random, count: int) -> tuple[Site, ...]:
    return tuple(
        Site(
            f"S{k:02d}",
            f"School {k}",
            SiteKind.SCHOOL,
            REGIONS[k % len(REGIONS)],
            rooms=tuple(Room(f"S{k:02d}-R{j}", rng.choice((20, 24, 30, 36))) for j in range(3)),
            holidays=HOLIDAYS,
            disciplines=frozenset(rng.sample(DISCIPLINES, 2)),
        )
        for k in range(count)
    )


def _trainers(
    rng: random.Random, sizes: Sizes, sites: tuple[Site, ...]
) -> tuple[tuple[Trainer, ...], dict[str, tuple[Caveat, ...]]]:
    nations = [HOST] + [f"N{k:02d}" for k in range(1, sizes.nations)]
    caveats = {
        n: Caveat(f"{n}-1", n, allowed_regions=frozenset({"Baghdad"}))
        if k % 3 == 0
        else Caveat(f"{n}-1", n, forbidden_sites=frozenset({rng.choice(sites).code}))
        for k, n in enumerate(nations[1:9])
    }
    hosts = sizes.instructors // 6
    trainers, by_trainer = [], {}
    for k in range(sizes.instructors):
        nation = HOST if k < hosts else nations[1 + k % (sizes.nations - 1)]
        discipline = DISCIPLINES[k % len(DISCIPLINES)]
        roll = rng.random()
        if nation == HOST:
            quals = [f"{discipline}-ASS"] if roll < 0.35 else [f"{discipline}-INS"]
            window = (START, END)
        else:
            quals = [f"{discipline}-INS"] + ([f"{discipline}-MAS"] if roll < 0.2 else [])
            arrive = START + dt.timedelta(days=rng.randrange(-90, 240))
            tour = rng.choice((122, 183, 183, 365))
            window = (arrive, arrive + dt.timedelta(days=tour))
        code = f"T{k:03d}"
        trainers.append(Trainer(code, f"Trainer {k}", nation, tuple(quals), *window))
        if nation in caveats:
            by_trainer[code] = (caveats[nation],)
    return tuple(trainers), by_trainer


@dataclass
class _Planter:
    problem: MissionProblem
    rng: random.Random
    busy: dict[str, list[tuple[dt.date, dt.date]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    taken: dict[str, list[tuple[str, dt.date, dt.date]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def free(self, key: str, first: dt.date, last: dt.date) -> bool:
        return all(last < a or b < first for a, b in self.busy[key])

    def plant(self, code: str, site: Site, course: Course, cohort: Cohort | None) -> CourseRun:
        p = self.problem
        for _ in range(40):
            first = START + dt.timedelta(days=self.rng.randrange(0, 330))
            while site.is_working_day(first - dt.timedelta(days=1)):
                first -= dt.timedelta(days=1)  # courses start after a day off
            days = site.working_days(first, END)[: course.duration_days]
            if len(days) < course.duration_days:
                continue
            first, last = days[0], days[-1]
            size = p.class_size(
                CourseRun(
                    code, course.code, site.code, first, last, cohort.code if cohort else None
                )
            )
            rooms = [r for r in site.rooms if r.capacity >= size and self.free(r.code, first, last)]
            team = self._team(site, course, first, last)
            if not rooms or team is None or not self._cohort_ok(cohort, course, first, last):
                continue
            room = self.rng.choice(rooms)
            for key in (room.code, *team, *([cohort.code] if cohort else [])):
                self.busy[key].append((first, last))
            if cohort:
                self.taken[cohort.code].append((course.code, first, last))
            # A window of about a month either side, as a capacity plan's month leaves.
            early = max(START, first - dt.timedelta(days=self.rng.randrange(0, 35)))
            late = min(END, last + dt.timedelta(days=self.rng.randrange(7, 49)))
            return CourseRun(
                code, course.code, site.code, early, late, cohort.code if cohort else None
            )
        raise LookupError("no room for another run")  # the caller tries another course

    def _team(self, site: Site, course: Course, first: dt.date, last: dt.date) -> list[str] | None:
        p = self.problem
        certified, learners = [], []
        for t in p.trainers:
            if not (t.in_theatre_from <= first and last <= t.in_theatre_to):
                continue
            if not self.free(t.code, first, last) or any(
                not c.allows_site(site.code, site.region) for c in p.caveats.get(t.code, ())
            ):
                continue
            held = {q.split("-")[1] for q in t.qualifications if q.startswith(course.discipline)}
            level = course.instructor_qualification.split("-")[1]
            if level in held or (level == "INS" and "MAS" in held):
                certified.append(t.code)
            elif level == "INS" and held == {"ASS"}:
                learners.append(t.code)
        if not certified or len(certified) + len(learners) < course.instructors_per_run:
            return None
        self.rng.shuffle(certified)
        team = certified[:1]
        rest = learners[:1] + certified[1:]
        return team + rest[: course.instructors_per_run - 1]

    def _cohort_ok(
        self, cohort: Cohort | None, course: Course, first: dt.date, last: dt.date
    ) -> bool:
        if cohort is None:
            return True
        if not self.free(cohort.code, first, last):
            return False
        for other, a, b in self.taken[cohort.code]:
            if other == course.code:
                return False
            if other in self._before(course.code) and b >= first:
                return False
            if course.code in self._before(other) and last >= a:
                return False
        return True

    def _before(self, code: str) -> set[str]:
        found: set[str] = set()
        todo = list(self.problem.course(code).prerequisites)
        while todo:
            other = todo.pop()
            found.add(other)
            todo.extend(self.problem.course(other).prerequisites)
        return found


def generate(sizes: Sizes = Sizes(), seed: int = 1) -> MissionProblem:
    rng = random.Random(seed)
    sites = _sites(rng, sizes.sites)
    trainers, caveats = _trainers(rng, sizes, sites)
    cohorts = tuple(
        Cohort(f"C{k:02d}", f"Unit {k}", rng.randrange(12, 31), HostName(f"وحدة {k}", f"Wahda {k}"),
               sites[k % len(sites)].code)
        for k in range(sizes.cohorts)
    )  # fmt: skip
    empty = MissionProblem(
        "BENCH", HOST, START, END, sites, _courses(rng), _qualifications(), trainers, caveats,
        cohorts, (),
    )  # fmt: skip
    planter = _Planter(empty, rng)
    runs: list[CourseRun] = []
    while len(runs) < sizes.runs:
        site = rng.choice(sites)
        discipline = rng.choice(sorted(site.disciplines))
        level = rng.choices(("101", "201", "TTT", "MTC"), (6, 3, 2, 1))[0]
        course = empty.course(f"{discipline}-{level}")
        mine = [c for c in cohorts if c.site == site.code]
        cohort = rng.choice(mine) if mine and rng.random() < 0.6 else None
        try:
            runs.append(planter.plant(f"R{len(runs) + 1:03d}", site, course, cohort))
        except LookupError:
            continue
    return MissionProblem(
        "BENCH", HOST, START, END, sites, empty.courses, empty.qualifications, trainers, caveats,
        cohorts, tuple(runs),
    )  # fmt: skip
