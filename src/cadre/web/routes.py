"""Every page of the web app on one router, each area's pages in a module of its own."""

from __future__ import annotations

from fastapi import APIRouter

from cadre.web.pages import audit as pages_audit
from cadre.web.pages import brief as pages_brief
from cadre.web.pages import certificate_forms as pages_certificate_forms
from cadre.web.pages import certificates as pages_certificates
from cadre.web.pages import coordination as pages_coordination
from cadre.web.pages import duplicate_forms as pages_duplicate_forms
from cadre.web.pages import force as pages_force
from cadre.web.pages import jobs as pages_jobs
from cadre.web.pages import offers as pages_offers
from cadre.web.pages import pathway as pages_pathway
from cadre.web.pages import pathway_forms as pages_pathway_forms
from cadre.web.pages import people as pages_people
from cadre.web.pages import plans as pages_plans
from cadre.web.pages import records as pages_records
from cadre.web.pages import roster_forms as pages_roster_forms
from cadre.web.pages import session as pages_session
from cadre.web.pages import timetable as pages_timetable
from cadre.web.pages import trainee_forms as pages_trainee_forms
from cadre.web.pages import trainees as pages_trainees
from cadre.web.pages import training as pages_training
from cadre.web.pages import xapi as pages_xapi
from cadre.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
for area in (
    pages_session,
    pages_plans,
    pages_jobs,
    pages_force,
    pages_offers,
    pages_records,
    pages_timetable,
    pages_coordination,
    pages_audit,
    pages_certificates,
    pages_roster_forms,
    pages_certificate_forms,  # after the fixed addresses it would otherwise take
    pages_training,
    pages_pathway,
    pages_pathway_forms,
    pages_trainees,
    pages_duplicate_forms,
    pages_trainee_forms,
    pages_xapi,
    pages_people,
    pages_brief,
):
    router.include_router(area.router)
