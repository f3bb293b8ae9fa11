"""The mission brief's sentences (interchange/brief_pdf.py), listed here so the catalogue
extraction finds them; the brief asks for them in its language through `words_in`, as the CLI
does, and a test checks that every sentence the brief asks for is one of these."""

from __future__ import annotations

from cadre.web.i18n import N_

BRIEF_TEXTS = frozenset(
    {
        N_("Mission brief"),
        N_("Made on %(day)s for %(reader)s."),
        N_("From %(start)s to %(end)s."),
        N_("Headline figures"),
        N_("Peak training force"),
        N_("Whole deployed force at its peak"),
        N_("instructors"),
        N_("people"),
        N_("instructors in %(month)s"),
        N_("people in %(month)s"),
        N_("Adopted capacity plan, version %(n)s."),
        N_("No capacity plan is adopted and released to you."),
        N_(
            "Runs are continuous: a fraction of a run is a share of a month's teaching, "
            "not a class."
        ),
        N_(
            "Whole runs: %(unmet)s more people unmet than the continuous plan, which no "
            "whole-run plan can beat."
        ),
        N_("Force by month"),
        N_("Ranges from capacity sweep %(n)s: P10 to P90 over the uncertain figures."),
        N_("No capacity sweep gives ranges for this plan."),
        N_("Month"),
        N_("Instructors"),
        N_("Whole force"),
        N_("Handover timeline"),
        N_("Discipline"),
        N_("Handover"),
        N_("Target"),
        N_("beyond the horizon"),
        N_("Could hand over from"),
        N_("Fill and shortfalls"),
        N_("Force plan %(n)s: %(filled)s of %(required)s post-months filled (%(share)s)."),
        N_("Critical posts: %(filled)s of %(required)s post-months filled."),
        N_("No force plan is released to you."),
        N_("Line"),
        N_("Post-months short"),
        N_("From – to"),
        N_("Most empty at once"),
        N_("%(shown)s of %(count)s shortfalls shown."),
        N_("No shortfall."),
        N_("Coordination gaps"),
        N_("Governorate"),
        N_("Demand"),
        N_("Covered"),
        N_("Short"),
        N_("No coordination gap."),
        N_("The coordination register is not released to you."),
    }
)
