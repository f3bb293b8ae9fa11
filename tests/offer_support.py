"""A sourcing round of many offers, for the tests of paging: each nation's workbook sent with
as many rows as asked, every row its own offer."""

from __future__ import annotations

import datetime as dt
import pathlib

from cadre.services.force import offers as force_offers
from cadre.services.unit_of_work import UnitOfWork
from tests.pledge_factory import make_workbook, row

ON = dt.date(2018, 10, 1)


def send_offers(work: UnitOfWork, folder: pathlib.Path, nation: str, how_many: int) -> None:
    """`how_many` offers of `nation` in round R1, coded `<nation>-R1-<nation>-000` onwards."""
    rows = [r for i in range(how_many) for r in row(reference=f"{nation}-{i:03d}", caveat_1=None)]
    book = make_workbook(folder / f"{nation}.xlsx", rows=rows, nation=nation)
    force_offers.import_offers(work, book, round_code="R1", today=ON)
