"""``parley serve``: the local dashboard."""

from __future__ import annotations

import ipaddress

import click

from parley.cli import main
from parley.cli.options import db_option, dossier_option, resolve_db
from parley.errors import UsageError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="PARLEY_TOKEN", show_envvar=True, default=None,
              help="Token every write (review, upload) must carry; required off loopback.")
@click.option("--require-token-for-reads", is_flag=True, help="Reads need the token too.")
@click.option("--upload-limit", default=5, show_default=True, type=click.IntRange(1, 1024),
              help="Upload size limit in MB.")
@dossier_option
def serve(db: str | None, host: str, port: int, token: str | None, require_token_for_reads: bool,
          upload_limit: int, dossier: str | None) -> None:
    """Browse the store in a local web app (HTML and JSON)."""
    if not is_loopback(host) and not token:
        raise UsageError(f"refusing to serve on {host} without a token",
                         hint="pass --token or set PARLEY_TOKEN, or bind 127.0.0.1")
    if require_token_for_reads and not token:
        raise UsageError("--require-token-for-reads needs --token")
    import uvicorn

    from parley.web import create_app

    app = create_app(resolve_db(db), dossier=dossier, token=token,
                     require_token_for_reads=require_token_for_reads,
                     upload_limit_bytes=upload_limit * 1024 * 1024)
    click.echo(f"parley dashboard on http://{host}:{port}/" + (" (token required)" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")
