"""The forecast models on small worked examples computed by hand."""

from __future__ import annotations

import pytest

from parley.deal import forecast
from parley.deal.forecast import (
    Actor,
    EUParams,
    eu_rounds,
    expected_utility,
    weighted_mean,
    weighted_median,
)

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


def test_expected_utilities_two_actors_by_hand():
    # x = (0, 1), w = c·s = (1, 0.5), s = (1, 0.5), median μ = 0, Q = 0.5, T = 1, r = 1.
    # votes on A vs B: A: 1·(|0-1| - |0-0|) = 1, B: 0.5·(0 - 1) = -0.5 -> P_AB = 1/1.5 = 2/3.
    # r = 1: U_s = 2d = 2, U_f = -2, U_sq = 0, U_b = m + d.
    # E_AB = s_B(P·2 + (1-P)(-2)) + (1 - s_B)·2 - 0.5·(m_A + d)
    #      = 0.5·(2/3) + 1 - 0.5·(0 + 1) = 1/3 + 1 - 1/2 = 5/6
    # E_BA = s_A(P_BA·2 - (1-P_BA)·2) + 0 - 0.5·(m_B + d) = (2/3 - 4/3) - 0.5·2 = -5/3
    x, w, s = [0.0, 1.0], [1.0, 0.5], [1.0, 0.5]
    p = EUParams()
    assert expected_utility(0, 1, x, w, s, 0.0, p) == pytest.approx(5 / 6)
    assert expected_utility(1, 0, x, w, s, 0.0, p) == pytest.approx(-5 / 3)


def test_eu_rounds_compromise_halves_the_gap():
    # E_AB = 5/6 > 0 > E_BA = -5/3 and 5/6 < 5/3: compromise; B moves (5/6)/(5/3) = 1/2 of
    # the way to A: 100 -> 50. Round 2 (d = 0.5, μ = 0): E_AB = 0.5·2·(1 - 1/3) - 0.25 = 5/12,
    # E_BA = 0.5·2·(1 - 4/3) - 0.5 = -5/6; ratio 1/2 again: 50 -> 25.
    rounds = eu_rounds([A, B], EUParams(rounds=2))
    assert [r.positions["B"] for r in rounds] == [pytest.approx(100), pytest.approx(50),
                                                   pytest.approx(25)]
    assert rounds[1].moves[0].kind == "compromise" and rounds[1].moves[0].by == "A"
    assert all(r.median == 0 for r in rounds)


def test_eu_rounds_compel_when_status_quo_certain():
    # Q = 1: E_AB = 2d(1 - 2·s_B·(1 - P)) = 2(1 - 2·0.5·(1/3)) = 4/3;
    # E_BA = 2(1 - 2·1·(2/3)) = -2/3; 4/3 > 2/3: A compels B to 0 in round 1, then nothing moves.
    rounds = eu_rounds([A, B], EUParams(q=1.0))
    assert rounds[1].positions["B"] == pytest.approx(0)
    assert rounds[1].moves[0].kind == "compel"
    # round 2: both at 0, no offers; the run stops after the first round without movement
    assert len(rounds) == 3 and rounds[2].moves == ()


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
