"""What every reader says the same way: an outlet's display name, a time as ISO 8601, a safe URL.

Outlets: ANT's ``SRC`` codes (and DOCNO prefixes), common sites' host names and their Arabic names
map to one display name each (``OUTLETS``); anything else is kept as the source wrote it.
Times: RFC 822 (RSS, ANT's ``TIME``) or ISO 8601 become timezone-aware ISO 8601; a time without a
zone is taken as UTC, a bare date stays a date.  URLs: only ``http``/``https`` are kept.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urlsplit

# key (lower case: ANT SRC code, DOCNO prefix, host without www., or the outlet's own name) -> display name
OUTLETS = {
    "alarabia": "Al Arabiya", "al": "Al Arabiya", "alarabiya.net": "Al Arabiya", "العربية": "Al Arabiya",
    "العربية نت": "Al Arabiya", "al arabiya": "Al Arabiya",
    "bbc": "BBC Arabic", "bb": "BBC Arabic", "bbc.co.uk": "BBC Arabic", "bbc.com": "BBC Arabic",
    "bbc arabic": "BBC Arabic", "بي بي سي": "BBC Arabic", "بي بي سي عربي": "BBC Arabic", "bbc news عربي": "BBC Arabic",
    "cnn": "CNN Arabic", "cn": "CNN Arabic", "arabic.cnn.com": "CNN Arabic", "cnn arabic": "CNN Arabic",
    "سي إن إن": "CNN Arabic", "cnn بالعربية": "CNN Arabic",
    "france24": "France 24", "fr": "France 24", "france24.com": "France 24", "france 24": "France 24",
    "فرانس 24": "France 24",
    "skynews": "Sky News Arabia", "sk": "Sky News Arabia", "skynewsarabia.com": "Sky News Arabia",
    "sky news arabia": "Sky News Arabia", "سكاي نيوز عربية": "Sky News Arabia",
    "aljazeera.net": "Al Jazeera", "الجزيرة": "Al Jazeera", "الجزيرة نت": "Al Jazeera", "al jazeera": "Al Jazeera",
    "aawsat.com": "Asharq Al-Awsat", "الشرق الأوسط": "Asharq Al-Awsat",
    "elaph.com": "Elaph", "إيلاف": "Elaph",
    "arabic.rt.com": "RT Arabic", "rt arabic": "RT Arabic",
    "alhurra.com": "Alhurra", "الحرة": "Alhurra",
    "dw.com": "DW Arabic", "independentarabia.com": "Independent Arabia", "اندبندنت عربية": "Independent Arabia",
    "akhbaralaan.net": "Akhbar Al Aan", "أخبار الآن": "Akhbar Al Aan",
    "youm7.com": "Youm7", "اليوم السابع": "Youm7", "ahram.org.eg": "Al-Ahram", "الأهرام": "Al-Ahram",
    "wam.ae": "WAM", "spa.gov.sa": "SPA", "reuters.com": "Reuters", "رويترز": "Reuters",
}


def outlet_name(*candidates: str | None) -> str | None:
    """The display name of the first candidate that names an outlet (a code, a site, a URL or a name):
    a known one mapped (``skynews`` -> ``Sky News Arabia``), else the first non-empty candidate as written."""
    first = None
    for value in candidates:
        if not value or not value.strip():
            continue
        value = " ".join(value.split())
        first = first or value
        key = value.casefold()
        if "://" in key:
            key = _host(key)
        key = key.removeprefix("www.")
        if key in OUTLETS:
            return OUTLETS[key]
        host_parts = key.split(".")
        for i in range(len(host_parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
            if ".".join(host_parts[i:]) in OUTLETS:
                return OUTLETS[".".join(host_parts[i:])]
    if first and "://" in first:
        return _host(first) or first
    return first


def _host(url: str) -> str:
    """The host name of ``url``; empty for an address that does not parse (``http://[::1``)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_time(value: str | None) -> str | None:
    """``value`` (RFC 822 or ISO 8601) as timezone-aware ISO 8601 (``2018-02-18T20:21:45+00:00``);
    a bare date as ``YYYY-MM-DD``; ``None`` when it is not a time at all."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    when = None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.isoformat()


def instant(published: str | None) -> dt.datetime | None:
    """An ISO 8601 time (or date: its midnight UTC) as an aware datetime, for ordering."""
    if not published:
        return None
    try:
        when = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def shown_time(published: str | None) -> str:
    """How the briefs show a publication time: ``9 May 2018 10:12 UTC`` (a bare date: ``9 May 2018``)."""
    when = instant(published)
    if when is None:
        return ""
    if published and _DATE.match(published):
        return f"{when.day} {when:%b %Y}"
    when = when.astimezone(dt.timezone.utc)
    return f"{when.day} {when:%b %Y %H:%M} UTC"


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL without spaces or control characters, else ``None``."""
    if not value:
        return None
    value = value.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None
