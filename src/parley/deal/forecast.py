"""Forecast where a settlement lands on each ordinal issue.

Inputs (the analyst's documented assumptions, all from the dossier): a party's
position is the mean ``Outcome.position`` (0..100) of the outcomes in its current
demand/propose stances; capability ``Party.capability``; salience
``dossier.forecast.salience[party][issue]``. A party lacking any of the three
is left out of that issue (and listed).

Two models, equations in docs/deals.md:

1. the capability × salience weighted mean;
2. Bueno de Mesquita's expected-utility model as formulated by Scholz, Calbert
   and Smith (2011), round by round, with each actor's risk exponent r_i derived
   every round from the spread of the actors' expected utilities. It was written
   from the published description without the paper at hand (see docs/deals.md
   for every equation and what to check); it is deterministic and stops when the
   forecast has settled or at a round cap, and says which.

``sensitivity`` reruns both with each party's salience in turn ×0.8 and ×1.2
(capped at 1; the range of results is reported) and with positions resting only
on hedged claims dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
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
    """An offer made by ``by`` to ``actor``; in ``Round.moves`` the one it accepted."""

    actor: str
    by: str  # who made the offer
    kind: str  # conflict | capitulation | compromise
    old: float
    new: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Round:
    number: int  # 0 = the inputs
    positions: dict[str, float]  # at the end of the round (0..100)
    median: float  # the weighted median: the model's forecast after this round
    mean: float
    moves: tuple[Move, ...]  # the offers accepted (one per actor at most)
    risk: dict[str, float] = field(default_factory=dict)  # r_i used this round
    risk_acceptance: dict[str, float] = field(default_factory=dict)  # R_i
    offers: tuple[Move, ...] = ()  # every offer made this round

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "moves": [m.to_dict() for m in self.moves],
                "offers": [m.to_dict() for m in self.offers]}


@dataclass(frozen=True)
class EURun:
    """The expected-utility model's rounds and why it stopped."""

    rounds: tuple[Round, ...]
    stop: str  # "converged" | "cycle" (a state repeats: it would repeat forever) | "max_rounds"
    detail: str

    @property
    def forecast(self) -> float:
        return self.rounds[-1].median


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
    stop: str | None = None  # converged | cycle | max_rounds (None: no actors)
    stop_detail: str = ""

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
    the one minimising Σ_k w_k |x_k − x| (ties: the lower position).
    Only positions held with some weight are candidates."""
    cands = sorted({x for x, w in zip(xs, ws, strict=True) if w > 0}) or sorted(set(xs))
    return min(cands, key=lambda y: sum(w * abs(x - y) for x, w in zip(xs, ws, strict=True)))


@dataclass(frozen=True)
class EUParams:
    q: float = 0.5  # Q: probability the status quo holds if i does not challenge
    t: float = 1.0  # T: probability it gets better for i if the status quo does not hold
    risk: bool = True  # derive each actor's r_i every round; False: everyone r = 1
    max_rounds: int = 50
    tolerance: float = 0.1  # a round is settled when the forecast moves less (0..100 scale)
    patience: int = 3  # settled rounds in a row that count as converged


@dataclass(frozen=True)
class Utilities:
    """Actor i's utilities against j, positions on 0..1 (the scale width d = 1)."""

    success: float  # U^s = 2 − 4(0.5 − 0.5|x_i − x_j|)^r
    failure: float  # U^f = 2 − 4(0.5 + 0.5|x_i − x_j|)^r
    better: float  # U^b = 2 − 4(0.5 − 0.25(|x_i − μ| + |x_i − x_j|))^r
    worse: float  # U^w = 2 − 4(0.5 + 0.25(|x_i − μ| + |x_i − x_j|))^r
    status_quo: float  # U^sq = 2 − 4(0.5)^r


def utilities(xi: float, xj: float, mu: float, r: float = 1.0) -> Utilities:
    def u(base: float) -> float:
        return 2 - 4 * max(base, 0.0) ** r  # max: float noise must not make a base negative

    d, m = abs(xi - xj), abs(xi - mu)
    return Utilities(u(0.5 - 0.5 * d), u(0.5 + 0.5 * d), u(0.5 - 0.25 * (m + d)),
                     u(0.5 + 0.25 * (m + d)), u(0.5))


def success_probability(i: int, j: int, x: list[float], w: list[float]) -> float:
    """P_ij = Σ_{v_k>0} v_k / Σ_k |v_k|, v_k = w_k (|x_k − x_j| − |x_k − x_i|): every actor
    (i and j included) votes for the position it is nearer, with weight c_k·s_k."""
    votes = [wk * (abs(xk - x[j]) - abs(xk - x[i])) for xk, wk in zip(x, w, strict=True)]
    total = sum(abs(v) for v in votes)
    return sum(v for v in votes if v > 0) / total if total else 0.5


def expected_utility(i: int, j: int, x: list[float], w: list[float], s: list[float], mu: float,
                     p: EUParams, r: float = 1.0) -> float:
    """EU_i(Δx_ij): i's expected utility of challenging j (positions on 0..1), with i's r.

    EU = s_j [P U^s + (1−P) U^f] + (1 − s_j) U^s − Q U^sq − (1 − Q)[T U^b + (1 − T) U^w]
    """
    prob = success_probability(i, j, x, w)
    u = utilities(x[i], x[j], mu, r)
    return (s[j] * (prob * u.success + (1 - prob) * u.failure) + (1 - s[j]) * u.success
            - p.q * u.status_quo - (1 - p.q) * (p.t * u.better + (1 - p.t) * u.worse))


def risk_attitudes(sums: list[float]) -> tuple[list[float], list[float]]:
    """(R_i, r_i) from each actor's Σ_j EU_i(Δx_ij) computed at r = 1:
    R_i = (2 S_i − S_max − S_min) / (S_max − S_min) in [−1, 1] (1: the most risk-acceptant),
    r_i = (1 − R_i/3) / (1 + R_i/3) in [0.5, 2]. All sums equal: R = 0, r = 1."""
    hi, lo = max(sums, default=0.0), min(sums, default=0.0)
    spread = hi - lo
    big_r = [(2 * v - hi - lo) / spread if spread > 1e-12 else 0.0 for v in sums]
    return big_r, [(1 - rr / 3) / (1 + rr / 3) for rr in big_r]


def offer(xi: float, xj: float, e_ij: float, e_ji: float) -> tuple[str, float] | None:
    """What i offers j, given EU_i(Δx_ij) and EU_j(Δx_ji), or None:

    * conflict (both expect to gain) and i expects more: j is offered x_i;
    * capitulation (j expects to lose less than i gains): j is offered x_i;
    * compromise (j would lose more than i gains): j moves toward i by the ratio
      EU_i / |EU_j|: x_j + (x_i − x_j)·EU_i(Δx_ij)/|EU_j(Δx_ji)|.
    """
    if e_ij <= 0:
        return None
    if e_ji > 0:
        return ("conflict", xi) if e_ij > e_ji else None
    if e_ij > abs(e_ji):
        return "capitulation", xi
    return "compromise", xj + (xi - xj) * e_ij / abs(e_ji)


def eu_rounds(actors: list[Actor] | tuple[Actor, ...], params: EUParams | None = None) -> EURun:
    """Run the expected-utility model; round 0 holds the inputs.

    Actors with no weight (c·s = 0) take no part: they neither make nor receive
    offers and their positions stay as given (they cannot move the forecast).
    """
    p = params or EUParams()
    codes = [a.code for a in actors]
    x = [a.position / 100 for a in actors]
    s = [a.salience for a in actors]
    w = [a.capability * a.salience for a in actors]
    live = [k for k in range(len(actors)) if w[k] > 0]

    def snapshot(k: int, moves: tuple[Move, ...], risk: tuple[list[float], list[float]] | None = None,
                 offers: tuple[Move, ...] = ()) -> Round:
        mu = weighted_median(x, w)
        mean = sum(wi * xi for wi, xi in zip(w, x, strict=True)) / sum(w) if sum(w) else mu
        big_r, small_r = risk or ([], [])
        return Round(k, {c: round(v * 100, 4) for c, v in zip(codes, x, strict=True)},
                     round(mu * 100, 4), round(mean * 100, 4), moves,
                     {codes[i]: round(v, 6) for i, v in zip(live, small_r, strict=False)},
                     {codes[i]: round(v, 6) for i, v in zip(live, big_r, strict=False)}, offers)

    rounds = [snapshot(0, ())]
    if not live:
        return EURun(tuple(rounds), "converged", "no actor has weight (c·s = 0)")
    settled = 0
    seen = {tuple(x): 0}  # the model is deterministic: a repeated state repeats forever
    for k in range(1, p.max_rounds + 1):
        mu = weighted_median(x, w)
        if p.risk:
            sums = [sum(expected_utility(i, j, x, w, s, mu, p) for j in live if j != i) for i in live]
            big_r, small_r = risk_attitudes(sums)
        else:
            big_r, small_r = [0.0] * len(live), [1.0] * len(live)
        r_of = dict(zip(live, small_r, strict=True))
        eu = {(i, j): expected_utility(i, j, x, w, s, mu, p, r_of[i])
              for i in live for j in live if i != j and x[i] != x[j]}
        made: list[tuple[int, int, str, float]] = []  # (to j, by i, kind, new position), exact
        for (i, j), e_ij in eu.items():
            got = offer(x[i], x[j], e_ij, eu[(j, i)])
            if got is not None:
                made.append((j, i, *got))

        def as_move(o: tuple[int, int, str, float], x: list[float] = x) -> Move:
            return Move(codes[o[0]], codes[o[1]], o[2], round(x[o[0]] * 100, 4), round(o[3] * 100, 4))

        new = list(x)
        moves = []
        for j in live:  # each actor takes the offer asking the least movement (ties: by code)
            mine = [o for o in made if o[0] == j]
            if mine:
                best = min(mine, key=lambda o: (abs(o[3] - x[j]), codes[o[1]]))
                new[j] = best[3]
                moves.append(as_move(best))
        offers = tuple(as_move(o) for o in made)
        moved = max(abs(a - b) for a, b in zip(new, x, strict=True))
        x = new
        rounds.append(snapshot(k, tuple(moves), (big_r, small_r), offers))
        if moved < 1e-9:
            return EURun(tuple(rounds), "converged", f"no offer moved anyone in round {k}")
        if tuple(x) in seen:
            first = seen[tuple(x)]
            cycle = sorted({r.median for r in rounds[first:]})
            return EURun(tuple(rounds), "cycle",
                         f"round {k} repeats round {first}: the model cycles; the forecast "
                         f"alternates among {', '.join(f'{m:g}' for m in cycle)}")
        seen[tuple(x)] = k
        shift = abs(rounds[-1].median - rounds[-2].median)
        settled = settled + 1 if shift < p.tolerance else 0
        if settled >= p.patience:
            return EURun(tuple(rounds), "converged",
                         f"the forecast moved less than {p.tolerance:g} points in each of rounds "
                         f"{k - p.patience + 1}–{k}")
    return EURun(tuple(rounds), "max_rounds",
                 f"stopped at the {p.max_rounds}-round cap; the forecast moved "
                 f"{abs(rounds[-1].median - rounds[-2].median):.2f} points in the last round")


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
    run = eu_rounds(actors, params) if actors else None
    eu = run.forecast if run else None
    nearest = None
    if eu is not None:
        placed = [o for o in dossier.issue(issue_code).outcomes if o.position is not None]
        nearest = min(placed, key=lambda o: abs((o.position or 0) - eu)).code if placed else None
    sens: dict[str, dict[str, float | None]] = {}
    for name, acts in (sensitivity or {}).items():
        sens[name] = {"mean": weighted_mean(acts), "eu": eu_rounds(acts, params).forecast if acts else None,
                      "actors": len(acts)}
    if actors:  # one party's salience at a time: a uniform change would leave the mean unmoved
        means, eus = [], []
        for k in range(len(actors)):
            for factor in (0.8, 1.2):
                acts = [replace(a, salience=min(1.0, a.salience * factor)) if n == k else a
                        for n, a in enumerate(actors)]
                means.append(weighted_mean(acts))
                eus.append(eu_rounds(acts, params).forecast)
        ok = [m for m in means if m is not None]
        sens["salience ±20% (each party)"] = {
            "mean_min": min(ok, default=None), "mean_max": max(ok, default=None),
            "eu_min": min(eus), "eu_max": max(eus), "actors": len(actors)}
    return IssueForecast(issue_code, tuple(actors), tuple(left_out), weighted_mean(actors), eu,
                         run.rounds if run else (), nearest, sens,
                         stop=run.stop if run else None, stop_detail=run.detail if run else "")


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
