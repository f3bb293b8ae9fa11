"""The web app: server-rendered pages (Jinja2) in English and Arabic over the service, for
staff at a mission HQ and at host-nation schools on a network without internet.

`install(app)` is the one registration in `cadre.server.create_app`: the pages, and the
static files (own CSS and JavaScript, served from the package).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from cadre.web.addresses import PlainPageAddresses
from cadre.web.routes import router
from cadre.web.templating import STATIC


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
    # Outside the API's own guard, so a page's bad address gets a page, not the API's JSON.
    app.add_middleware(PlainPageAddresses)
