"""Deal pages: ``/deals`` lists the deal files, ``/deal/{name}`` evaluates one.

Deal files are read from ``app.state.deals_dir`` if set, else ``$PARLEY_DEALS``,
else ``./examples/deals``, else the repository's ``examples/deals``. Every
page is also JSON (``.json`` suffix or ``Accept: application/json``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from parley.deal import evaluate_deal, load_deal
from parley.deal.evaluate import LABELS, DealEvaluation
from parley.deal.render import cite, summary_rows, territory_rows
from parley.errors import NotFoundError

router = APIRouter()
_LOCK = threading.Lock()  # used only if the app does not share its own lock
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                          autoescape=True)
templates = Jinja2Templates(env=_env)
# fills for the map: what the deal does to each region
FILLS = {"ru_control": "#e63c3c", "ua_control": "#3c7be6", "freeze": "#f0c040"}


def deals_dir(request: Request) -> Path:
    given = getattr(request.app.state, "deals_dir", None) or os.environ.get("PARLEY_DEALS")
    if given:
        return Path(given)
    here = Path.cwd() / "examples" / "deals"
    return here if here.is_dir() else Path(__file__).resolve().parents[3] / "examples" / "deals"


def _wants_json(request: Request) -> bool:
    from parley.web.app import wants_json

    return wants_json(request)


def _respond(request: Request, template: str, data: dict[str, Any], *, force_json: bool) -> Response:
    from parley.cli.options import to_jsonable

    if force_json or _wants_json(request):
        return JSONResponse(to_jsonable(data))
    return templates.TemplateResponse(request, template, {
        "data": data, "page": "deals", "csrf": getattr(request.app.state, "csrf", ""),
        "dossier": request.app.state.dossier, "labels": LABELS, "cite": cite})


def list_deals(directory: Path, dossier: Any) -> list[dict[str, Any]]:
    out = []
    for p in sorted(directory.glob("*.yaml")):
        try:
            d = load_deal(p, dossier=dossier)
            out.append({"name": p.stem, "title": d.title, "date": d.date, "terms": len(d.terms)})
        except Exception as exc:  # a bad file is listed with its problem, not fatal
            out.append({"name": p.stem, "title": None, "date": None, "terms": 0, "error": str(exc)})
    return out


def deal_page(store: Any, dossier: Any, path: Path, *, as_of: str | None = None) -> dict[str, Any]:
    """The evaluation of one deal file, with the map of regions that change hands."""
    from parley.web.views import _geo

    ev: DealEvaluation = evaluate_deal(store, load_deal(path, dossier=dossier), as_of=as_of,
                                       dossier=dossier)
    settled = {r: t.outcome for t in ev.deal.terms if t.issue == "territory" for r in t.regions}
    changes = {c.region: c for c in (ev.territory.regions if ev.territory else ())}
    regions = []
    for g in _geo():
        outcome = settled.get(g["code"])
        c = changes.get(g["code"])
        regions.append({"code": g["code"], "name": g["name"], "d": g["d"], "outcome": outcome,
                        "fill": FILLS.get(outcome or "", "#e8e8e8"),
                        "km2_to_ru": c.km2_to_ru if c else None, "km2_to_ua": c.km2_to_ua if c else None})
    return {"name": path.stem, "evaluation": ev, "summary": summary_rows(ev),
            "territory": territory_rows(ev), "regions": regions}


def _deal_path(request: Request, name: str) -> Path:
    path = deals_dir(request) / f"{name}.yaml"
    if not _NAME.match(name) or not path.is_file():
        raise NotFoundError(f"no deal {name!r}", hint="see /deals")
    return path


def _run(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with getattr(request.app.state, "lock", None) or _LOCK:
        return fn(*args, **kwargs)


@router.get("/deals.json", summary="The deal files the dashboard can evaluate.")
def deals_json(request: Request) -> Response:
    return _respond(request, "deals.html", {"deals": list_deals(deals_dir(request),
                                                                 request.app.state.dossier)},
                    force_json=True)


@router.get("/deals", response_class=HTMLResponse, include_in_schema=False)
def deals_html(request: Request) -> Response:
    return _respond(request, "deals.html", {"deals": list_deals(deals_dir(request),
                                                                 request.app.state.dossier)},
                    force_json=False)


def _as_of(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@router.get("/deal/{name}.json", summary="A deal's verdicts per party and term, and its territory.")
def deal_json(request: Request, name: str, as_of: dt.date | None = None) -> Response:
    data = _run(request, deal_page, request.app.state.store, request.app.state.dossier,
                _deal_path(request, name), as_of=_as_of(as_of))
    return _respond(request, "deal.html", data, force_json=True)


@router.get("/deal/{name}", response_class=HTMLResponse, include_in_schema=False)
def deal_html(request: Request, name: str, as_of: dt.date | None = None) -> Response:
    data = _run(request, deal_page, request.app.state.store, request.app.state.dossier,
                _deal_path(request, name), as_of=_as_of(as_of))
    return _respond(request, "deal.html", data, force_json=False)
