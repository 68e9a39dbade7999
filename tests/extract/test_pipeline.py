"""The pipeline: components, their contracts, body-only claims, caching, offsets."""

from __future__ import annotations

from parley.extract import extract, get_extractor
from parley.extract.pipeline import house_party
from parley.ingest.text import report_from_text


def test_pipeline_components_in_order(dossier) -> None:
    names = get_extractor(dossier).nlp.pipe_names
    assert names == [
        "sentencizer", "parley_line_breaks", "parley_body_start", "parley_mentions",
        "parley_stances",
    ]
    analysis = get_extractor(dossier).nlp.analyze_pipes()
    assert not any(analysis["problems"].values())


def test_pipeline_is_built_once_per_dossier(dossier) -> None:
    assert get_extractor(dossier) is get_extractor(dossier)


def test_pipeline_date_line_is_not_body(dossier) -> None:
    text = "date 2025-04-22 Putin demands a ceasefire. Kyiv rejected the ceasefire."
    claims = extract(text, dossier=dossier).claims
    assert {(c.actor, c.act) for c in claims} == {("RU", "demand"), ("UA", "reject")}
    first = next(c for c in claims if c.actor == "RU")
    assert first.sentence_start == text.index("Putin")


def test_pipeline_headline_is_a_sentence_of_its_own(dossier) -> None:
    text = "Kremlin rejects ceasefire\nTalks were held in Geneva on Monday.\n"
    claims = extract(text, dossier=dossier).claims
    assert len(claims) == 1
    assert claims[0].sentence_end <= text.index("\n")


def test_pipeline_offsets_point_into_full_text(dossier) -> None:
    text = "---\ntitle: x\ndate: 2025-01-02\n---\n\nZelensky rejected territorial concessions.\n"
    for c in extract(text, dossier=dossier).claims:
        assert text[c.start : c.end] == c.text
        assert c.start >= text.index("Zelensky")


def test_pipeline_every_claim_names_its_rule(dossier) -> None:
    text = "Moscow wants Ukraine to stay neutral. Kyiv rejected neutrality."
    claims = extract(text, dossier=dossier).claims
    assert claims and all(":" in c.rule for c in claims)


def test_house_party_from_outlet(dossier) -> None:
    ua = report_from_text("x", doc="a", outlet="President of Ukraine (president.gov.ua)")
    news = report_from_text("x", doc="b", outlet="Reuters")
    assert house_party(dossier, ua) == "UA"
    assert house_party(dossier, news) is None


def test_pipeline_empty_text_gives_no_claims(dossier) -> None:
    assert extract("", dossier=dossier).claims == ()


def test_pipeline_tokenizes_exactly_like_spacy_english(dossier) -> None:
    # the pipeline drops spaCy's whitespace special cases (they switch its word
    # cache off); tokens, offsets, norms and whitespace tokens must not change
    import spacy

    stock = spacy.blank("en").tokenizer
    ours = get_extractor(dossier).nlp.tokenizer
    texts = [
        "---\ntitle: A test\n---\nRussia demands  the Donbas.\n\nKyiv said no.\t(Reuters)",
        "Zelensky’s office said:\xa0“We won’t cede land.”\r\n\r\n  Indented line.",
        "U.S. envoy's 30-day plan... can't work, they said.\n\t\n",
    ]
    for text in texts:
        expected = [(t.idx, t.text, t.norm_, t.is_space) for t in stock(text)]
        assert [(t.idx, t.text, t.norm_, t.is_space) for t in ours(text)] == expected


def test_party_adjectives_and_possessives_count_only_before_a_role(dossier) -> None:
    def actors(text: str) -> set[str]:
        return {c.actor for c in extract(text, dossier=dossier).claims}

    assert actors("The Turkish foreign minister called for a ceasefire.") == {"TR"}
    assert actors("Turkey's special envoy called for a ceasefire.") == {"TR"}
    assert actors("The Turkish army called for a ceasefire.") == set()
