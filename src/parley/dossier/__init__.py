"""Dossiers: the negotiation as data (parties, issues, regions, lexicons)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from parley.dossier.schema import Dossier, Issue, Outcome, Party, Region, RegionGroup, TokenPattern
from parley.errors import DossierError
from parley.yamlfile import load_model, read_yaml

DEFAULT_DOSSIER = "russia-ukraine"

__all__ = [
    "DEFAULT_DOSSIER",
    "Dossier",
    "Issue",
    "Outcome",
    "Party",
    "Region",
    "RegionGroup",
    "TokenPattern",
    "builtin_dossiers",
    "load_dossier",
]


def builtin_dossiers() -> list[str]:
    root = resources.files("parley.dossier") / "builtin"
    return sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".yaml"))


def _builtin_path(name: str) -> Path:
    return Path(str(resources.files("parley.dossier") / "builtin" / f"{name}.yaml"))


def load_dossier(source: str | Path | None = None) -> Dossier:
    """Load a dossier by built-in name or file path (default: russia-ukraine).

    Raises DossierError listing every problem with its file, line and path.
    """
    if source is None:
        source = DEFAULT_DOSSIER
    src = str(source)
    if src in builtin_dossiers():
        return _load_cached(str(_builtin_path(src)))
    path = Path(src)
    if not path.exists():
        raise DossierError(
            f"{src}: no such dossier file",
            hint=f"built-in dossiers: {', '.join(builtin_dossiers())}",
        )
    return _load_file(path)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Dossier:
    return _load_file(Path(path))


def _load_file(path: Path) -> Dossier:
    data, lines = read_yaml(path, DossierError)
    if not isinstance(data, dict):
        raise DossierError(f"{path}:1: a dossier must be a mapping with parties, issues, ...")
    return load_model(Dossier, data, name=str(path), lines=lines, error_cls=DossierError, what="dossier")
