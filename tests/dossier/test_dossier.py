from __future__ import annotations

from pathlib import Path

import pytest

from parley.dossier import builtin_dossiers, load_dossier
from parley.errors import DossierError

GUIDELINE_PARTIES = {"RU", "UA", "US", "EUROPE", "NATO", "CN", "BR", "TR", "SA", "AFRICA", "UN"}
GUIDELINE_ISSUES = {
    "territory", "recognition", "ceasefire", "nato_membership", "neutrality", "foreign_troops", "dmz",
    "army_limits", "security_guarantees", "sanctions", "nato_posture", "talks", "legitimacy",
    "agreement_form", "humanitarian", "black_sea", "nuclear_plant", "eu_membership", "culture_rights",
    "reparations", "accountability", "elections", "military_aid", "referendum", "relations",
}


def test_builtin_dossier_has_guideline_parties_and_issues(dossier):
    assert "russia-ukraine" in builtin_dossiers()
    assert set(dossier.party_codes()) == GUIDELINE_PARTIES
    assert set(dossier.issue_codes()) == GUIDELINE_ISSUES


def test_territory_scale_is_ordered_from_ukraine_to_russia(dossier):
    territory = dossier.issue("territory")
    assert territory.ordinal
    assert territory.rank("ua_control") < territory.rank("freeze") < territory.rank("ru_control")


def test_builtin_dossier_has_every_oblast_and_the_groups(dossier):
    codes = {r.code for r in dossier.regions if r.code.startswith("UA-")}
    assert len(codes) == 27
    assert set(dossier.group_members("Donbass")) == {"UA-14", "UA-09"}
    assert set(dossier.group_members("the four regions")) == {"UA-14", "UA-09", "UA-23", "UA-65"}
    assert dossier.region("UA-14").area_km2 == 26517


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("name: x\ntitle: y\nparties: []\nissues: []\nbogus: 1\n", ":5: bogus: Extra inputs are not permitted"),
        ("name: x\ntitle: y\nparties:\n  - code: RU\nissues: []\n", ":4: parties[0].name: Field required"),
        ("name: x\ntitle: y\nparties: []\nissues: [\n", "invalid YAML"),
        (
            "name: x\ntitle: y\nparties: []\nissues: []\nregions: []\ngroups:\n  - name: g\n    members: [UA-99]\n",
            "unknown regions: UA-99",
        ),
        (
            "name: x\ntitle: y\nparties: []\nissues:\n  - code: aid\n    label: Aid\n"
            "    outcomes: [{code: going}, {code: paused}]\n"
            "    shifts:\n      - {from: going, to: stopped, words: [halt]}\n",
            "shift outcome 'stopped' is not an outcome of 'aid'",
        ),
        (
            "name: x\ntitle: y\nparties: []\nissues:\n  - code: aid\n    label: Aid\n"
            "    outcomes: [{code: going}, {code: paused}]\n"
            "    shifts:\n      - {from: going, to: paused, words: [cut off]}\n",
            "shift words are single words, not 'cut off'",
        ),
        (
            "name: x\ntitle: y\nparties: []\nissues:\n  - code: aid\n    label: Aid\n"
            "    cues: ['{halt|stop aid']\n",
            "unbalanced or nested braces in '{halt|stop aid'",
        ),
        (
            # YAML reads a bare `on` as true: the Matcher would refuse the pattern later
            "name: x\ntitle: y\nparties: []\nissues:\n  - code: aid\n    label: Aid\n"
            "    cues: [{pattern: [{LOWER: {IN: [at, on]}}]}]\n",
            ":7: issues[0].cues[0].TokenPattern.pattern: not a valid spaCy token pattern",
        ),
    ],
)
def test_invalid_dossier_names_file_line_and_problem(tmp_path: Path, yaml_text: str, expected: str):
    f = tmp_path / "bad.yaml"
    f.write_text(yaml_text)
    with pytest.raises(DossierError) as info:
        load_dossier(f)
    assert "bad.yaml" in str(info.value)
    assert expected in str(info.value)


def test_missing_dossier_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DossierError, match="no such dossier file"):
        load_dossier(tmp_path / "nope.yaml")


def test_expand_phrase_stands_for_every_alternative() -> None:
    from parley.dossier.schema import expand_phrase

    assert expand_phrase("{freeze|freezing} {the |}front line") == [
        "freeze the front line", "freeze front line", "freezing the front line",
        "freezing front line"]
    assert expand_phrase("plain phrase") == ["plain phrase"]
    with pytest.raises(ValueError, match="more than 5000 phrases"):
        expand_phrase(" ".join("{" + "|".join("abcdefghij") + "}" for _ in range(4)))
