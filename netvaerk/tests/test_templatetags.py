"""Danish formats for prices, dates and times as the secretariats write them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from netvaerk.templatetags.portal import dkk, dmy, hm


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(0, "DKK 0,-"), (Decimal("0.00"), "DKK 0,-"), (1250, "DKK 1.250,-"), (Decimal("99.50"), "DKK 99,50")],
)
def test_dkk_price_in_danish_format(amount, shown):
    assert dkk(amount) == shown


def test_dkk_empty_price_shows_nothing():
    assert dkk(None) == ""


def test_hm_and_dmy_show_copenhagen_time():
    # 07.30 UTC on a summer day is 09.30 in Copenhagen.
    moment = dt.datetime(2022, 4, 21, 7, 30, tzinfo=dt.UTC)
    assert hm(moment) == "09.30"
    assert dmy(moment) == "21.04.2022"


def test_dmy_date_just_after_midnight_in_copenhagen_is_next_day():
    moment = dt.datetime(2030, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert dmy(moment) == "01.01.2031"
    assert timezone.localtime(moment).year == 2031


def test_hm_plain_time():
    assert hm(dt.time(14, 5)) == "14.05"
