"""Why demand goes unmet: the binding constraints, read from the duals of stage one.

A row's dual says how much the least unmet demand would fall if that row were loosened by one.
Summed over the rows that touch a demand's courses up to the end of its year, the family with
the largest total is the one to name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

import numpy as np

from cadre.solvers.capacity.vars import CapacityModel

SIGNIFICANT = 1e-6


def explain_shortfall(model: CapacityModel, demand: int, duals: np.ndarray) -> str:
    p = model.problem
    d = p.demands[demand]
    if not d.courses:
        return f"no course in the catalogue grants {d.target}"
    courses = _with_prerequisites(model, d.courses)
    qualifications = {model.courses[c].instructor_qualification for c in courses}
    last = max((t for t, month in enumerate(p.months) if d.ended_by(month)), default=-1)
    if d.intake and not any(
        (code, t) in model.entrants
        for code in d.courses
        for t, m in enumerate(p.months)
        if d.covers(m)
    ):
        return f"no run of {', '.join(d.courses)} begun in {d.period} can finish in the horizon"
    if not any(
        (code, t) in model.entrants or any(k[0] == code and k[1] == t for k in model.abroad)
        for code in d.courses
        for t in range(last + 1)
    ):
        return (
            f"no run of {', '.join(d.courses)} can finish by the end of {d.period or d.year}"
            " in the horizon"
        )
    weight: dict[tuple[str, Hashable], float] = defaultdict(float)
    # Only the rows that bind: a handful of the model's, found at once rather than row by row
    # (this runs once per unmet demand, over every row of the model).
    binding = np.flatnonzero(np.abs(duals[: model.lp.rows]) >= SIGNIFICANT)
    for row in binding.tolist():
        family, key = model.lp.tags[row]
        value = abs(float(duals[row]))
        subject = _subject(model, family, key, courses, qualifications, last, d.year)
        if subject is not None:
            weight[family, subject] += value
    if not weight:
        return "the courses that produce it cannot run in time"
    (family, subject), _ = max(weight.items(), key=lambda item: item[1])
    return _sentence(model, family, subject)


def _with_prerequisites(model: CapacityModel, codes: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    todo = list(codes)
    while todo:
        code = todo.pop()
        if code in found or code not in model.courses:
            continue
        found.add(code)
        todo.extend(model.courses[code].prerequisites)
    return found


def _subject(
    model: CapacityModel,
    family: str,
    key: Hashable,
    courses: set[str],
    qualifications: set[str],
    last: int,
    year: int,
) -> Hashable | None:
    """What a binding row is about, if it bears on this demand; None when it does not."""
    if not isinstance(key, tuple):
        if family == "seats" and isinstance(key, int):
            return key if model.problem.seats[key].course in courses else None
        if family == "budget":
            return key if key == year else None
        return None
    month = key[-1]
    if not isinstance(month, int) or month > last:
        return None
    if family == "site":
        site = key[0]
        return site if any(site == s for c in courses for s, _ in model.courses[c].sites) else None
    if family == "pool":
        return (key[0], key[1]) if key[1] in courses else None
    if family in ("host", "mentor"):
        return key[0] if key[0] in qualifications else None
    if family == "supply":
        return key[0] if key[0] in qualifications else None
    if family == "pledge":
        supply = next(s for s in model.problem.supplies if s.pledge == key[0])
        return supply.qualification if supply.qualification in qualifications else None
    return None


def _sentence(model: CapacityModel, family: str, subject: Hashable) -> str:
    if family == "site":
        return f"the rooms at {subject} are full"
    if family == "pool" and isinstance(subject, tuple):
        return f"too few graduates of {subject[0]} are left to enter {subject[1]}"
    if family in ("host", "mentor"):
        return f"too few certified host instructors of {subject} to teach or mentor more"
    if family in ("supply", "pledge"):
        return f"the pledged {subject} instructors are fully committed"
    if family == "seats" and isinstance(subject, int):
        seat = model.problem.seats[subject]
        return f"the {seat.nation} seats on {seat.course} in {seat.year} are all taken"
    if family == "budget":
        return f"the budget of {subject} is spent"
    return f"{family} {subject} binds"
