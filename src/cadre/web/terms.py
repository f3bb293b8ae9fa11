"""The words of the mission that reach the pages as codes (a role, a delivery mode, a site's
kind, a job's status), marked here so `make messages` extracts them for translation."""

from __future__ import annotations

from cadre.web import i18n


def N_(message: str) -> str:
    return message


TERMS = (
    # roles
    N_("mission planner"),
    N_("force generation officer"),
    N_("school staff"),
    N_("instructor"),
    N_("national contributor"),
    N_("host nation liaison"),
    N_("coordination partner"),
    N_("auditor"),
    N_("administrator"),
    # contributors
    N_("host"),
    N_("ally"),
    N_("partner"),
    N_("organisation"),
    # sites
    N_("school"),
    N_("academy"),
    N_("training centre"),
    N_("headquarters"),
    N_("abroad"),
    # delivery and run modes
    N_("resident"),
    N_("mobile training team"),
    N_("out of country"),
    N_("host led"),
    # plans and jobs
    N_("sizing"),
    N_("check"),
    # the plan lifecycle, and the figures adopting a plan compares
    N_("draft"),
    N_("adopted"),
    N_("superseded"),
    N_("peak deployed"),
    N_("peak force"),
    N_("instructor months"),
    N_("unmet"),
    N_("runs"),
    N_("placed"),
    N_("unplaced"),
    N_("moved"),
    N_("weighted share"),
    N_("unrelieved gaps"),
    N_("optimal"),
    N_("feasible"),
    N_("stopped"),
    N_("infeasible"),
    N_("queued"),
    N_("running"),
    N_("succeeded"),
    N_("failed"),
    N_("cancelled"),
    # requirement lines
    N_("critical"),
    N_("essential"),
    N_("desirable"),
    N_("teaching"),
    N_("adviser"),
    N_("force protection"),
    N_("support"),
    # course levels
    N_("basic"),
    N_("advanced"),
    N_("master"),
    N_("education"),
    # record kinds
    N_("contributors"),
    N_("sites"),
    N_("disciplines"),
    N_("qualifications"),
    N_("courses"),
    N_("caveats"),
    N_("pledges"),
    N_("trainers"),
    N_("cohorts"),
    N_("requirements"),
    # timetable
    N_("site"),
    N_("cohort"),
    N_("week"),
    N_("month"),
    # coordination: activity types and statuses
    N_("training"),
    N_("advising"),
    N_("equipping"),
    N_("infrastructure"),
    N_("planned"),
    N_("ongoing"),
    N_("completed"),
    # the fields of records, as lists and forms name them
    N_("allowed regions"),
    N_("allowed sites"),
    N_("arabic"),
    N_("clearance"),
    N_("code"),
    N_("count"),
    N_("criticality"),
    N_("delivery modes"),
    N_("discipline"),
    N_("duration days"),
    N_("end"),
    N_("forbidden modes"),
    N_("forbidden regions"),
    N_("forbidden sites"),
    N_("grants"),
    N_("holidays"),
    N_("hypothetical"),
    N_("in theatre from"),
    N_("in theatre to"),
    N_("instructor qualification"),
    N_("instructors per run"),
    N_("kind"),
    N_("language"),
    N_("latin"),
    N_("level"),
    N_("max class size"),
    N_("max tour months"),
    N_("min class size"),
    N_("mode"),
    N_("name"),
    N_("nation"),
    N_("note"),
    N_("number"),
    N_("pass rate"),
    N_("pledge"),
    N_("prerequisites"),
    N_("protects"),
    N_("qualification"),
    N_("rank band"),
    N_("region"),
    N_("restrictions"),
    N_("role"),
    N_("rooms"),
    N_("size"),
    N_("start"),
    N_("time zone"),
    N_("title"),
    N_("tour months"),
    N_("unit"),
    N_("working week"),
)


def field(name: str) -> str:
    """A record's field path as a label in the reader's language: `rooms.capacity` →
    "rooms: capacity", each part a term; `names.ar` → "name in Arabic"."""
    if name.startswith("names."):
        language = i18n.language_name(name.removeprefix("names."))
        return i18n.gettext_(N_("name in %(language)s")) % {"language": language}
    return ": ".join(term(part) for part in name.split("."))


def term(value: object) -> str:
    """A code as a word in the reader's language: `training_centre` → "training centre"."""
    text = str(getattr(value, "value", value)).replace("_", " ").replace("-", " ")
    return i18n.gettext_(text)
