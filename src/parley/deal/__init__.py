"""Deals: a proposed settlement checked against every party's record, its
territorial arithmetic, and a forecast of where a settlement lands."""

from parley.deal.caps import CapComparison, army_numbers, compare_caps, stated_cap
from parley.deal.evaluate import (
    DealEvaluation,
    PartySummary,
    Verdict,
    compare_deals,
    evaluate_deal,
    evaluate_deal_files,
    evaluate_record,
    record_from_store,
    verdict_for,
)
from parley.deal.forecast import (
    Actor,
    EUParams,
    EURun,
    IssueForecast,
    eu_rounds,
    forecast,
    weighted_mean,
)
from parley.deal.model import Deal, Term, load_deal, parse_deal
from parley.deal.territory import (
    ControlEntry,
    TerritoryChanges,
    control_from_store,
    load_control_file,
    territory_changes,
)

__all__ = [
    "Actor", "CapComparison", "ControlEntry", "Deal", "DealEvaluation", "EUParams", "EURun",
    "IssueForecast", "PartySummary", "Term", "TerritoryChanges", "Verdict", "army_numbers", "compare_caps",
    "compare_deals", "control_from_store", "eu_rounds", "stated_cap",
    "evaluate_deal", "evaluate_deal_files", "evaluate_record", "forecast", "load_control_file", "load_deal", "parse_deal",
    "record_from_store", "territory_changes", "verdict_for", "weighted_mean",
]
