"""The dashboard: a FastAPI app over the store and analysis, HTML and JSON.

Every page ``/x`` is also ``/x.json`` (or ``Accept: application/json``); the
JSON routes are described by ``/openapi.json``. Writes (reviews and edits, added
claims, uploads) are POSTs that carry the per-app CSRF token and, when the app has
an access token, that token too; they go through the same library calls as the CLI.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import inspect
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley.dossier import Dossier, load_dossier
from parley.errors import ParleyError, UsageError
from parley.extract.records import ACTS, SOURCE_KINDS
from parley.store import corrections, queries
from parley.store.db import Store
from parley.web import views

HERE = Path(__file__).parent
DEFAULT_UPLOAD_LIMIT = 5 * 1024 * 1024
TOKEN_COOKIE = "parley_token"
CACHE_SIZE = 256


class HTTPError(Exception):
    """A 4xx the app raises itself (auth, CSRF, size)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _to_json(obj: Any) -> Any:
    from parley.cli.options import to_jsonable  # one JSON conversion for CLI and web

    return to_jsonable(obj)


def _verbatim(text: str) -> Markup:
    """Escaped text whose DOM keeps every character: the HTML parser would turn CR (and
    CRLF) into LF and drop NUL, so the browser's character offsets would drift."""
    return Markup(str(escape(text)).replace("\r", "&#13;").replace("\x00", "&#0;"))


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    if "json" in request.headers.get("content-type", ""):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def create_app(
    db_path: str | Path,
    *,
    dossier: Dossier | str | None = None,
    token: str | None = None,
    require_token_for_reads: bool = False,
    upload_limit_bytes: int = DEFAULT_UPLOAD_LIMIT,
) -> FastAPI:
    """The dashboard app over the database at ``db_path``."""
    d = dossier if isinstance(dossier, Dossier) else load_dossier(dossier)
    store = Store(db_path)
    lock = threading.Lock()  # one SQLite connection, used by one request at a time
    csrf_secret = secrets.token_urlsafe(32)
    # Page data is cached until the database changes: data_version moves when
    # another connection (a CLI ingest) commits; ``writes`` when this app writes.
    cache: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
    writes = [0]

    def state() -> tuple[int, int]:
        return int(store.conn.execute("PRAGMA data_version").fetchone()[0]), writes[0]
    # autoescape everywhere: report text and metadata are untrusted
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True)
    env.filters["verbatim"] = _verbatim
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # compile at start, not in a page's first request (10-20 ms each)
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(csrf=csrf_secret, dossier=d, split_snippet=views.split_snippet,
                                 has_deals=False)

    def check_token(request: Request) -> None:
        if not token:
            return
        given = (request.headers.get("x-parley-token")
                 or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
                 or request.cookies.get(TOKEN_COOKIE) or request.query_params.get("token"))
        if not given:
            raise HTTPError(401, "this server needs a token (X-Parley-Token header or ?token=)")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPError(403, "wrong token")

    def check_read(request: Request) -> None:
        if require_token_for_reads and request.url.path not in ("/static/style.css",):
            check_token(request)

    async def check_write(request: Request) -> None:
        check_token(request)
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin and origin != "null":
            host = urlsplit(origin).netloc
            if host and host != request.headers.get("host"):
                raise HTTPError(403, f"cross-site request refused (origin {host})")
        given = request.headers.get("x-csrf-token")
        if not given and "form" in request.headers.get("content-type", ""):
            length = int(request.headers.get("content-length") or 0)
            if length > upload_limit_bytes:
                raise HTTPError(413, f"request larger than the upload limit ({upload_limit_bytes} bytes)")
            form = await request.form()
            given = str(form.get("csrf") or "")
        if not given or not hmac.compare_digest(given.encode(), csrf_secret.encode()):
            raise HTTPError(403, "missing or wrong CSRF token (reload the page)")

    app = FastAPI(title="parley dashboard", version="1", dependencies=[Depends(check_read)],
                  docs_url="/docs", redoc_url=None)
    app.state.store = store
    app.state.dossier = d
    app.state.csrf = csrf_secret
    app.state.lock = lock  # the deal routes share it
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        # defence in depth besides escaping: no inline or foreign scripts, no framing
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    # -- errors: a clear message, never a stack trace -----------------------
    def error_response(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    @app.exception_handler(ParleyError)
    async def _parley_error(request: Request, exc: ParleyError) -> Response:
        return error_response(request, exc.http_status, str(exc))

    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError) -> Response:
        return error_response(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _starlette_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
        return error_response(request, 422, f"bad request: {problems}")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    # -- pages ----------------------------------------------------------------
    def page(path: str, template: str, *, name: str) -> Callable[[Callable[..., dict[str, Any]]], Any]:
        """Register ``fn`` at ``path`` (HTML or JSON) and ``path.json`` (JSON, documented)."""

        def register(fn: Callable[..., dict[str, Any]]) -> Any:
            sig = inspect.signature(fn)
            params = [p for p in sig.parameters.values() if p.name != "request"]
            req = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=Request)

            def run(request: Request, kwargs: dict[str, Any]) -> dict[str, Any]:
                with lock:
                    key = (name, tuple(sorted(kwargs.items())), dt.date.today(), state())
                    if key in cache:
                        cache.move_to_end(key)
                        return cache[key]
                    data = fn(**kwargs)
                    cache[key] = data
                    if len(cache) > CACHE_SIZE:
                        cache.popitem(last=False)
                    return data

            @functools.wraps(fn)
            def as_json(request: Request, **kwargs: Any) -> Any:
                return JSONResponse(_to_json(run(request, kwargs)))

            @functools.wraps(fn)
            def as_page(request: Request, **kwargs: Any) -> Any:
                data = run(request, kwargs)
                if wants_json(request):
                    return JSONResponse(_to_json(data))
                return templates.TemplateResponse(request, template, {"data": data, "page": name})

            for w in (as_json, as_page):
                del w.__wrapped__  # FastAPI reads __signature__ instead
                w.__signature__ = sig.replace(parameters=[req, *params])  # type: ignore[attr-defined]
            app.add_api_route(path + ".json" if path != "/" else "/index.json", as_json,
                              methods=["GET"], name=name + "_json", summary=fn.__doc__)
            app.add_api_route(path, as_page, methods=["GET"], name=name, include_in_schema=False,
                              response_class=HTMLResponse)
            return fn

        return register

    @page("/", "overview.html", name="overview")
    def overview(as_of: dt.date | None = None) -> dict[str, Any]:
        """Positions matrix: parties x issues as of a date."""
        return views.overview(store, d, as_of=as_of.isoformat() if as_of else None)

    @page("/issue/{code}", "issue.html", name="issue")
    def issue(code: str, as_of: dt.date | None = None) -> dict[str, Any]:
        """Every party's timeline on one issue, conflicts and zone of agreement."""
        return views.issue_page(store, d, code, as_of=as_of.isoformat() if as_of else None)

    @page("/party/{code}", "party.html", name="party")
    def party(code: str, as_of: dt.date | None = None,
              since: dt.date | None = None) -> dict[str, Any]:
        """A party's stances as of a date, its shifts and contradictions since a date."""
        return views.party_page(store, d, code, as_of=as_of.isoformat() if as_of else None,
                                since=since.isoformat() if since else None)

    @page("/map", "map.html", name="map")
    def map_(party: str | None = None, as_of: dt.date | None = None) -> dict[str, Any]:
        """Regions shaded by control share; a party's stance per region."""
        return views.map_page(store, d, party=party or None,
                              as_of=as_of.isoformat() if as_of else None)

    @page("/report/{report_id}", "report.html", name="report")
    def report(report_id: int) -> dict[str, Any]:
        """A report's text with highlighted claim evidence, its story, metadata and the
        codes a claim may take (``choices``, for edits and added claims)."""
        return views.report_page(store, d, report_id)

    @page("/claim/{claim_id}", "claim.html", name="claim")
    def claim(claim_id: int) -> dict[str, Any]:
        """One claim with its review history."""
        c = queries.get_claim(store, claim_id)
        return {"claim": c, "history": corrections.list_corrections(store, report_id=c.report_id)}

    @app.get("/evidence/{claim_id}", name="evidence", include_in_schema=False)
    def evidence(claim_id: int) -> Any:
        """A claim's evidence: its highlight in its report."""
        with lock:
            c = queries.get_claim(store, claim_id)
        return RedirectResponse(f"/report/{c.report_id}#claim-{c.id}", status_code=303)

    @page("/claims", "claims.html", name="claims")
    def claims(actor: str | None = None, issue: str | None = None, status: str | None = None,
               since: dt.date | None = None, until: dt.date | None = None, order: str = "-date",
               page: int = 1) -> dict[str, Any]:
        """Claims, filtered and sorted, 100 a page."""
        return views.claims_page(store, actor=actor, issue=issue, status=status, since=since,
                                 until=until, order=order, page=page)

    @page("/search", "search.html", name="search")
    def search(q: str | None = None) -> dict[str, Any]:
        """Full-text search over reports (SQLite FTS5 syntax)."""
        return views.search_page(store, q)

    @page("/brief", "brief.html", name="brief")
    def brief(since: dt.date | None = None, until: dt.date | None = None) -> dict[str, Any]:
        """The brief for a period (default: the 30 days up to today)."""
        return views.brief_page(store, d, since=since, until=until)

    @page("/upload", "upload.html", name="upload")
    def upload_form() -> dict[str, Any]:
        """The upload form and the size limit."""
        return {"limit_bytes": upload_limit_bytes, "results": None}

    # -- writes ---------------------------------------------------------------
    @app.post("/claim/{claim_id}/review", name="review", dependencies=[Depends(check_write)],
              openapi_extra=REVIEW_BODY)
    async def review(request: Request, claim_id: int) -> Any:
        """Accept, reject or edit a claim (a correction, as `parley claims accept|reject|edit`).

        Form or JSON body. An edit sets the fields given (JSON: in ``changes``); an
        empty outcome, when, source or regions clears it, as ``''`` does on the CLI.
        """
        body = await _read_body(request)
        action = str(body.get("action") or "")
        note, author = body.get("note") or None, body.get("author") or None
        with lock:
            writes[0] += 1
            if action == "accept":
                c = corrections.accept_claim(store, claim_id, note=note, author=author)
            elif action == "reject":
                c = corrections.reject_claim(store, claim_id, note=note, author=author)
            elif action == "edit":
                changes = body.get("changes") if isinstance(body, dict) else None
                if changes is None:
                    changes = _claim_fields(body)
                if not isinstance(changes, dict) or not changes:
                    raise UsageError("edit needs at least one field to change")
                c = corrections.edit_claim(store, claim_id, changes=_json_fields(changes), note=note,
                                           author=author, dossier=d)
            else:
                raise UsageError(f"unknown action {action!r}", hint="use accept, reject or edit")
        if wants_json(request):
            return JSONResponse(_to_json(c))
        return RedirectResponse(f"/report/{c.report_id}#claim-{c.id}", status_code=303)

    @app.post("/report/{report_id}/claims", name="add_claim", dependencies=[Depends(check_write)],
              status_code=201, openapi_extra=ADD_BODY)
    async def add_claim(request: Request, report_id: int) -> Any:
        """Add a claim the machine missed (as `parley claims add`); its evidence is the
        report's text[start:end], offsets in characters (code points) of the full text.

        ``text``, when sent, must be that evidence (whitespace aside): a guard against
        offsets counted some other way. Form or JSON body.
        """
        body = await _read_body(request)
        start, end = _offset(body, "start"), _offset(body, "end")
        # JSON: every other key is a claim field (unknown ones are refused by name)
        fields = ({k: v for k, v in body.items() if k not in _NOT_FIELDS} if isinstance(body, dict)
                  else _claim_fields(body))
        text = body.get("text")
        with lock:
            if text is not None:
                rep = queries.get_report(store, report_id)
                _check_evidence(rep.text, report_id, start, end, str(text))
            writes[0] += 1
            c = corrections.add_claim(store, report_id, start=start, end=end, fields=_json_fields(fields),
                                      note=body.get("note") or None, author=body.get("author") or None,
                                      dossier=d)
        if wants_json(request):
            return JSONResponse(_to_json(c), status_code=201)
        return RedirectResponse(f"/report/{c.report_id}#claim-{c.id}", status_code=303)

    @app.post("/upload", name="upload_post", dependencies=[Depends(check_write)])
    async def upload(request: Request) -> Any:
        """Ingest uploaded files (the same code path and errors as `parley ingest`)."""
        length = int(request.headers.get("content-length") or 0)
        if length > upload_limit_bytes:
            raise HTTPError(413, f"upload larger than the limit ({upload_limit_bytes} bytes)")
        form = await request.form()
        files = [f for f in form.getlist("files") if hasattr(f, "read")]
        if not files:
            raise UsageError("no files uploaded", hint="choose one or more report files")
        outlet = str(form.get("outlet") or "") or None
        date = str(form.get("date") or "") or None
        tmp = Path(tempfile.mkdtemp(prefix="parley-upload-"))
        try:
            paths, total = [], 0
            for n, f in enumerate(files):
                data = await f.read()  # type: ignore[union-attr]
                total += len(data)
                if total > upload_limit_bytes:
                    raise HTTPError(413, f"upload larger than the limit ({upload_limit_bytes} bytes)")
                # only the base name is kept, inside our own temp folder
                name = Path(str(getattr(f, "filename", "") or f"upload-{n}.txt")).name or f"upload-{n}"
                target = tmp / f"{n:03d}" / name
                target.parent.mkdir()
                target.write_bytes(data)
                paths.append(target)
            with lock:
                writes[0] += 1
                results = _ingest(store, d, paths, date=date, outlet=outlet, root=tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        # every file failed -> 422, as `parley ingest` exits 1; partial success is a 200
        failed = bool(results["failed"]) and not any(results["summary"].values())
        data = {"limit_bytes": upload_limit_bytes, "results": results}
        if wants_json(request):
            return JSONResponse(data, status_code=422 if failed else 200)
        return templates.TemplateResponse(request, "upload.html", {"data": data, "page": "upload"},
                                          status_code=422 if failed else 200)

    @app.get("/login", include_in_schema=False)
    def login(request: Request, token_: str | None = None) -> Any:
        """``/login?token=...`` keeps the token in a same-site cookie for the browser."""
        given = request.query_params.get("token") or ""
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPError(403, "wrong token")
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
        return resp

    try:  # the deal pages, when that layer is installed
        from parley.web.deal_routes import router as deal_router
    except ModuleNotFoundError as exc:
        if exc.name != "parley.web.deal_routes":
            raise
    else:
        app.include_router(deal_router)
        templates.env.globals["has_deals"] = True

    return app


# -- claim writes: bodies from forms or JSON ----------------------------------
_NOT_FIELDS = frozenset({"start", "end", "text", "note", "author", "csrf", "action", "changes"})
_FIELD_SCHEMA: dict[str, Any] = {
    "actor": {"type": "string", "description": "party code of the dossier"},
    "act": {"type": "string", "enum": list(ACTS)},
    "issue": {"type": "string", "description": "issue code of the dossier"},
    "outcome": {"type": ["string", "null"], "description": "an outcome of the issue; null: none"},
    "regions": {"type": "array", "items": {"type": "string"}, "description": "ISO 3166-2 codes"},
    "hedged": {"type": "boolean"},
    "conditional": {"type": "boolean"},
    "when": {"type": ["string", "null"], "description": "YYYY, YYYY-MM, YYYY-MM-DD or past"},
    "source_kind": {"type": "string", "enum": list(SOURCE_KINDS)},
    "source_count": {"type": ["integer", "null"]},
    "source": {"type": ["string", "null"]},
}
_NOTE_SCHEMA = {"note": {"type": "string"}, "author": {"type": "string"}}


def _body_doc(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema},
        "application/x-www-form-urlencoded": {"schema": schema}}}}


REVIEW_BODY = _body_doc({"type": "object", "required": ["action"], "properties": {
    "action": {"type": "string", "enum": ["accept", "reject", "edit"]},
    "changes": {"type": "object", "properties": _FIELD_SCHEMA,
                "description": "edit: the fields to set (forms send them at the top level)"},
    **_NOTE_SCHEMA}})
ADD_BODY = _body_doc({"type": "object", "required": ["start", "end", "actor", "act", "issue"],
                      "properties": {
    "start": {"type": "integer", "description": "evidence start: code points into the full text"},
    "end": {"type": "integer", "description": "evidence end (exclusive)"},
    "text": {"type": "string", "description": "the evidence, checked against text[start:end]"},
    **_FIELD_SCHEMA, **_NOTE_SCHEMA}})


async def _read_body(request: Request) -> Any:
    """A JSON object (dict) or the submitted form (``getlist`` keeps repeated fields)."""
    if "json" in request.headers.get("content-type", ""):
        try:
            body = await request.json()
        except ValueError:
            raise UsageError("body is not JSON") from None
        if not isinstance(body, dict):
            raise UsageError("body must be a JSON object")
        return body
    return await request.form()


def _claim_fields(body: Any) -> dict[str, Any]:
    """The claim fields a body sets. A form's regions come as repeated values (a hidden
    empty one lets a form clear them); a checkbox after its hidden "no" wins."""
    if isinstance(body, dict):
        return {k: v for k, v in body.items() if k in corrections.EDITABLE}
    out: dict[str, Any] = {}
    for key in corrections.EDITABLE:
        values = [str(v) for v in body.getlist(key)]
        if values:
            out[key] = [v for v in values if v] if key == "regions" else values[-1]
    return out


def _json_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """JSON nulls and shapes the library's checks take (a null region list is none)."""
    out = dict(fields)
    if "regions" in out:
        regions = out["regions"]
        if regions is None:
            out["regions"] = []
        elif not isinstance(regions, (list, str)):
            raise UsageError("regions must be a list of region codes")
    return out


def _offset(body: Any, name: str) -> int:
    value = body.get(name)
    if value is None or value == "":
        raise UsageError(f"{name} is missing", hint="character offsets of the evidence in the report")
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise UsageError(f"{name} must be a whole number, not {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


def _check_evidence(full: str, report_id: int, start: int, end: int, text: str) -> None:
    if not 0 <= start < end <= len(full):
        return  # the library names the bad span
    if text.split() != full[start:end].split():
        raise UsageError(f"the text sent is not report {report_id}'s text at {start}:{end}",
                         hint="offsets count characters (code points) of the full text; reload and select again")


def _ingest(store: Store, dossier: Dossier, paths: list[Path], *, date: str | None,
            outlet: str | None, root: Path) -> dict[str, Any]:
    """Ingest with the library's ``ingest`` (as `parley ingest`); names shown without temp dirs."""
    day = dt.date.fromisoformat(date) if date else None

    def shown(p: Any) -> str:
        try:
            return Path(str(p)).relative_to(root).parts[-1]
        except ValueError:
            return Path(str(p)).name

    from parley.store.ingest import ingest

    summary = ingest(store, [str(p) for p in paths], dossier=dossier, date=day, outlet=outlet)
    failed = [{"file": shown(path), "status": "error", "detail": problem.replace(str(root), "")}
              for path, problem in summary.failed]
    counts = {k: getattr(summary, k) for k in ("new", "unchanged", "new_versions", "duplicates",
                                                "claims", "controls")}
    return {"summary": counts, "failed": failed, "run_id": summary.run_id}
