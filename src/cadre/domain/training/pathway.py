"""The host instructor pathway: trainee -> assistant instructor -> instructor -> master
trainer, one discipline at a time. Each rung has its rule (courses passed, supervised runs
co-taught beside a foreign or master instructor with the supervisor's rating, an
assessment); a person's progress says what is met and what is missing for the next rung.
The host-led share counts the runs actually led, as recorded after they were held.

Defaults (docs/training.md and docs/sources.md say where each comes from):
- assistant instructor: the discipline's instructor course passed; no supervised run.
- instructor: two runs co-taught under supervision, each rated at least 3 of 5, and the
  teaching assessment passed (two runs: about the scenario's two months of supervised
  teaching, `certification_lag_months`, at a 5-week course).
- master trainer: the discipline's master course passed when it has one, four runs
  co-taught beside a master trainer rated at least 4 of 5, and the assessment passed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cadre.domain.catalogue import Course, CourseLevel, InstructorLevel, Qualification
from cadre.domain.errors import Param
from cadre.domain.training.certificates import Certificate

RATING_SCALE = (1, 5)  # a supervisor rates a co-taught run 1 (unfit) to 5 (exemplary)
LADDER = (
    InstructorLevel.ASSISTANT_INSTRUCTOR,
    InstructorLevel.INSTRUCTOR,
    InstructorLevel.MASTER_TRAINER,
)


@dataclass(frozen=True)
class RungRule:
    """What one rung of one discipline asks."""

    level: InstructorLevel
    courses: tuple[str, ...] = ()  # each passed (a certificate issued and not revoked)
    supervised_runs: int = 0  # runs co-taught beside a foreign or master instructor
    min_rating: int = 3  # each counted run rated at least this
    master_supervisor: bool = False  # the supervisor must be a master trainer (not any foreign)
    assessment: bool = False  # the rung's assessment passed


@dataclass(frozen=True)
class PathwayRule:
    discipline: str
    rungs: tuple[RungRule, ...]

    def rung(self, level: InstructorLevel) -> RungRule:
        return next(r for r in self.rungs if r.level == level)


def default_rule(discipline: str, courses: Iterable[Course]) -> PathwayRule:
    """The discipline's ladder by the defaults above, from its courses in the catalogue."""
    mine = [c for c in courses if c.discipline == discipline]
    instructor = tuple(c.code for c in mine if c.level is CourseLevel.INSTRUCTOR)
    master = tuple(c.code for c in mine if c.level is CourseLevel.MASTER)
    return PathwayRule(
        discipline,
        (
            RungRule(InstructorLevel.ASSISTANT_INSTRUCTOR, courses=instructor),
            RungRule(InstructorLevel.INSTRUCTOR, supervised_runs=2, min_rating=3, assessment=True),
            RungRule(
                InstructorLevel.MASTER_TRAINER,
                courses=master,
                supervised_runs=4,
                min_rating=4,
                master_supervisor=True,
                assessment=True,
            ),
        ),
    )


@dataclass(frozen=True)
class Colleague:
    """An instructor of the scenario as the pathway sees them."""

    code: str
    nation: str
    masters: frozenset[str] = frozenset()  # disciplines in which they are a master trainer


def masters_of(qualifications: Iterable[Qualification], held: Iterable[str]) -> frozenset[str]:
    """The disciplines in which the held qualifications make a person a master trainer."""
    known = {q.code: q for q in qualifications}
    return frozenset(
        known[c].discipline
        for c in held
        if c in known and known[c].level is InstructorLevel.MASTER_TRAINER
    )


@dataclass(frozen=True)
class TaughtRun:
    """A run of the timetable: who teaches it, in what discipline, when it ends."""

    run: str
    course: str
    discipline: str
    site: str
    start: dt.date
    end: dt.date
    instructors: tuple[str, ...]


@dataclass(frozen=True)
class Rating:
    run: str
    trainer: str  # the host instructor rated
    rating: int
    supervisor: str = ""


@dataclass(frozen=True)
class SupervisedRun:
    run: str
    end: dt.date
    supervisors: tuple[str, ...]  # the foreign or master colleagues on the run
    master: bool  # a master trainer of the discipline among them
    rating: int | None  # None: not rated yet


def supervised_runs(
    trainer: str,
    discipline: str,
    runs: Iterable[TaughtRun],
    colleagues: Mapping[str, Colleague],
    host: str,
    ratings: Iterable[Rating],
    today: dt.date,
) -> list[SupervisedRun]:
    """The runs of the discipline, ended by `today`, that `trainer` co-taught beside a
    foreign instructor or a master trainer of the discipline, with the rating given."""
    given = {r.run: r.rating for r in ratings if r.trainer == trainer}
    found = []
    for run in runs:
        if run.discipline != discipline or trainer not in run.instructors or run.end > today:
            continue
        others = [colleagues[c] for c in run.instructors if c != trainer and c in colleagues]
        beside = [c for c in others if c.nation != host or discipline in c.masters]
        if not beside:
            continue
        master = any(discipline in c.masters for c in beside)
        codes = tuple(c.code for c in beside)
        found.append(SupervisedRun(run.run, run.end, codes, master, given.get(run.run)))
    return sorted(found, key=lambda s: (s.end, s.run))


@dataclass(frozen=True)
class Assessment:
    trainee: int
    discipline: str
    level: InstructorLevel
    passed: bool
    on: dt.date
    assessor: str = ""


@dataclass(frozen=True)
class Requirement:
    """One condition of a rung and where the person stands on it."""

    kind: str  # "course", "supervised_runs" or "assessment"
    needed: str  # a course code, a count, "passed"
    have: str
    met: bool
    # What `needed` says, as a code and its values, for an edge to say in its own words.
    code: str = ""
    params: Mapping[str, Param] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Progress:
    trainee: int
    discipline: str
    level: InstructorLevel  # the rung reached
    next_level: InstructorLevel | None  # None: at the top
    requirements: tuple[Requirement, ...]  # of the next rung
    supervised: tuple[SupervisedRun, ...] = field(default=())

    @property
    def missing(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.met)


def rung_requirements(
    rung: RungRule,
    passed: frozenset[str],
    supervised: Sequence[SupervisedRun],
    assessed: frozenset[InstructorLevel],
) -> list[Requirement]:
    """Each condition of `rung`, met or not."""
    found = [
        Requirement("course", code, "passed" if code in passed else "", code in passed)
        for code in rung.courses
    ]
    if rung.supervised_runs:
        counted = sum(
            1
            for s in supervised
            if s.rating is not None
            and s.rating >= rung.min_rating
            and (s.master or not rung.master_supervisor)
        )
        needed = f"{rung.supervised_runs} rated >= {rung.min_rating}"
        if rung.master_supervisor:
            needed += " beside a master trainer"
        found.append(
            Requirement(
                "supervised_runs",
                needed,
                str(counted),
                counted >= rung.supervised_runs,
                code="pathway.master_runs" if rung.master_supervisor else "pathway.runs",
                params={"runs": rung.supervised_runs, "rating": rung.min_rating},
            )
        )
    if rung.assessment:
        met = rung.level in assessed
        found.append(Requirement("assessment", "passed", "passed" if met else "", met))
    return found


def progress(
    trainee: int,
    rule: PathwayRule,
    *,
    start: InstructorLevel = InstructorLevel.TRAINEE,
    certificates: Iterable[Certificate] = (),
    supervised: Sequence[SupervisedRun] = (),
    assessments: Iterable[Assessment] = (),
) -> Progress:
    """How far up the ladder the person stands: the rungs are climbed in order, from the
    rung the scenario already gives them (`start`), each when all its conditions are met."""
    passed = frozenset(c.course for c in certificates if c.revoked_on is None)
    assessed = frozenset(
        a.level
        for a in assessments
        if a.passed and a.trainee == trainee and a.discipline == rule.discipline
    )
    level = start
    for rung in rule.rungs:
        if rung.level.value <= level.value:
            continue
        requirements = rung_requirements(rung, passed, supervised, assessed)
        if not all(r.met for r in requirements):
            return Progress(
                trainee, rule.discipline, level, rung.level, tuple(requirements), tuple(supervised)
            )
        level = rung.level
    return Progress(trainee, rule.discipline, level, None, (), tuple(supervised))


@dataclass(frozen=True)
class RunLed:
    """Who actually led a run, recorded once it was held."""

    run: str
    site: str
    discipline: str
    start: dt.date
    lead: str  # the trainer code
    lead_nation: str


@dataclass(frozen=True)
class HostLedShare:
    site: str
    discipline: str
    month: dt.date  # the first of the month the run started in
    runs: int  # runs held and recorded
    host_led: int

    @property
    def share(self) -> float:
        return self.host_led / self.runs if self.runs else 0.0


def host_led_share(led: Iterable[RunLed], host: str) -> list[HostLedShare]:
    """The share of runs led by a host instructor, per school, discipline and month, from
    the runs actually led (a run not recorded as led counts in no share)."""
    counts: dict[tuple[str, str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for run in led:
        key = (run.site, run.discipline, run.start.replace(day=1))
        counts[key][0] += 1
        counts[key][1] += run.lead_nation == host
    return [HostLedShare(s, d, m, n, h) for (s, d, m), (n, h) in sorted(counts.items())]


def rating_problem(rating: int) -> str | None:
    low, high = RATING_SCALE
    return None if low <= rating <= high else f"a rating is {low} to {high}, not {rating}"
