"""Forecast where a settlement lands on each ordinal issue.

Inputs (the analyst's documented assumptions, all from the dossier): a party's
position is the mean ``Outcome.position`` (0..100) of the outcomes in its current
demand/propose stances; capability ``Party.capability``; salience
``dossier.forecast.salience[party][issue]``. A party lacking any of the three
is left out of that issue (and listed).

Two models, equations in docs/deals.md:

1. the capability × salience weighted mean;
2. Bueno de Mesquita's expected-utility model as formulated by Scholz, Calbert
   and Smith (2011), round by round (risk-neutral, r = 1, by default).

``sensitivity`` reruns both with each party's salience in turn ×0.8 and ×1.2
(capped at 1; the range of results is reported) and with positions resting only
on hedged claims dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any

from parley.analysis import _sql
from parley.analysis.positions import positions
from parley.dossier import Dossier, load_dossier
from parley.store.db import Store


@dataclass(frozen=True)
class Actor:
    code: str
    position: float  # 0..100
    capability: float
    salience: float
    hedged: bool = False  # the position rests only on hedged claims
    claim_ids: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Move:
    actor: str
    by: str  # who made the accepted offer
    kind: str  # conflict | compel | compromise
    old: float
    new: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Round:
    number: int  # 0 = the inputs
    positions: dict[str, float]
    median: float  # the weighted median: the model's forecast this round
    mean: float
    moves: tuple[Move, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "moves": [m.to_dict() for m in self.moves]}


@dataclass(frozen=True)
class IssueForecast:
    issue: str
    actors: tuple[Actor, ...]
    left_out: tuple[str, ...]  # "UN: no salience"
    weighted_mean: float | None
    eu_forecast: float | None  # the median after the last round
    rounds: tuple[Round, ...]
    nearest_outcome: str | None  # the outcome whose position is nearest the EU forecast
    sensitivity: dict[str, dict[str, float | None]]  # scenario -> {mean, eu}

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "actors": [a.to_dict() for a in self.actors],
                "rounds": [r.to_dict() for r in self.rounds]}


# -- the models -----------------------------------------------------------

def weighted_mean(actors: list[Actor] | tuple[Actor, ...]) -> float | None:
    """Σ c·s·x / Σ c·s."""
    w = sum(a.capability * a.salience for a in actors)
    if w <= 0:
        return None
    return sum(a.capability * a.salience * a.position for a in actors) / w


def weighted_median(xs: list[float], ws: list[float]) -> float:
    """The actor position that beats every other in pairwise votes:
    the one minimising Σ_k w_k |x_k − x| (ties: the lower position)."""
    return min(sorted(set(xs)), key=lambda y: sum(w * abs(x - y) for x, w in zip(xs, ws, strict=True)))


def _u(base: float, r: float) -> float:
    return 2 - 4 * base ** r


@dataclass(frozen=True)
class EUParams:
    q: float = 0.5  # probability the status quo holds if i does not challenge
    t: float = 1.0  # probability things get better if it does not hold
    risk: float = 1.0  # r: 1 = risk neutral
    rounds: int = 10
    tolerance: float = 0.05  # stop when no one moves more than this (0..100 scale)


def expected_utility(i: int, j: int, x: list[float], w: list[float], s: list[float], mu: float,
                     p: EUParams) -> float:
    """E^i(Δx_ij): i's expected utility of challenging j (positions on 0..1).

    E = s_j [P U_s + (1−P) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]
    """
    d = abs(x[i] - x[j])
    m = abs(x[i] - mu)
    votes = [wk * (abs(xk - x[j]) - abs(xk - x[i])) for xk, wk in zip(x, w, strict=True)]
    total = sum(abs(v) for v in votes)
    prob = sum(v for v in votes if v > 0) / total if total else 0.5
    r = p.risk
    u_s, u_f = _u(0.5 - 0.5 * d, r), _u(0.5 + 0.5 * d, r)
    u_b, u_w = _u(0.5 - 0.25 * (m + d), r), _u(0.5 + 0.25 * (m + d), r)
    u_sq = _u(0.5, r)
    return (s[j] * (prob * u_s + (1 - prob) * u_f) + (1 - s[j]) * u_s
            - p.q * u_sq - (1 - p.q) * (p.t * u_b + (1 - p.t) * u_w))


def eu_rounds(actors: list[Actor] | tuple[Actor, ...], params: EUParams | None = None) -> list[Round]:
    """Run the expected-utility model; round 0 holds the inputs."""
    p = params or EUParams()
    codes = [a.code for a in actors]
    x = [a.position / 100 for a in actors]
    s = [a.salience for a in actors]
    w = [a.capability * a.salience for a in actors]
    n = len(actors)

    def snapshot(k: int, moves: tuple[Move, ...]) -> Round:
        mu = weighted_median(x, w)
        mean = sum(wi * xi for wi, xi in zip(w, x, strict=True)) / sum(w) if sum(w) else 0.0
        return Round(k, {c: round(v * 100, 4) for c, v in zip(codes, x, strict=True)},
                     round(mu * 100, 4), round(mean * 100, 4), moves)

    rounds = [snapshot(0, ())]
    for k in range(1, p.rounds + 1):
        mu = weighted_median(x, w)
        offers: list[list[tuple[float, str, str]]] = [[] for _ in range(n)]
        for i in range(n):
            for j in range(n):
                if i == j or abs(x[i] - x[j]) < 1e-12:
                    continue
                e_ij = expected_utility(i, j, x, w, s, mu, p)
                e_ji = expected_utility(j, i, x, w, s, mu, p)
                if e_ij <= 0:
                    continue
                if e_ji > 0:  # both expect to gain: the one expecting more wins
                    if e_ij > e_ji:
                        offers[j].append((x[i], codes[i], "conflict"))
                elif e_ij > abs(e_ji):  # i can impose its position
                    offers[j].append((x[i], codes[i], "compel"))
                else:  # j concedes in proportion to the two stakes
                    offers[j].append((x[j] + (x[i] - x[j]) * e_ij / abs(e_ji), codes[i], "compromise"))
        moves = []
        new = list(x)
        for j in range(n):
            if offers[j]:  # the offer asking the least movement
                pos, by, kind = min(offers[j], key=lambda o: (abs(o[0] - x[j]), o[1]))
                new[j] = pos
                moves.append(Move(codes[j], by, kind, round(x[j] * 100, 4), round(pos * 100, 4)))
        moved = max((abs(a - b) for a, b in zip(new, x, strict=True)), default=0.0)
        x = new
        rounds.append(snapshot(k, tuple(moves)))
        if moved * 100 <= p.tolerance:
            break
    return rounds


# -- inputs from the record ---------------------------------------------------

def actors_for(store: Store, issue_code: str, *, dossier: Dossier, as_of: str | None,
               drop_hedged: bool = False, salience_factor: float = 1.0
               ) -> tuple[list[Actor], list[str]]:
    issue = dossier.issue(issue_code)
    pos_of = {o.code: o.position for o in issue.outcomes}
    actors, left_out = [], []
    for pos in positions(store, as_of=as_of, issue=issue_code, dossier=dossier):
        actor = pos.actor
        stances = [st for st in pos.stances
                   if st.act in ("demand", "propose") and pos_of.get(st.outcome or "") is not None]
        if drop_hedged:
            stances = [st for st in stances if not st.hedged]
        if not stances:
            left_out.append(f"{actor}: no demand/proposal with a position"
                            + (" (hedged dropped)" if drop_hedged else ""))
            continue
        try:
            party = dossier.party(actor)
        except KeyError:
            left_out.append(f"{actor}: not a dossier party")
            continue
        sal = dossier.forecast.salience.get(actor, {}).get(issue_code)
        if party.capability is None or sal is None:
            left_out.append(f"{actor}: no {'capability' if party.capability is None else 'salience'}")
            continue
        x = sum(pos_of[st.outcome or ""] or 0 for st in stances) / len(stances)
        actors.append(Actor(actor, x, party.capability, min(1.0, sal * salience_factor),
                            hedged=all(st.hedged for st in stances),
                            claim_ids=tuple(sorted({c for st in stances for c in st.claim_ids}))))
    return actors, left_out


def forecast_actors(issue_code: str, actors: list[Actor], *, dossier: Dossier,
                    params: EUParams | None = None, left_out: tuple[str, ...] = (),
                    sensitivity: dict[str, list[Actor]] | None = None) -> IssueForecast:
    """Both models on given inputs (pure)."""
    rounds = eu_rounds(actors, params) if actors else []
    eu = rounds[-1].median if rounds else None
    nearest = None
    if eu is not None:
        placed = [o for o in dossier.issue(issue_code).outcomes if o.position is not None]
        nearest = min(placed, key=lambda o: abs((o.position or 0) - eu)).code if placed else None
    sens: dict[str, dict[str, float | None]] = {}
    for name, acts in (sensitivity or {}).items():
        r = eu_rounds(acts, params) if acts else []
        sens[name] = {"mean": weighted_mean(acts), "eu": r[-1].median if r else None,
                      "actors": len(acts)}
    if actors:  # one party's salience at a time: a uniform change leaves both models unmoved
        means, eus = [], []
        for k in range(len(actors)):
            for factor in (0.8, 1.2):
                acts = [replace(a, salience=min(1.0, a.salience * factor)) if n == k else a
                        for n, a in enumerate(actors)]
                means.append(weighted_mean(acts))
                eus.append(eu_rounds(acts, params)[-1].median)
        ok = [m for m in means if m is not None]
        sens["salience ±20% (each party)"] = {
            "mean_min": min(ok, default=None), "mean_max": max(ok, default=None),
            "eu_min": min(eus), "eu_max": max(eus), "actors": len(actors)}
    return IssueForecast(issue_code, tuple(actors), tuple(left_out), weighted_mean(actors), eu,
                         tuple(rounds), nearest, sens)


def forecast(
    store: Store,
    *,
    as_of: dt.date | str | None = None,
    dossier: Dossier | None = None,
    issues: list[str] | None = None,
    params: EUParams | None = None,
) -> list[IssueForecast]:
    """Both models for each ordinal issue (or the given ones), with a sensitivity run."""
    dossier = dossier or load_dossier(None)
    until = _sql.iso(as_of)
    codes = issues or [i.code for i in dossier.issues if i.ordinal]
    out = []
    for code in codes:
        actors, left = actors_for(store, code, dossier=dossier, as_of=until)
        sens = {"hedged dropped": actors_for(store, code, dossier=dossier, as_of=until,
                                             drop_hedged=True)[0]}
        out.append(forecast_actors(code, actors, dossier=dossier, params=params,
                                   left_out=tuple(left), sensitivity=sens))
    return out
