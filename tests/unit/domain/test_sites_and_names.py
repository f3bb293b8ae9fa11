"""Working days at a site and how host-nation names are searched."""

from __future__ import annotations

import datetime as dt

from cadre.domain.host import HostName, search_key
from cadre.domain.sites import Holiday, Site, SiteKind


def test_iraqi_site_works_sunday_to_thursday_and_not_on_holidays() -> None:
    eid = Holiday("Eid al-Fitr", dt.date(2019, 6, 4), dt.date(2019, 6, 6))
    site = Site("TAJI", "Taji", SiteKind.TRAINING_CENTRE, "Baghdad", holidays=(eid,))
    # 2 June 2019 was a Sunday; Eid closed Tuesday to Thursday that week.
    assert site.working_days(dt.date(2019, 6, 1), dt.date(2019, 6, 15)) == [
        dt.date(2019, 6, 2),
        dt.date(2019, 6, 3),
        dt.date(2019, 6, 9),
        dt.date(2019, 6, 10),
        dt.date(2019, 6, 11),
        dt.date(2019, 6, 12),
        dt.date(2019, 6, 13),
    ]


def test_search_key_ignores_diacritics_hamza_forms_and_case() -> None:
    assert search_key("أكاديمية") == search_key("اكاديميه")
    assert search_key("مَدْرَسَة") == search_key("مدرسه")
    assert search_key("Ar-Rustamiyah") == search_key("ar rustamiyah")
    assert search_key("Rustamīyah") == search_key("rustamiyah")


def test_host_name_key_holds_both_scripts() -> None:
    name = HostName("الأكاديمية العسكرية", "al-Akadimiya al-Askariya")
    assert name.key == "الاكاديميه العسكريه al akadimiya al askariya"
