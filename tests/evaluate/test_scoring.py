"""The scoring helpers, on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from kroniek.evaluate.common import (NONE, Worst, accuracy, align_span, confusion, distance_shares, haversine_km,
                                     macro_f1, match_spans, median, parse_date, per_class, prf)
from kroniek.evaluate.countries import acled_actor_country, acled_gold_country, code_to_alpha3, name_to_alpha3


def test_prf_counts_and_undefined_cases():
    score = prf(tp=3, fp=1, fn=2)
    assert score["precision"] == pytest.approx(0.75)
    assert score["recall"] == pytest.approx(0.6)
    assert score["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 4)["precision"] is None and prf(0, 0, 4)["f1"] == 0.0
    assert prf(0, 0, 0)["f1"] is None


def test_accuracy_macro_f1_and_confusion_treat_missing_prediction_as_wrong():
    pairs = [("Battles", "Battles"), ("Battles", NONE), ("Protests", "Protests"), ("Riots", "Protests")]
    assert accuracy(pairs) == 0.5
    classes = per_class(pairs)
    assert classes["Battles"]["recall"] == 0.5 and classes["Battles"]["precision"] == 1.0
    assert classes["Protests"]["precision"] == 0.5 and classes["Riots"]["f1"] == 0.0
    # macro over gold classes: Battles 2/3, Protests 2/3, Riots 0
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert confusion(pairs) == {"Battles": {"Battles": 1, NONE: 1}, "Protests": {"Protests": 1}, "Riots": {"Protests": 1}}


def test_haversine_and_distance_shares():
    # Amsterdam - Rotterdam is about 57 km
    assert haversine_km(52.3676, 4.9041, 51.9244, 4.4777) == pytest.approx(57.5, abs=1.5)
    assert haversine_km(10, 10, 10, 10) == 0
    shares = distance_shares([0.5, 40.0, 200.0, None])
    assert shares == {"within_10km": 0.25, "within_50km": 0.5, "within_161km": 0.5}
    assert median([3.0, None, 1.0, 2.0]) == 2.0 and median([None]) is None


def test_match_spans_is_one_to_one_and_prefers_larger_overlap():
    gold = [(0, 10), (20, 25)]
    predicted = [(5, 12), (0, 9), (30, 35)]
    assert match_spans(gold, predicted) == [(0, 1)]
    assert match_spans([(0, 4)], [(4, 8)]) == []


def test_align_span_repairs_shifted_offsets_or_gives_up():
    text = "Floods hit Pandi, Bulacan on Sunday."
    assert align_span(text, 12, 17, "Pandi") == (11, 16)
    assert align_span(text, 11, 16, "Pandi") == (11, 16)
    assert align_span(text, 0, 5, "Manila") is None


def test_parse_date_reads_both_acled_styles():
    assert parse_date("2022-06-08").isoformat() == "2022-06-08"
    assert parse_date("9-May-20").isoformat() == "2020-05-09"
    assert parse_date("30-Apr-20").isoformat() == "2020-04-30"
    assert parse_date("yesterday") is None and parse_date("") is None


def test_worst_keeps_the_n_worst_and_builds_cases_lazily():
    worst = Worst(2)
    built = []

    def make(name):
        def build():
            built.append(name)
            return {"doc": name}
        return build

    for badness, name in [(1, "a"), (5, "b"), (0, "zero"), (3, "c"), (2, "d")]:
        worst.add(badness, make(name))
    assert [c["doc"] for c in worst.cases()] == ["b", "c"]
    assert "zero" not in built
    assert Worst(0).cases() == []


@pytest.mark.parametrize("actor, row_country, expected", [
    ("Military Forces of Russia (2000-)", "Ukraine", "RUS"),
    ("Protesters (Bolivia)", "Bolivia", "BOL"),
    ("Police Forces of Democratic Republic of Congo (2019-)", "Democratic Republic of Congo", "COD"),
    ("Government of the United States (2021-)", "Iraq", "USA"),
    ("Al Shabaab", "Somalia", "SOM"),  # no country in the name: the row's country
    ("Islamic State West Africa Province (ISWAP)", "Nigeria", "NGA"),
    ("", "Nigeria", None),
])
def test_acled_gold_country(actor, row_country, expected):
    assert acled_gold_country(actor, row_country) == expected


def test_country_names_and_cameo_codes():
    assert name_to_alpha3("Turkey") == "TUR" and name_to_alpha3("Syria") == "SYR"
    assert name_to_alpha3("2019-") is None and acled_actor_country("Al Shabaab") is None
    assert code_to_alpha3("JAP") == "JPN" and code_to_alpha3("usa") == "USA"
    assert code_to_alpha3("IGO") is None and code_to_alpha3("") is None
