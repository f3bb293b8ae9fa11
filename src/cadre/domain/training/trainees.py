"""Host personnel who come to be taught: who they are, whether they are cleared to attend,
and which languages they work in. Pure values and the rules an entry must keep.

Vetting is kept as its outcome only: a status, the date it was decided, the authority that
decided it and until when it holds. Never the reasons or any derogatory detail: Cadre is not
the place where those live (docs/training.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cadre.domain.coordination.places import governorate
from cadre.domain.errors import Problem
from cadre.domain.host import HostName, search_key, sound_key
from cadre.domain.ranks import Rank

# Iraq's services whose people the mission trains: the army, the air force, the navy, the
# counter-terrorism service, the federal police and the Peshmerga; a scenario may add others.
SERVICE = re.compile(r"^[A-Z][A-Z0-9-]{0,15}$")
SERVICE_NUMBER = re.compile(r"^[A-Za-z0-9/-]{1,32}$")
LANGUAGE = re.compile(r"^[a-z]{2}$")  # ISO 639-1, as courses name their language
TOP_LEVEL = 5  # STANAG 6001 levels run 0 (none) to 5 (native)


class VettingStatus(StrEnum):
    CLEARED = "cleared"
    PENDING = "pending"
    REFUSED = "refused"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Vetting:
    """The outcome of a trainee's vetting, and only its outcome."""

    status: VettingStatus = VettingStatus.PENDING
    decided: dt.date | None = None
    authority: str = ""
    valid_until: dt.date | None = None  # None: no expiry stated

    def clears_on(self, day: dt.date) -> bool:
        """Cleared, and still so on `day`."""
        return self.status is VettingStatus.CLEARED and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class Trainee:
    """One person of a host service; `service` and `number` name them within the mission."""

    service: str
    number: str  # the service number, unique within the service
    name: HostName
    birth_year: int | None = None
    rank: str = ""  # a NATO rank code (OR-4, OF-2), or empty when not known
    unit: str = ""
    governorate: str = ""  # OCHA p-code of the home governorate
    vetting: Vetting = field(default_factory=Vetting)
    languages: Mapping[str, int] = field(default_factory=dict)  # ISO 639-1 -> STANAG 6001

    @property
    def key(self) -> str:
        return search_key(self.name.arabic, self.name.latin)

    @property
    def sound(self) -> str:
        return self.name.sound

    def level_in(self, language: str) -> int:
        return self.languages.get(language, 0)


def trainee_problems(trainee: Trainee, *, this_year: int) -> list[Problem]:
    """What makes an entry unfit to keep, each with its field; empty when it is sound."""
    found: list[Problem] = []

    def bad(field_name: str, reason: str, code: str, **params: str | int | None) -> None:
        found.append(Problem(reason, field=field_name, code=f"trainee.{code}", params=params))

    if not SERVICE.match(trainee.service):
        bad("service", "a service is a short code in capitals, such as IA or FP", "bad_service")
    if not SERVICE_NUMBER.match(trainee.number):
        bad("service_number", "a service number is letters, digits, / or -", "bad_number")
    if not trainee.name.arabic.strip():
        bad("name_ar", "the name as written in Arabic is needed", "no_arabic_name")
    elif not any("\u0600" <= ch <= "\u06ff" for ch in trainee.name.arabic):
        bad("name_ar", "the Arabic name holds no Arabic letter", "arabic_not_arabic")
    if not sound_key(trainee.name.arabic or trainee.name.latin):
        bad("name_ar", "the name has no letter to search it by", "no_letters")
    year = trainee.birth_year
    if year is not None and not this_year - 70 <= year <= this_year - 16:
        bad(
            "birth_year",
            f"{year} is not a serving soldier's birth year",
            "bad_birth_year",
            year=year,
        )
    if trainee.rank:
        try:
            Rank.parse(trainee.rank)
        except ValueError as error:
            bad("rank", str(error), "bad_rank", rank=trainee.rank)
    if trainee.governorate and governorate(trainee.governorate) is None:
        bad(
            "governorate",
            f"{trainee.governorate} is not a governorate's p-code (IQG01 to IQG18)",
            "bad_governorate",
            governorate=trainee.governorate,
        )
    found += _vetting_problems(trainee.vetting)
    for language, level in trainee.languages.items():
        if not LANGUAGE.match(language) or not 0 <= level <= TOP_LEVEL:
            bad(
                "languages",
                f"{language}={level}: a two-letter language and a level from 0 to 5",
                "bad_language",
                language=language,
            )
    return found


def _vetting_problems(vetting: Vetting) -> list[Problem]:
    found = []
    settled = vetting.status is not VettingStatus.PENDING
    if settled and (vetting.decided is None or not vetting.authority.strip()):
        found.append(
            Problem(
                f"a {vetting.status.value} vetting names its date and authority",
                field="vetting_date" if vetting.decided is None else "vetting_authority",
                code="trainee.vetting_incomplete",
                params={"status": vetting.status.value},
            )
        )
    if vetting.decided and vetting.valid_until and vetting.valid_until < vetting.decided:
        found.append(
            Problem(
                "the vetting cannot end before it was decided",
                field="vetting_until",
                code="trainee.vetting_ends_early",
            )
        )
    return found
