"""Corrections: validated, stored apart, applied over machine output, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.store.conftest import FakeExtractor, write_report

from parley.errors import NotFoundError, UsageError
from parley.store import (
    Store,
    accept_claim,
    add_claim,
    edit_claim,
    get_claim,
    list_claims,
    list_corrections,
    reject_claim,
)
from parley.store.ingest import reextract

BODY = "CLAIM RU demand territory ru_control\nCLAIM UA reject ceasefire partial\nCLAIM US propose talks\n"


@pytest.fixture()
def loaded(tmp_path: Path, store: Store, fake_extractor: type[FakeExtractor]) -> Store:
    from parley.store.ingest import ingest

    write_report(tmp_path, "talks", body=BODY, date="2025-03-01")
    assert ingest(store, [tmp_path]).claims == 3
    return store


def _by_issue(store: Store) -> dict[str, object]:
    return {c.issue: c for c in list_claims(store)}


def test_accept_and_reject_set_status_and_log_the_correction(loaded: Store) -> None:
    claims = _by_issue(loaded)
    accepted = accept_claim(loaded, claims["territory"].id, note="checked", author="ana")
    rejected = reject_claim(loaded, claims["ceasefire"].id)
    assert (accepted.status, accepted.note, rejected.status) == ("accepted", "checked", "rejected")
    assert [c.action for c in list_corrections(loaded)] == ["accept", "reject"]
    assert len(list_claims(loaded, include_rejected=False)) == 2


def test_edit_changes_fields_and_keeps_the_machine_claim_as_before(loaded: Store) -> None:
    c = _by_issue(loaded)["territory"]
    edited = edit_claim(loaded, c.id, changes={"act": "propose", "outcome": "freeze", "when": "2024-06"})
    assert (edited.act, edited.outcome, edited.status, edited.origin) == ("propose", "freeze", "edited", "machine")
    assert edited.stance_date == "2024-06-01"
    log = list_corrections(loaded)[-1]
    assert (log.before["act"], log.claim["act"]) == ("demand", "propose")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"actor": "XX"}, "unknown actor"),
        ({"act": "threaten"}, "unknown act"),
        ({"issue": "weather"}, "unknown issue"),
        ({"outcome": "annexation"}, "unknown outcome"),
        ({"regions": ["UA-99"]}, "unknown region"),
        ({"when": "last spring"}, "bad when"),
        ({"source_kind": "rumour"}, "unknown source_kind"),
        ({"source_count": "many"}, "whole number"),
        ({"hedged": "perhaps"}, "yes or no"),
        ({"text": "other"}, "cannot set"),
        ({}, "nothing to change"),
    ],
)
def test_edit_rejects_values_the_dossier_does_not_know(loaded: Store, changes: dict, message: str) -> None:
    c = _by_issue(loaded)["territory"]
    with pytest.raises(UsageError, match=message):
        edit_claim(loaded, c.id, changes=changes)
    assert get_claim(loaded, c.id).status == "machine"
    assert list_corrections(loaded) == []


def test_add_takes_evidence_from_the_report_span(loaded: Store) -> None:
    rid = list_claims(loaded)[0].report_id
    text = loaded.conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()[0]
    start = text.index("Officials")
    added = add_claim(loaded, rid, start=start, end=start + 30,
                      fields={"actor": "EUROPE", "act": "propose", "issue": "security_guarantees"})
    assert (added.origin, added.status, added.text) == ("analyst", "added", text[start:start + 30])


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (10, 5), (0, 10**7)])
def test_add_rejects_spans_outside_the_report(loaded: Store, start: int, end: int) -> None:
    rid = list_claims(loaded)[0].report_id
    with pytest.raises(UsageError, match="outside"):
        add_claim(loaded, rid, start=start, end=end, fields={"actor": "RU", "act": "demand", "issue": "talks"})


def test_missing_claim_and_report_are_not_found(loaded: Store) -> None:
    with pytest.raises(NotFoundError):
        accept_claim(loaded, 999)
    with pytest.raises(NotFoundError):
        add_claim(loaded, 999, start=0, end=1, fields={"actor": "RU", "act": "demand", "issue": "talks"})


def test_reextract_keeps_every_correction_and_flags_orphans(loaded: Store,
                                                            fake_extractor: type[FakeExtractor]) -> None:
    claims = _by_issue(loaded)
    accept_claim(loaded, claims["territory"].id)
    edit_claim(loaded, claims["ceasefire"].id, changes={"outcome": "ceasefire"})
    reject_claim(loaded, claims["talks"].id)
    rid = claims["territory"].report_id
    add_claim(loaded, rid, start=claims["talks"].start, end=claims["talks"].end,
              fields={"actor": "US", "act": "demand", "issue": "talks"})
    fake_extractor.skip = {"ceasefire"}  # the extractor no longer finds this claim
    summary = reextract(loaded)
    after = {(c.issue, c.status): c for c in list_claims(loaded)}
    assert set(after) == {("territory", "accepted"), ("ceasefire", "edited"), ("talks", "rejected"),
                          ("talks", "added")}
    assert after[("ceasefire", "edited")].outcome == "ceasefire"
    assert after[("ceasefire", "edited")].orphaned
    assert summary.orphaned == 1
    # claims found again keep their ids
    assert after[("territory", "accepted")].id == claims["territory"].id
    fake_extractor.skip = set()
    reextract(loaded)
    assert not any(c.orphaned for c in list_corrections(loaded))


_actions = st.lists(
    st.tuples(st.sampled_from(["accept", "reject", "edit", "add"]), st.integers(0, 2),
              st.sampled_from(["propose", "demand", "reject"])),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=_actions, skip=st.sets(st.sampled_from(["territory", "ceasefire", "talks"])))
def test_random_corrections_survive_reextraction(tmp_path_factory: pytest.TempPathFactory,
                                                 fake_extractor: type[FakeExtractor],
                                                 actions: list, skip: set) -> None:
    from parley.store.ingest import ingest

    folder = tmp_path_factory.mktemp("h")
    write_report(folder, "talks", body=BODY)
    fake_extractor.skip = set()
    with Store(folder / "h.db") as store:
        ingest(store, [folder])
        for action, index, act in actions:
            claims = list_claims(store, order="id")
            target = claims[index % len(claims)]
            if action == "accept":
                accept_claim(store, target.id)
            elif action == "reject":
                reject_claim(store, target.id)
            elif action == "edit":
                edit_claim(store, target.id, changes={"act": act})
            else:
                add_claim(store, target.report_id, start=target.start, end=target.end,
                          fields={"actor": "UA", "act": act, "issue": "talks"})
        before = {(c.fingerprint, c.status, c.act) for c in list_claims(store) if c.status != "machine"}
        fake_extractor.skip = skip
        reextract(store)
        after = {(c.fingerprint, c.status, c.act) for c in list_claims(store) if c.status != "machine"}
        assert after == before  # no correction lost or changed
        assert len(list_corrections(store)) == len(actions)
