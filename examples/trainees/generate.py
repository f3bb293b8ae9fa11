"""Write the example trainees of the NMI scenario (nmi-trainees.csv beside this file).

The people are made up: each name is three common Iraqi names (own, father's and the
family's, the usual order on Iraqi documents) drawn from the tables in
cadre.domain.training.names, which cite their public sources in docs/sources.md. A few are
entered twice on purpose, as happens on paper: a hamza dropped, a taa marbuta written as
haa, a service number with two digits swapped; the import flags them as likely duplicates.

    PYTHONPATH=src .venv/bin/python examples/trainees/generate.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib
import random

from cadre.domain.training.names import FAMILY_NAMES, GIVEN_NAMES
from cadre.interchange.trainees import COLUMNS

OUT = pathlib.Path(__file__).with_name("nmi-trainees.csv")
COUNT = 400
TWICE = 8
SEED = 2018
MEN = GIVEN_NAMES[:-8]  # the last eight given names are women's
SERVICES = (("IA", 70), ("FP", 12), ("IAF", 8), ("CTS", 6), ("INAV", 4))
UNITS = {
    "IA": ("9th Armoured Division", "Engineer Regiment, 11th Division",
           "Taji School of Engineering", "Besmaya Combat Training Centre",
           "1st Division, EOD company"),
    "FP": ("Federal Police, 2nd Division", "Federal Police EOD Directorate"),
    "IAF": ("Iraqi Air Force, Taji Air Base",),
    "CTS": ("Counter-Terrorism Service Academy",),
    "INAV": ("Iraqi Navy, Umm Qasr",),
}  # fmt: skip
RANKS = ("OR-3", "OR-4", "OR-5", "OR-6", "OR-7", "OR-8", "OF-1", "OF-2", "OF-3")
GOVERNORATES = tuple(f"IQG{n:02d}" for n in range(1, 19) if n not in (6, 10, 11))


def person(rng: random.Random, number: int) -> dict[str, str]:
    service = rng.choices([s for s, _ in SERVICES], [w for _, w in SERVICES])[0]
    own, father = rng.choice(MEN), rng.choice(MEN)
    family = rng.choice(FAMILY_NAMES)
    status = rng.choices(("cleared", "pending", "expired", "refused"), (80, 10, 6, 4))[0]
    decided = dt.date(2018, 6, 1) + dt.timedelta(days=rng.randrange(400))
    settled = status != "pending"
    return {
        "service": service,
        "service_number": f"{number:08d}",
        "name_ar": f"{own[0]} {father[0]} {family[0]}",
        "name_latin": f"{own[1]} {father[1]} {family[1]}" if rng.random() < 0.5 else "",
        "birth_year": str(rng.randint(1972, 2000)),
        "rank": rng.choice(RANKS),
        "unit": rng.choice(UNITS[service]),
        "governorate": rng.choice(GOVERNORATES),
        "vetting_status": status,
        "vetting_date": decided.isoformat() if settled else "",
        "vetting_authority": "MoD Directorate of Security" if settled else "",
        "vetting_until": (decided + dt.timedelta(days=730)).isoformat() if settled else "",
        "languages": f"ar=5 en={rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0]}",
    }


def entered_again(rng: random.Random, original: dict[str, str]) -> dict[str, str]:
    """The same person on a second nomination list, written a little differently."""
    again = dict(original)
    again["name_ar"] = original["name_ar"].replace("أ", "ا").replace("ة", "ه").replace("ى", "ي")
    digits = list(original["service_number"])
    i = rng.randrange(len(digits) - 1)
    digits[i], digits[i + 1] = digits[i + 1], digits[i]
    if digits == list(original["service_number"]):
        digits[-1] = str((int(digits[-1]) + 1) % 10)
    again["service_number"] = "".join(digits)
    again["name_latin"] = ""
    return again


def many(count: int, seed: int) -> bytes:
    """`count` people (and about one in a hundred of them entered again) as a CSV table: the
    benchmark's and the import job tests' large file."""
    rng = random.Random(seed)
    numbers = rng.sample(range(10_000_000, 99_999_999), count)
    people = [person(rng, n) for n in numbers]
    twice = [entered_again(rng, p) for p in rng.sample(people, count // 100)]
    taken = {(p["service"], p["service_number"]) for p in people}
    people += [p for p in twice if (p["service"], p["service_number"]) not in taken]
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(people)
    return out.getvalue().encode()


def main() -> None:
    rng = random.Random(SEED)
    people = [person(rng, 10_400_000 + rng.randrange(500_000)) for _ in range(COUNT)]
    seen = set()
    unique = []
    for p in people:
        if (p["service"], p["service_number"]) not in seen:
            seen.add((p["service"], p["service_number"]))
            unique.append(p)
    twice = [entered_again(rng, p) for p in rng.sample(unique, TWICE)]
    unique += [p for p in twice if (p["service"], p["service_number"]) not in seen]
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(unique)
    print(f"{len(unique)} trainees written to {OUT}")


if __name__ == "__main__":
    main()
