"""What can be taught: disciplines, qualifications on an instructor ladder, and courses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum

from cadre.domain.record_names import NO_NAMES, Names


class InstructorLevel(Enum):
    """The rungs of the ladder a host instructor climbs; order matters, so values are ranks."""

    TRAINEE = 1
    ASSISTANT_INSTRUCTOR = 2
    INSTRUCTOR = 3
    MASTER_TRAINER = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> InstructorLevel:
        return cls[label.upper()]

    def __lt__(self, other: InstructorLevel) -> bool:
        return self.value < other.value


class CourseLevel(StrEnum):
    """How a course sits in a discipline: end-user training or part of the instructor ladder."""

    BASIC = "basic"
    ADVANCED = "advanced"
    INSTRUCTOR = "instructor"
    MASTER = "master"
    EDUCATION = "education"


class DeliveryMode(StrEnum):
    RESIDENT = "resident"
    MOBILE_TRAINING_TEAM = "mobile_training_team"
    OUT_OF_COUNTRY = "out_of_country"


@dataclass(frozen=True)
class Discipline:
    code: str
    name: str


@dataclass(frozen=True)
class Qualification:
    """A skill a person holds; for instructors, the rung they stand on in one discipline."""

    code: str
    name: str
    discipline: str
    level: InstructorLevel


def rung_fills(held: Qualification, wanted: Qualification) -> bool:
    """The ladder's one rule: a qualification fills a post, or teaches a course, that asks for
    itself or for a lower rung of the same discipline's ladder (master trainer ⊇ instructor ⊇
    assistant instructor); never a higher rung, never another discipline's."""
    if held.code == wanted.code:
        return True
    return held.discipline == wanted.discipline and wanted.level.value <= held.level.value


def lower_rungs(held: str, qualifications: Iterable[Qualification]) -> frozenset[str]:
    """The other qualifications `held` fills by the ladder's rule (none for a specialty that is
    not a qualification, such as force protection)."""
    known = {q.code: q for q in qualifications}
    have = known.get(held)
    if have is None:
        return frozenset()
    return frozenset(c for c, q in known.items() if c != held and rung_fills(have, q))


@dataclass(frozen=True)
class Course:
    code: str
    title: str
    discipline: str
    level: CourseLevel
    duration_days: int
    min_class_size: int
    max_class_size: int
    instructors_per_run: int
    instructor_qualification: str
    pass_rate: float
    prerequisites: tuple[str, ...] = ()
    delivery_modes: frozenset[DeliveryMode] = frozenset({DeliveryMode.RESIDENT})
    language: str = "ar"
    clearance: str = "none"
    grants: str | None = None
    names: Names = NO_NAMES  # the title in other languages; `title` is the English one

    @property
    def trains_instructors(self) -> bool:
        return self.level in (CourseLevel.INSTRUCTOR, CourseLevel.MASTER)
