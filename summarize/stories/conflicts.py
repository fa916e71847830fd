"""The one home of the rules that tell two articles apart as different events or times, read off their
``features.Profile``s: what conflicts (``conflicts``: other event years or months in the leads, one
person at two ages, one office held by different people, no official in common) and what dates them
apart (``other_times``, which holds topics apart too).  Years do not date two reports apart where they
are one background told two ways (``background_years``: two reports of one year, neither naming it,
their years a year apart); they still conflict as events.

An office matches another that omits its country (``same_offices``: 'وزير خارجيه' and 'وزير خارجيه
امريكي'); its holders differ when neither text names the other's (``other_holders``: the reports of a
handover, 'Trump fires Tillerson, names Pompeo', name both and are one story); one person's ages
``AGE_APART`` or more apart put the texts years apart (``ages_apart``: تراك بالين، البالغ من العمر 26
عامًا vs 29 عامًا).  ``linking`` reads a pair's conflicts into its ``Link`` (a conflict vetoes the rules'
link and is one of the pair models' features); ``linking.levels`` holds topics apart over other times.
"""

from __future__ import annotations

from datetime import datetime, timezone

from summarize.stories.features import Profile
from summarize.stories.model import published

AGE_APART = 2  # one person's ages this far apart: the texts are years apart
# two reports of one year that name only other years, this close: one background told two ways
# (``background_years``), not two events' dates
BACKGROUND_APART = 1
# Read only where nothing else conflicts: both texts name officials and neither names the other's.  An
# absence, not a sign of another event (``absence_only``): the rules' link heeds it, the event models
# weigh it (their ``conflict`` feature), and it holds no scored pair apart (``linking.score_links``).
NO_OFFICIAL = "no official in common"


def conflicts(p: Profile, q: Profile) -> list[str]:
    """What says two articles report different events: years, months, ages, office holders."""
    found = []
    if _disjoint(p.years, q.years):
        found.append(f"event years {sorted(p.years)} vs {sorted(q.years)}")
    if _disjoint(p.months, q.months):
        found.append(f"event months {sorted(p.months)} vs {sorted(q.months)}")
    for name in ages_apart(p, q):
        found.append(f"ages of {name}: {'/'.join(map(str, sorted(p.ages[name])))}"
                     f" vs {'/'.join(map(str, sorted(q.ages[name])))}")
    for a, b in same_offices(p.offices, q.offices):
        if not p.offices[a] & q.offices[b]:
            found.append(f"{a}: {' '.join(sorted(p.offices[a]))} vs {' '.join(sorted(q.offices[b]))}")
    if not found and p.people and q.people and not (
            p.people & q.counts.keys() or q.people & p.counts.keys()):
        found.append(f"{NO_OFFICIAL} ({' '.join(sorted(p.people))} vs {' '.join(sorted(q.people))})")
    return found


def absence_only(found: list[str]) -> bool:
    """Whether the conflicts read (``conflicts``) are only that no official is in common."""
    return len(found) == 1 and found[0].startswith(NO_OFFICIAL)


def other_times(p: Profile, q: Profile) -> bool:
    """Whether two articles are of other times: other event years or months, a person at two ages, or
    one office, named in full (its country too; a former holder is no other time), held by different
    people."""
    if (_disjoint(p.years, q.years) and not background_years(p, q)) or _disjoint(p.months, q.months):
        return True
    if ages_apart(p, q):
        return True
    return any(min(len(a.split()), len(b.split())) >= 3 and "سابق" not in a + " " + b
               for a, b in other_holders(p, q))


def background_years(p: Profile, q: Profile) -> bool:
    """Whether the years two reports name are one background told two ways, not two events' dates: both
    published in one year that neither names, their years at most ``BACKGROUND_APART`` apart.  The Iran
    nuclear deal is «الذي وقعته إيران ... في 2015» to BBC and «الذي أبرمته عام 2016» to CNN (April 2018); Salah
    Abdeslam's sentence names the Paris attacks «عام 2015» in one report and the shooting of «15 مارس 2016»
    in another (ANT, 2018-04-23).  Reports without a publication time (the sample, NTREX) keep every year
    (the sample's three meetings are three years)."""
    year = _published_year(p)
    if year is None or year != _published_year(q) or year in p.years | q.years:
        return False
    return bool(p.years) and bool(q.years) and \
        min(abs(x - y) for x in p.years for y in q.years) <= BACKGROUND_APART


def _published_year(p: Profile) -> int | None:
    days = published(p.article)
    return None if days is None else datetime.fromtimestamp(days * 86400, timezone.utc).year


def _disjoint(x: set, y: set) -> bool:
    """Both name some, and none in common (event years, event months)."""
    return bool(x) and bool(y) and not x & y


def ages_apart(p: Profile, q: Profile) -> list[str]:
    """The people both give an age, at ages ``AGE_APART`` or more apart (sorted, not in set order: the same
    reasons in every process)."""
    return [name for name in sorted(p.ages.keys() & q.ages.keys())
            if min(abs(x - y) for x in p.ages[name] for y in q.ages[name]) >= AGE_APART]


def other_holders(p: Profile, q: Profile) -> list[tuple[str, str]]:
    """The offices both name (``same_offices``) held by different people, where neither text names the
    other's holder: on the day one hands the office to another ('Trump fires Tillerson, names Pompeo'), the
    reports of the handover name both, and are one story, not two times."""
    return [(a, b) for a, b in same_offices(p.offices, q.offices)
            if not p.offices[a] & q.offices[b]
            and not (p.offices[a] & q.counts.keys() or q.offices[b] & p.counts.keys())]


def same_offices(x: dict[str, set[str]], y: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Offices named in both; 'وزير خارجيه' matches 'وزير خارجيه امريكي' (one omits the country)."""
    return [(a, b) for a in x for b in y
            if a == b or a.startswith(b + " ") or b.startswith(a + " ")]
