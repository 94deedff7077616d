"""Freeze the clock: what is upcoming, running or past depends on today in Seoul."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

SEOUL = ZoneInfo("Asia/Seoul")


def on(day):
    """Freeze the clock at noon in Seoul on ``day``."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=SEOUL), tick=False)
