"""Deal files: valid terms load; each kind of mistake is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.deal import load_deal, parse_deal
from parley.errors import DealError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "deals"

GOOD = """\
title: Test
date: 2025-08-20
terms:
  nato_membership: legal_ban
  army_limits: {outcome: limited, cap: 600000}
  territory:
    Donbas: ru_control
    UA-23: freeze
  recognition:
    Crimea: {outcome: de_facto, note: by name}
"""


def test_parse_deal_expands_groups_and_keeps_params(dossier):
    deal = parse_deal(GOOD, dossier=dossier)
    by_issue = {(t.issue, t.target): t for t in deal.terms}
    assert deal.date == "2025-08-20"
    assert by_issue[("territory", "Donbas")].regions == ("UA-14", "UA-09")
    assert by_issue[("army_limits", None)].params == {"cap": 600000}
    assert by_issue[("recognition", "Crimea")].regions == ("UA-43",)
    assert by_issue[("recognition", "Crimea")].outcome == "de_facto"


@pytest.mark.parametrize("text, line, needle", [
    ("title: t\nterms:\n  fishing: yes\n", 3, "unknown issue 'fishing'"),
    ("title: t\nterms:\n  nato_membership: maybe\n", 3, "unknown outcome 'maybe'"),
    ("title: t\nterms:\n  territory:\n    Atlantis: ru_control\n", 4, "unknown region or group 'Atlantis'"),
    ("title: t\nterms:\n  territory: ru_control\n", 3, "give an outcome per region"),
    ("title: t\nterms:\n  army_limits: {outcome: limited, cap: -5}\n", 3, "cap must be a positive"),
    ("title: t\nterms:\n  army_limits: {outcome: limited, size: 5}\n", 3, "unknown key"),
    ("title: t\ndate: someday\nterms:\n  sanctions: kept\n", 2, "is not a date"),
    ("terms:\n  sanctions: kept\n", 1, "needs a title"),
    ("title: t\nterms:\n  territory:\n    Donbas: ru_control\n    UA-14: freeze\n", 5,
     "UA-14 already settled as ru_control"),
])
def test_parse_deal_reports_problem_with_line(dossier, text, line, needle):
    with pytest.raises(DealError) as info:
        parse_deal(text, dossier=dossier, name="d.yaml")
    problems = info.value.problems
    assert any(p.startswith(f"d.yaml:{line}:") and needle in p for p in problems), problems


def test_parse_deal_lists_every_problem_at_once(dossier):
    text = "title: t\nterms:\n  fishing: yes\n  sanctions: maybe\n"
    with pytest.raises(DealError) as info:
        parse_deal(text, dossier=dossier, name="d.yaml")
    assert len(info.value.problems) == 2


def test_load_deal_names_missing_file(dossier, tmp_path):
    with pytest.raises(DealError, match="no such file"):
        load_deal(tmp_path / "nope.yaml", dossier=dossier)


@pytest.mark.parametrize("name", ["russia-august-2025.yaml", "freeze-with-peacekeepers.yaml",
                                  "istanbul-2022.yaml"])
def test_shipped_examples_validate(dossier, name):
    deal = load_deal(EXAMPLES / name, dossier=dossier)
    assert deal.terms and deal.title
