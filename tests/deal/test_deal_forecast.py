"""The forecast models on small worked examples computed by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.deal import forecast
from parley.deal.forecast import (
    Actor,
    EUParams,
    eu_rounds,
    expected_utility,
    offer,
    risk_attitudes,
    success_probability,
    utilities,
    weighted_mean,
    weighted_median,
)

SQRT2 = 2 ** 0.5

A = Actor("A", 0, capability=1.0, salience=1.0)
B = Actor("B", 100, capability=1.0, salience=0.5)


def test_weighted_mean_by_hand():
    # (1·1·0 + 1·0.5·100) / (1·1 + 1·0.5) = 50 / 1.5 = 33.33
    assert weighted_mean([A, B]) == pytest.approx(100 / 3)
    # three actors: (0.9·1·100 + 0.5·1·0 + 1.0·0.5·50) / (0.9 + 0.5 + 0.5) = 115 / 1.9 = 60.53
    three = [Actor("RU", 100, 0.9, 1.0), Actor("UA", 0, 0.5, 1.0), Actor("US", 50, 1.0, 0.5)]
    assert weighted_mean(three) == pytest.approx(115 / 1.9)


def test_weighted_median_minimises_weighted_distance():
    # at 0: 0.5·1 = 0.5; at 1: 1·1 = 1 -> 0
    assert weighted_median([0.0, 1.0], [1.0, 0.5]) == 0.0
    # at 0.5: 0.9·0.5 + 0.5·0.5 = 0.7 beats 1.0 (at 0: 0.9 + 0.25 = 1.15)
    assert weighted_median([1.0, 0.0, 0.5], [0.9, 0.5, 0.5]) == 0.5


def test_utilities_by_hand():
    # r = 1 (risk neutral): U^s = 2 − 4(0.5 − 0.5d) = 2d, U^f = −2d, U^b = m + d, U^w = −(m + d),
    # U^sq = 0; here d = |0.2 − 0.7| = 0.5, m = |0.2 − 0.4| = 0.2
    u = utilities(0.2, 0.7, 0.4, 1.0)
    assert (u.success, u.failure, u.better, u.worse, u.status_quo) == pytest.approx(
        (1.0, -1.0, 0.7, -0.7, 0.0))
    # r = 0.5, x_i = 0.25, x_j = 1, μ = 0.25: d = 0.75, m = 0
    # U^s = 2 − 4·0.125^½ = 2 − √2; U^f = 2 − 4·0.875^½; U^b = 2 − 4·0.3125^½ = 2 − √5;
    # U^w = 2 − 4·0.6875^½; U^sq = 2 − 4·0.5^½ = 2 − 2√2
    u = utilities(0.25, 1.0, 0.25, 0.5)
    assert (u.success, u.failure, u.better, u.worse, u.status_quo) == pytest.approx(
        (2 - SQRT2, 2 - 4 * 0.875 ** 0.5, 2 - 5 ** 0.5, 2 - 4 * 0.6875 ** 0.5, 2 - 2 * SQRT2))
    # r = 2, x_i = 1, x_j = 0, μ = 0: d = 1, m = 1: U^s = 2, U^f = −2, U^b = 2, U^w = −2, U^sq = 1
    u = utilities(1.0, 0.0, 0.0, 2.0)
    assert (u.success, u.failure, u.better, u.worse, u.status_quo) == pytest.approx((2, -2, 2, -2, 1))


def test_two_actors_by_hand():
    # A at 0 (c = 1, s = 1), B at 100 (c = 1, s = 0.5); positions on 0..1, w = c·s = (1, 0.5).
    # μ: Σ w|x − y| is 0.5 at y = 0 and 1 at y = 1, so μ = 0.  Q = 0.5, T = 1.
    x, w, s = [0.0, 1.0], [1.0, 0.5], [1.0, 0.5]
    p = EUParams()
    # votes on A against B: A 1·(1 − 0) = 1, B 0.5·(0 − 1) = −0.5 -> P_AB = 1/1.5 = 2/3
    assert success_probability(0, 1, x, w) == pytest.approx(2 / 3)
    assert success_probability(1, 0, x, w) == pytest.approx(1 / 3)
    # r = 1: EU_A(Δx_AB) = s_B[P·2 + (1 − P)(−2)] + (1 − s_B)·2 − Q·0 − (1 − Q)(m_A + d)
    #                  = 0.5·(2/3) + 1 − 0.5·(0 + 1) = 5/6
    #        EU_B(Δx_BA) = 1·(1/3·2 − 2/3·2) + 0 − 0.5·(1 + 1) = −5/3
    assert expected_utility(0, 1, x, w, s, 0.0, p) == pytest.approx(5 / 6)
    assert expected_utility(1, 0, x, w, s, 0.0, p) == pytest.approx(-5 / 3)
    # risk: S_A = 5/6 is the highest sum, S_B = −5/3 the lowest -> R = (1, −1);
    # r = (1 − 1/3)/(1 + 1/3) = 0.5 (risk-acceptant) and (1 + 1/3)/(1 − 1/3) = 2 (risk-averse)
    big_r, small_r = risk_attitudes([5 / 6, -5 / 3])
    assert big_r == pytest.approx([1, -1]) and small_r == pytest.approx([0.5, 2])
    # with r_A = 0.5: U^s = 2, U^f = −2, U^b = 2 − 4·0.25^½ = 0, U^sq = 2 − 2√2
    #   EU_A = 0.5·(2/3) + 1 − 0.5(2 − 2√2) − 0.5·0 = 1/3 + √2
    # with r_B = 2 (m_B = 1): U^s = 2, U^f = −2, U^b = 2, U^sq = 2 − 4·0.25 = 1
    #   EU_B = (2/3 − 4/3) − 0.5·1 − 0.5·2 = −13/6
    e_ab = expected_utility(0, 1, x, w, s, 0.0, p, r=0.5)
    e_ba = expected_utility(1, 0, x, w, s, 0.0, p, r=2.0)
    assert e_ab == pytest.approx(1 / 3 + SQRT2) and e_ba == pytest.approx(-13 / 6)
    # EU_A > 0 > EU_B and EU_A < |EU_B|: compromise, B moves EU_A/|EU_B| = (6/13)(1/3 + √2) of
    # the way to A: 1 − (2 + 6√2)/13 = (11 − 6√2)/13 = 0.19344
    run = eu_rounds([A, B])
    first = run.rounds[1]
    assert first.risk == pytest.approx({"A": 0.5, "B": 2.0})
    assert first.risk_acceptance == pytest.approx({"A": 1.0, "B": -1.0})
    assert [(m.actor, m.by, m.kind) for m in first.offers] == [("B", "A", "compromise")]
    assert first.positions["B"] == pytest.approx(100 * (11 - 6 * SQRT2) / 13, abs=1e-3)
    assert first.positions["A"] == 0 and first.median == 0


def test_three_actors_risk_and_first_offers_by_hand():
    # A at 0 (c 1, s 1), B at 100 (c 1, s 1), C at 25 (c 0.5, s 1); w = (1, 1, 0.5).
    # μ: y = 0: 1 + 0.5·0.25 = 1.125; y = 0.25: 0.25 + 0.75 = 1; y = 1: 1 + 0.375 -> μ = 0.25.
    # r = 1, all s = 1: EU_i(Δx_ij) = 2d(2P − 1) − 0.5(m_i + d), m = (0.25, 0.75, 0).
    x, w, s, mu = [0.0, 1.0, 0.25], [1.0, 1.0, 0.5], [1.0, 1.0, 1.0], 0.25
    # P_AB: votes A 1, B −1, C 0.5·(0.75 − 0.25) = 0.25 -> 1.25/2.25 = 5/9
    # P_AC: A 0.25, B −0.25, C −0.125 -> 0.25/0.625 = 0.4;  P_BC: A −0.75, B 0.75, C −0.375 -> 0.4
    assert [success_probability(i, j, x, w) for i, j in ((0, 1), (0, 2), (1, 2))] == pytest.approx(
        [5 / 9, 0.4, 0.4])
    # EU_AB = 2(1/9) − 0.625 = −29/72      EU_BA = −2/9 − 0.875 = −79/72
    # EU_AC = 0.5(−0.2) − 0.25 = −0.35     EU_CA = 0.5(0.2) − 0.125 = −0.025
    # EU_BC = 1.5(−0.2) − 0.75 = −1.05     EU_CB = 1.5(0.2) − 0.375 = −0.075
    p = EUParams()
    eu = {(i, j): expected_utility(i, j, x, w, s, mu, p) for i in range(3) for j in range(3) if i != j}
    assert [eu[k] for k in ((0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1))] == pytest.approx(
        [-29 / 72, -79 / 72, -0.35, -0.025, -1.05, -0.075])
    # S = (−271/360, −773/360, −36/360); spread 737/360
    # R_A = (−542 + 36 + 773)/737 = 267/737, R_B = −1, R_C = 1
    # r_A = (1 − 89/737)/(1 + 89/737) = 648/826 = 324/413, r_B = 2, r_C = 0.5
    big_r, small_r = risk_attitudes([-271 / 360, -773 / 360, -36 / 360])
    assert big_r == pytest.approx([267 / 737, -1, 1])
    assert small_r == pytest.approx([324 / 413, 2, 0.5])
    # round 1, with risk: EU_C(Δx_CB) at r_C = 0.5 (d = 0.75, m_C = 0, P = 0.6):
    #   0.6(2 − √2) + 0.4(2 − 4·0.875^½) − 0.5(2 − 2√2) − 0.5(2 − √5) = 0.18706 > 0
    # EU_B(Δx_BC) at r_B = 2 (m_B = 0.75, P = 0.4): U^s = 2 − 4/64 = 31/16, U^f = −17/16,
    #   U^b = 31/16, U^sq = 1: 0.4·31/16 − 0.6·17/16 − 0.5 − 0.5·31/16 = −1.33125
    e_cb = (0.6 * (2 - SQRT2) + 0.4 * (2 - 4 * 0.875 ** 0.5) - 0.5 * (2 - 2 * SQRT2)
            - 0.5 * (2 - 5 ** 0.5))
    assert expected_utility(2, 1, x, w, s, mu, p, r=0.5) == pytest.approx(e_cb)
    assert expected_utility(1, 2, x, w, s, mu, p, r=2.0) == pytest.approx(-1.33125)
    # compromise: B moves from 1 toward 0.25 by e_cb/1.33125 of the gap
    run = eu_rounds([Actor("A", 0, 1, 1), Actor("B", 100, 1, 1), Actor("C", 25, 0.5, 1)])
    first = run.rounds[1]
    assert first.risk == pytest.approx({"A": 324 / 413, "B": 2, "C": 0.5}, abs=1e-6)
    assert {(m.actor, m.by, m.kind) for m in first.offers} == {("A", "C", "compromise"),
                                                               ("B", "C", "compromise")}
    assert first.positions["B"] == pytest.approx(100 * (1 - 0.75 * e_cb / 1.33125), abs=1e-3)
    assert first.positions["C"] == 25 and first.median == 25


@pytest.mark.parametrize("e_ij, e_ji, expected", [
    (0.5, 0.3, ("conflict", 0.0)),  # both gain; i expects more: j is offered x_i
    (0.3, 0.5, None),  # both gain; j expects more: i makes no offer
    (0.5, -0.2, ("capitulation", 0.0)),  # i gains more than j loses
    (0.2, -0.8, ("compromise", 0.75)),  # j moves 0.2/0.8 of the way: 1 − 0.25
    (-0.1, -0.5, None),  # i would lose: no challenge
])
def test_offer_kinds(e_ij, e_ji, expected):
    assert offer(0.0, 1.0, e_ij, e_ji) == expected


def test_risk_neutral_compromise_halves_the_gap():
    # risk off (r = 1): EU_AB = 5/6 > 0 > EU_BA = −5/3, ratio 1/2: B 100 -> 50. Round 2 (d = 0.5,
    # μ = 0): EU_AB = 0.5·2·(1 − 1/3)... = 5/12, EU_BA = −5/6; ratio 1/2 again: 50 -> 25.
    run = eu_rounds([A, B], EUParams(risk=False, max_rounds=2))
    assert [r.positions["B"] for r in run.rounds] == [pytest.approx(100), pytest.approx(50),
                                                       pytest.approx(25)]
    assert run.rounds[1].moves[0].kind == "compromise" and run.rounds[1].moves[0].by == "A"
    assert run.rounds[1].risk == {"A": 1.0, "B": 1.0}
    assert run.stop == "max_rounds" and "2-round cap" in run.detail


def test_capitulation_when_status_quo_certain():
    # Q = 1, r = 1: EU_AB = 2d(1 − 2·s_B·(1 − P)) = 2(1 − 2·0.5·(1/3)) = 4/3;
    # EU_BA = 2(1 − 2·1·(2/3)) = −2/3; 4/3 > 2/3: B capitulates to 0 in round 1, then nothing moves.
    run = eu_rounds([A, B], EUParams(q=1.0, risk=False))
    assert run.rounds[1].positions["B"] == pytest.approx(0)
    assert run.rounds[1].moves[0].kind == "capitulation"
    assert len(run.rounds) == 3 and run.rounds[2].moves == ()
    assert run.stop == "converged" and "no offer moved anyone in round 2" in run.detail


# A weak pair at 100 and a salient actor at 0: the forecast starts at 100 and falls toward 0
DRIFT = [Actor("A", 100, 0.2, 0.3), Actor("B", 100, 0.5, 0.3), Actor("C", 0, 0.2, 1.0)]


def test_convergence_is_explicit():
    run = eu_rounds(DRIFT)
    medians = [r.median for r in run.rounds]
    assert medians[0] == 100 and medians[1] < 50  # the forecast really moves
    assert run.stop == "converged" and len(run.rounds) - 1 < EUParams().max_rounds
    # converged: the last `patience` rounds each moved the forecast by less than the tolerance
    steps = [abs(a - b) for a, b in zip(medians[-4:], medians[-3:], strict=False)]
    assert all(st < EUParams().tolerance for st in steps) and run.forecast < 1
    capped = eu_rounds(DRIFT, EUParams(max_rounds=3))
    assert capped.stop == "max_rounds" and len(capped.rounds) == 4
    assert capped.rounds == run.rounds[:4]  # the cap only cuts the run short


def test_cycle_is_detected_and_reported():
    # A flips between 50 and 75: B and C compel it one round, D the next
    acts = [Actor("A", 50, 0.5, 0.3), Actor("B", 75, 0.5, 1), Actor("C", 75, 0.5, 1), Actor("D", 50, 1, 1)]
    run = eu_rounds(acts)
    assert run.stop == "cycle" and "round 2 repeats round 0" in run.detail
    assert [r.positions["A"] for r in run.rounds] == [50, 75, 50]


actor_st = st.builds(Actor, code=st.sampled_from("ABCDE"),
                     position=st.sampled_from([0, 10, 25, 40, 50, 60, 75, 90, 100]),
                     capability=st.sampled_from([0.1, 0.3, 0.5, 0.8, 1.0]),
                     salience=st.sampled_from([0.1, 0.3, 0.6, 1.0]))
actors_st = st.lists(actor_st, min_size=1, max_size=5, unique_by=lambda a: a.code)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(actors_st)
def test_positions_stay_within_the_inputs_and_runs_repeat(actors):
    run = eu_rounds(actors, EUParams(max_rounds=15))
    lo, hi = min(a.position for a in actors), max(a.position for a in actors)
    for r in run.rounds:
        assert all(lo - 1e-6 <= v <= hi + 1e-6 for v in r.positions.values())
        assert 0 <= r.median <= 100
        assert all(0.5 - 1e-9 <= v <= 2 + 1e-9 for v in r.risk.values())
    assert run.stop in {"converged", "cycle", "max_rounds"}
    assert eu_rounds(actors, EUParams(max_rounds=15)) == run  # deterministic


@settings(max_examples=40, deadline=None, derandomize=True)
@given(actors_st, st.sampled_from([0, 33, 50, 100]))
def test_zero_salience_actor_does_not_move_the_forecast(actors, where):
    mute = Actor("Z", where, capability=1.0, salience=0.0)
    with_mute, without = eu_rounds([*actors, mute]), eu_rounds(actors)
    assert [r.median for r in with_mute.rounds] == [r.median for r in without.rounds]
    assert all(r.positions["Z"] == where for r in with_mute.rounds)
    assert weighted_mean([*actors, mute]) == pytest.approx(weighted_mean(actors))


def test_identical_positions_change_nothing():
    acts = [Actor("A", 40, 1, 1), Actor("B", 40, 0.5, 0.2), Actor("C", 40, 0.3, 0.9)]
    run = eu_rounds(acts)
    assert run.stop == "converged" and len(run.rounds) == 2
    assert run.rounds[1].offers == () and run.rounds[1].positions == {"A": 40, "B": 40, "C": 40}
    assert run.forecast == 40 and run.rounds[1].risk == {"A": 1.0, "B": 1.0, "C": 1.0}


def test_forecast_on_store_lists_inputs_and_sensitivity(dossier, deal_store):
    (f,) = forecast(deal_store, dossier=dossier, issues=["nato_membership"])
    # UA demands member (0), RU demands legal_ban (100); c: RU 0.9, UA 0.5; s: RU 0.9, UA 0.7
    # mean = (0.81·100 + 0.35·0) / (0.81 + 0.35) = 69.83
    assert {a.code: a.position for a in f.actors} == {"RU": 100, "UA": 0}
    assert f.weighted_mean == pytest.approx(81 / 1.16)
    assert set(f.sensitivity) == {"salience ±20% (each party)", "hedged dropped"}
    # one party at a time: UA s ×0.8 = 0.56, c·s = 0.28: 81 / 1.09 = 74.31 (highest; RU ×1.2 is
    # capped at s = 1: 90 / 1.25 = 72.0); RU s ×0.8 = 0.72, c·s = 0.648: 64.8 / 0.998 = 64.93
    # (lowest; UA ×1.2: c·s = 0.42: 81 / 1.23 = 65.85)
    rng = f.sensitivity["salience ±20% (each party)"]
    assert rng["mean_max"] == pytest.approx(81 / 1.09)
    assert rng["mean_min"] == pytest.approx(64.8 / 0.998)


def test_forecast_drops_hedged_positions_in_sensitivity(dossier, deal_store):
    # RU's territory position in the store: latest is a hedged freeze proposal (08-02)
    (f,) = forecast(deal_store, dossier=dossier, issues=["territory"])
    ru = next(a for a in f.actors if a.code == "RU")
    assert ru.hedged
    assert f.sensitivity["hedged dropped"]["actors"] == len(f.actors) - 1
    assert f.stop == "converged" and f.stop_detail
