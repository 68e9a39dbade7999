"""Deals: a proposed settlement checked against every party's record, its
territorial arithmetic, and a forecast of where a settlement lands."""

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
from parley.deal.forecast import Actor, EUParams, IssueForecast, eu_rounds, forecast, weighted_mean
from parley.deal.model import Deal, Term, load_deal, parse_deal
from parley.deal.territory import (
    ControlEntry,
    TerritoryChanges,
    control_from_store,
    load_control_file,
    territory_changes,
)

__all__ = [
    "Actor", "ControlEntry", "Deal", "DealEvaluation", "EUParams", "IssueForecast", "PartySummary",
    "Term", "TerritoryChanges", "Verdict", "compare_deals", "control_from_store", "eu_rounds",
    "evaluate_deal", "evaluate_deal_files", "evaluate_record", "forecast", "load_control_file", "load_deal", "parse_deal",
    "record_from_store", "territory_changes", "verdict_for", "weighted_mean",
]
