"""Extractive summaries against human ones: ROUGE on EASC Wikipedia and on the BBC's abstracts.

    python scripts/eval_summary.py [--split dev|test|all] [--json]
    python scripts/eval_summary.py --bbc [--bbc-split dev|train|all]   # the BBC journalists' summaries
    python scripts/eval_summary.py --humans     # each annotator against the other four, and the lead
    python scripts/eval_summary.py --ntrex      # news without human summaries: a sanity check
    python scripts/eval_summary.py --speed      # milliseconds an article to score and pick

Every system picks whole sentences from the same list, the project's own sentence
splitter's (``summarize.ingest.sections.build_sections`` on the cleaned article), so the
systems differ only in which sentences they choose:

* ``ours``: ``summarize.summary.select.summarize`` as the product runs it;
* ``salience``: ``summarize.summary.salience.scores`` picked by the product's selection
  (``summarize.summary.select.select``, through ``mmr`` below), with the page name as headline;
* ``expected``: the k sentences whose words best match an *expected* reference (each
  sentence's words weighed by its salience score squared, scaled so the reference is 40% of
  the article; unigrams and bigrams; greedy F1): minimum-Bayes-risk picking, tried and
  left out of the product because it wins only by choosing longer sentences (see the
  "at its words" rows);
* ``lead``: the first k sentences;
* ``lexrank``, ``textrank``: sumy's summarizers fed our sentences, with sumy's Arabic
  stop words.

Each is scored at k = 3, k = 5, k = the references' length (per article: the mean over
its five human summaries of their sentence counts, counted with the same splitter,
rounded half up) and k = the proposed default (``salience.default_length``).
ROUGE-1/2/L F1 (``rouge-score``; its own tokenizer drops every Arabic letter, so
``ArabicTokenizer`` normalizes as the data's README says and splits on ``\\w+``),
averaged over the five references, then over the articles.

Under each table, every system's difference from the lead per article, averaged, with its
paired standard error (on 53 articles a difference under about twice that is noise); then
the same against the article's first words cut to the system's own summary's length in
words, which takes the length out (a summary of shorter sentences loses recall at a fixed
sentence count).

``--bbc``: the BBC Arabic articles of the ANT corpus (``../shared/data/ant/docs/BBC``; Chouigui,
Ben Khiroun and Elayeb, ANT corpus v2.1, AJSE 2021), each scored against its ``ABSTRACT``, the
summary the BBC's journalists wrote under the headline (``load_bbc``: the TITLE is the headline,
never a sentence); split by date (``BBC_SPLITS``: train January-April 2018, which
scripts/fit_salience.py fits on, dev July-August).  Systems ours, lead, LexRank, TextRank and
``oracle`` (greedy ROUGE-1 + ROUGE-2 against the abstract: the ceiling of whole sentences), at
k = 1, 2, 3 and ``words``: sentences until the abstract's length in words, cut there.

Splits: the 106 articles sorted by their topic number; even positions are ``dev``
(the half the salience model is fitted on, scripts/fit_salience.py), odd positions ``test``.

``--humans`` scores each annotator's summary against the other four references, and the
lead and ours at that annotator's sentence count against the same four: how well one person
predicts the others, next to how well the first sentences and the product do.

``--ntrex`` runs the salience pick (headline, default length) on the NTREX news
articles, which have no human summaries, so no ROUGE: it says how often the lead
sentence is picked, how many picks are among the first sentences, and how many of the
headline's figures (``summarize.numbers``) the summary keeps.

Needs the ``eval`` extra: ``pip install -e '.[eval]'``.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from statistics import mean
from typing import NamedTuple
from urllib.parse import unquote

from summarize.document import Article, Text
from summarize.ingest.clean import clean
from summarize.ingest.sections import build_sections
from summarize.ingest.sentences import split_sentences
from summarize.language.arabic import normalize
from summarize.summary import salience
from summarize.summary.select import select, summarize

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "easc" / "easc-wikipedia.jsonl"
METRICS = ("rouge1", "rouge2", "rougeL")
LENGTHS = ("3", "5", "ref", "default")
SPLITS = ("dev", "test", "all")

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """The data README's comparison: ``arabic.normalize`` (no harakat or tatweel; أ إ آ -> ا,
    ى -> ي, ة -> ه), lower case, ``\\w+`` words."""
    return _TOKEN.findall(normalize(text).lower())


class ArabicTokenizer:
    """For rouge-score, whose own tokenizer drops every Arabic letter."""

    def tokenize(self, text: str) -> list[str]:
        return tokens(text)


class SumyTokenizer:
    """The one method sumy's Sentence asks of a tokenizer (its own needs NLTK data)."""

    @staticmethod
    def to_words(sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


# --- the data ---------------------------------------------------------------------------------

class Item(NamedTuple):
    id: str
    title: str  # the Wikipedia page's name, from its address: the article's headline
    article: Article
    sentences: list[str]
    references: list[str]
    ref_length: int  # sentences in a reference, mean over the five, rounded half up
    date: str = ""  # BBC: the article's date, YYYYMMDD (its DOCNO's)


def topic_number(topic: str) -> int:
    return int(re.sub(r"\D", "", topic))


def load(path: Path = DATA) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = build_sections(clean(Article(stem=row["id"], source=path, raw=row["article"])))
        references = row["summaries"]
        counts = [len(split_sentences(r)) for r in references]
        ref_length = int(mean(counts) + 0.5)
        title = unquote(row["url"]).rstrip("/").rsplit("/", 1)[-1].replace("_", " ")
        items.append(Item(row["id"], title, article, [s.ar for s in article.sentences], references, ref_length))
    return sorted(items, key=lambda item: topic_number(item.id))


def split(items: list[Item], name: str) -> list[Item]:
    if name == "all":
        return items
    return items[0::2] if name == "dev" else items[1::2]


# --- BBC Arabic (ANT corpus): the journalists' abstracts ---------------------------------------

BBC = DATA.parents[1] / "ant" / "docs" / "BBC"
#: The BBC split by date: ``train`` 2018-01-01 to 2018-04-30 (the salience model is fitted on it),
#: ``dev`` 2018-07-01 to 2018-08-31 (the months after; checked, never fitted on).
BBC_SPLITS = {"train": ("20180101", "20180430"), "dev": ("20180701", "20180831")}
_FIELD = re.compile(r"<(DOCNO|TITLE|ABSTRACT|TEXT)>(.*?)</\1>", re.DOTALL)


def read_record(text: str) -> dict[str, str]:
    """The fields of one TREC-style ``<DOC>`` record (the first occurrence of each), stripped."""
    fields: dict[str, str] = {}
    for tag, value in _FIELD.findall(text):
        fields.setdefault(tag, html.unescape(value).strip())
    return fields


def load_bbc(folder: Path = BBC, part: str = "all") -> list[Item]:
    """The BBC articles of ``part`` (``BBC_SPLITS``' names, or ``all``) with an abstract and text:
    the TEXT split by the project (``build_sections`` on the cleaned text, which is given no
    headline line, so the headline is never a sentence), the TITLE as the headline, the ABSTRACT
    as the one reference.  Sorted by date, then DOCNO."""
    low, high = BBC_SPLITS.get(part, ("", "99999999"))
    items = []
    for path in sorted(folder.rglob("*.txt")):
        date = path.stem.rsplit("-", 1)[-1]
        if not low <= date <= high:
            continue
        fields = read_record(path.read_text(encoding="utf-8"))
        body, abstract, title = fields.get("TEXT", ""), fields.get("ABSTRACT", ""), fields.get("TITLE", "")
        if not body or not abstract:
            continue
        article = clean(Article(stem=fields.get("DOCNO", path.stem), source=path, raw=body))
        article.text = "headline\n" + article.text  # a stand-in the splitter takes for the headline,
        article = build_sections(article)  # so that no line of the TEXT is taken for one: the TITLE is
        article.title, article.title_from_headline = Text(title or article.stem, kind="title", id="title"), bool(title)
        sentences = [s.ar for s in article.sentences]
        if not sentences:
            continue
        items.append(Item(article.stem, title, article, sentences, [abstract],
                          max(1, len(split_sentences(abstract))), date))
    return sorted(items, key=lambda item: (item.date, item.id))


def length(item: Item, rule: str) -> int:
    if rule == "ref":
        k = item.ref_length
    elif rule == "default":
        k = salience.default_length(len(item.sentences))
    else:
        k = int(rule)
    return max(1, min(k, len(item.sentences)))


# --- systems: (item, k) -> chosen sentence indices --------------------------------------------

def lead(item: Item, k: int) -> list[int]:
    return list(range(k))


def ours(item: Item, k: int) -> list[int]:
    index = {s.id: i for i, s in enumerate(item.article.sentences)}
    return [index[sid] for sid in summarize(item.article, k)]


def mmr(sentences: list[str], relevance: list[float], k: int,
        trade_off: float = salience.MMR_LAMBDA, duplicate: float = salience.DUPLICATE) -> list[int]:
    """The product's pick (``summary.select.select`` over salience bags, as
    ``summary.select.summarize`` calls it) with any ``relevance``: each pick maximises
    ``trade_off * relevance - (1 - trade_off) * (closest cosine to a pick)``, and a sentence
    ``duplicate``-close to a pick is taken only when nothing else is left.  Indices in
    document order."""
    bags = [salience.bag(s) for s in sentences]
    chosen = select(range(len(sentences)), relevance.__getitem__,
                    lambda i, j: salience.cosine(bags[i], bags[j]), min(k, len(sentences)),
                    trade_off=trade_off, duplicate=duplicate)
    return sorted(chosen)


def ours_salience(item: Item, k: int) -> list[int]:
    return mmr(item.sentences, salience.scores(item.sentences, item.title), k)


EXPECTED_POWER, EXPECTED_SHARE = 2, 0.4  # chosen on dev among 1-3 and 0.25-0.4


def expected(item: Item, k: int) -> list[int]:
    """Greedy: each pick maximises the chosen sentences' n-gram F1 against the expected
    reference (see the module's docstring)."""
    words = [tokens(s) for s in item.sentences]
    grams = [Counter(t) + Counter(zip(t, t[1:])) for t in words]
    p = [x ** EXPECTED_POWER for x in salience.scores(item.sentences, item.title)]
    sizes = [len(t) for t in words]
    scale = EXPECTED_SHARE * sum(sizes) / (sum(a * b for a, b in zip(p, sizes)) or 1)
    reference: Counter = Counter()
    for weight, g in zip(p, grams):
        for gram, n in g.items():
            reference[gram] += min(1.0, weight * scale) * n
    reference_size = sum(reference.values())
    chosen: list[int] = []
    bag: Counter = Counter()

    def f1(i: int) -> float:
        c = bag + grams[i]
        return 2 * sum(min(n, reference[g]) for g, n in c.items()) / (sum(c.values()) + reference_size)
    while len(chosen) < min(k, len(item.sentences)):
        best = max((i for i in range(len(item.sentences)) if i not in chosen), key=f1)
        chosen.append(best)
        bag += grams[best]
    return sorted(chosen)


def _sumy(name: str):
    """sumy's summarizer ``name`` (``LexRank``, ``TextRank``) with its Arabic stop words,
    fed our sentences as one paragraph."""
    @lru_cache(maxsize=1)
    def summarizer():
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
        made = {"LexRank": LexRankSummarizer, "TextRank": TextRankSummarizer}[name]()
        made.stop_words = get_stop_words("arabic")
        return made

    def choose(item: Item, k: int) -> list[int]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        document = ObjectDocumentModel([Paragraph([Sentence(s, SumyTokenizer) for s in item.sentences])])
        picked = {str(s) for s in summarizer()(document, k)}
        return [i for i, s in enumerate(item.sentences) if s.strip() in picked][:k]
    return choose


def grams(words: list[str], n: int) -> Counter:
    return Counter(zip(*(words[i:] for i in range(n))))


def f1(candidate: Counter, reference: Counter) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def rouge12(text: str, reference: str) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 F1 (0 to 1) of ``text`` against ``reference``, counted as rouge-score
    counts them with ``tokens`` (quicker: no ROUGE-L)."""
    a, b = tokens(text), tokens(reference)
    return f1(grams(a, 1), grams(b, 1)), f1(grams(a, 2), grams(b, 2))


def oracle(item: Item, k: int) -> list[int]:
    """Greedy, seeing the reference: each pick maximises the chosen sentences' ROUGE-1 + ROUGE-2 F1
    against the first reference (the BBC abstract): the ceiling of picking whole sentences."""
    chosen: list[int] = []
    while len(chosen) < min(k, len(item.sentences)):
        def gain(i: int) -> float:
            return sum(rouge12(" ".join(item.sentences[j] for j in sorted(chosen + [i])), item.references[0]))
        chosen.append(max((i for i in range(len(item.sentences)) if i not in chosen), key=gain))
    return sorted(chosen)


SYSTEMS = {
    "ours": ours,
    "salience": ours_salience,
    "expected": expected,
    "lead": lead,
    "lexrank": _sumy("LexRank"),
    "textrank": _sumy("TextRank"),
    "oracle": oracle,
}
EASC_SYSTEMS = [name for name in SYSTEMS if name != "oracle"]
BBC_SYSTEMS = ["ours", "lead", "lexrank", "textrank", "oracle"]
BBC_LENGTHS = ("1", "2", "3", "words")

# --- scoring ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def scorer():
    from rouge_score import rouge_scorer  # the eval extra: imported only to score
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=ArabicTokenizer())


def rouge(summary: str, references: list[str]) -> dict[str, float]:
    """F1 per metric, averaged over the references, in percent."""
    scores = [scorer().score(reference, summary) for reference in references]
    return {m: 100 * mean(s[m].fmeasure for s in scores) for m in METRICS}


_PICKED: dict = {}


def picked(system, item: Item, k: int) -> list[int]:
    """``system(item, k)``, remembered: the ``words`` rule asks again for the k it had at 1, 2, 3."""
    key = (system, item.id, k)
    if key not in _PICKED:
        _PICKED[key] = system(item, k)
    return _PICKED[key]


def summary_text(item: Item, system, rule: str) -> str:
    """The system's summary of ``item`` under a length ``rule``: k sentences (document order), or
    with ``words`` (BBC), as many sentences as the system needs to reach the abstract's length in
    words (asking it for 1, 2, ... sentences), cut to exactly that many words."""
    if rule != "words":
        return " ".join(item.sentences[i] for i in picked(system, item, length(item, rule)))
    budget = len(item.references[0].split())
    for k in range(1, len(item.sentences) + 1):
        text = " ".join(item.sentences[i] for i in picked(system, item, k))
        if len(text.split()) >= budget:
            break
    return " ".join(text.split()[:budget])


def per_article(items: list[Item], system, rule: str, same_words: bool = False) -> dict[str, dict[str, float]]:
    """Per article id: F1 per metric, and ``words``, the summary's length in words (at a
    fixed sentence count, longer sentences alone raise the recall); with ``same_words``,
    also the F1 of the article's first that many words (``<metric>_lead_words``)."""
    out = {}
    for item in items:
        summary = summary_text(item, system, rule)
        words = len(summary.split())
        out[item.id] = {**rouge(summary, item.references), "words": words}
        if same_words:
            first_words = " ".join(" ".join(item.sentences).split()[:words])
            out[item.id].update({f"{m}_lead_words": f for m, f in rouge(first_words, item.references).items()})
    return out


def run(items: list[Item], splits: list[str], systems: list[str], rules: tuple[str, ...] = LENGTHS,
        parts: dict[str, list[Item]] | None = None) -> dict:
    """{split: {system: {length rule: figures}}}, every system choosing from the same sentences;
    each article is scored once for all splits (``parts``: the splits' articles, by default the
    EASC halves).  Figures: per metric the mean F1, its mean
    difference from the lead's and that difference's standard error (``<metric>_vs_lead``,
    ``<metric>_se``), the difference from the lead cut to the system's own number of words
    (``<metric>_vs_lead_words``, ``<metric>_se_words``), and ``words``, the mean length."""
    parts = parts or {name: split(items, name) for name in splits}
    wanted = {item.id: item for name in splits for item in parts[name]}
    scored = {(system, rule): per_article(list(wanted.values()), SYSTEMS[system], rule, system != "lead")
              for system in {*systems, "lead"} for rule in rules}

    def figures(part: list[Item], system: str, rule: str) -> dict[str, float]:
        by_article = [scored[system, rule][i.id] for i in part]
        out = {m: mean(a[m] for a in by_article) for m in (*METRICS, "words")}
        for m in METRICS:
            out[f"{m}_vs_lead"], out[f"{m}_se"] = paired(
                [a[m] - scored["lead", rule][i.id][m] for a, i in zip(by_article, part)])
            if system != "lead":
                out[f"{m}_vs_lead_words"], out[f"{m}_se_words"] = paired(
                    [a[m] - a[f"{m}_lead_words"] for a in by_article])
        return out
    return {name: {system: {rule: figures(parts[name], system, rule) for rule in rules}
                   for system in systems}
            for name in splits}


def paired(differences: list[float]) -> tuple[float, float]:
    """The mean of per-article differences and its standard error."""
    m = mean(differences)
    if len(differences) < 2:
        return m, 0.0
    return m, math.sqrt(sum((d - m) ** 2 for d in differences) / (len(differences) - 1) / len(differences))


def table(results: dict, items: list[Item], rules: tuple[str, ...] = LENGTHS,
          parts: dict[str, list[Item]] | None = None, corpus: str = "EASC Wikipedia") -> str:
    lines = []
    for name, systems in results.items():
        part = (parts or {})[name] if parts else split(items, name)
        mean_ref = mean(i.ref_length for i in part)
        mean_default = mean(length(i, "default") for i in part)
        ks = (f"k=ref averages {mean_ref:.1f} sentences, k=default {mean_default:.1f}; " if "ref" in rules
              else "k=words: the abstract's length in words; ")
        lines.append(f"\n{corpus}, {name} ({len(part)} articles; ROUGE F1 R1/R2/RL; {ks}"
                     f"references {mean(mean(len(r.split()) for r in i.references) for i in part):.0f} words)")
        lines.append("| system | " + " | ".join(f"k={rule}" for rule in rules) + " |")
        lines.append("|---" * (len(rules) + 1) + "|")
        for system, by_rule in systems.items():
            cells = [" / ".join(f"{by_rule[rule][m]:.1f}" for m in METRICS) + f" ({by_rule[rule]['words']:.0f}w)"
                     for rule in rules]
            lines.append(f"| {system} | " + " | ".join(cells) + " |")
        for suffix, label in (("", "lead"), ("_words", "lead at its words")):
            for system, by_rule in systems.items():
                if system != "lead":
                    cells = [" / ".join(f"{by_rule[rule][m + '_vs_lead' + suffix]:+.2f}" for m in METRICS)
                             + f" ±{by_rule[rule]['rouge1_se' + suffix]:.2f}" for rule in rules]
                    lines.append(f"| {system} − {label} (± R1 SE) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def humans(items: list[Item], splits: list[str]) -> dict:
    """{split: {"human": F1s, "lead": F1s, "ours": F1s}}: each annotator's summary against the
    other four, and the lead and ours (the product's pick) at that summary's sentence count
    against the same four, averaged over both."""
    wanted = {item.id: item for name in splits for item in split(items, name)}
    scored = {}
    for item in wanted.values():
        for j, reference in enumerate(item.references):
            others = item.references[:j] + item.references[j + 1:]
            k = max(1, min(len(split_sentences(reference)), len(item.sentences)))
            picked = " ".join(item.sentences[i] for i in ours(item, k))
            scored[item.id, j] = (rouge(reference, others), rouge(" ".join(item.sentences[:k]), others),
                                  rouge(picked, others))
    return {name: {who: {m: mean(scored[i.id, j][side][m] for i in split(items, name) for j in range(5))
                         for m in METRICS}
                   for side, who in enumerate(("human", "lead", "ours"))}
            for name in splits}


def speed(items: list[Item]) -> str:
    """Milliseconds per article to score the sentences and to pick the summary (after the
    background table's first load, timed apart)."""
    import time
    start = time.perf_counter()
    salience.scores(items[0].sentences)
    first = time.perf_counter() - start
    timings = []
    for step in (lambda item: salience.scores(item.sentences), lambda item: summarize(item.article)):
        start = time.perf_counter()
        for item in items:
            step(item)
        timings.append(1000 * (time.perf_counter() - start) / len(items))
    sentences = sum(len(item.sentences) for item in items) / len(items)
    return (f"{len(items)} articles, {sentences:.1f} sentences on average: scoring {timings[0]:.1f} ms an article, "
            f"the summary (scoring and the MMR pick) {timings[1]:.1f} ms; first call {1000 * first:.0f} ms")


NTREX = DATA.parents[1] / "ntrex" / "docs"


def ntrex(folder: Path = NTREX) -> dict[str, float]:
    """The salience pick (headline, default length) on the NTREX news: no human summaries, so
    only how often the lead is picked, the picks' share among the first k (the default
    length) sentences, and the share of the headline's figures (values) that the summary
    keeps, next to the share the first k sentences keep."""
    from summarize.numbers import extract_arabic
    from summarize.pipeline import prepare_article

    def figures(text: str) -> set:
        return {q.value for q in extract_arabic(text) if q.value is not None}
    lead_kept, early, headlines, titled, kept = 0, [], 0, 0, {"salience": 0, "lead": 0}
    paths = sorted(folder.glob("*.arb.txt"))
    for path in paths:
        article = prepare_article(path)
        sentences = [s.ar for s in article.sentences]
        title = article.title.ar if article.title_from_headline else None
        k = salience.default_length(len(sentences))
        picked = mmr(sentences, salience.scores(sentences, title), k)
        titled += title is not None
        lead_kept += 0 in picked
        early.append(sum(i < k for i in picked) / k)
        wanted = figures(title or "")
        headlines += len(wanted)
        for name, chosen in (("salience", picked), ("lead", range(k))):
            kept[name] += len(wanted & set().union(*(figures(sentences[i]) for i in chosen)))
    return {"articles": len(paths), "with_headline": titled, "lead_picked": 100 * lead_kept / len(paths),
            "picks_in_lead_k": 100 * mean(early), "headline_figures": headlines,
            **{f"headline_figures_kept_{name}": 100 * n / max(headlines, 1) for name, n in kept.items()}}


def _rounded(results: dict) -> dict:
    return {k: _rounded(v) if isinstance(v, dict) else round(v, 2) for k, v in results.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default=None,
                        help="one half (dev: tuned on; test: held out) or all; default: all three")
    parser.add_argument("--system", action="append", choices=list(SYSTEMS),
                        help="only these systems (repeatable); default: all")
    parser.add_argument("--data", type=Path, default=DATA, help="EASC jsonl (default: %(default)s)")
    parser.add_argument("--bbc", nargs="?", type=Path, const=BBC, default=None, metavar="DIR",
                        help="the BBC articles' abstracts (ANT corpus; default: %(const)s): dev, or --bbc-split")
    parser.add_argument("--bbc-split", choices=[*BBC_SPLITS, "all"], default="dev",
                        help="with --bbc: the date range scored (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--speed", action="store_true",
                        help="time salience.scores and summary.summarize per article (no ROUGE)")
    parser.add_argument("--humans", action="store_true",
                        help="each annotator against the other four, next to the lead at that length")
    parser.add_argument("--ntrex", nargs="?", type=Path, const=NTREX, default=None, metavar="DIR",
                        help="sanity check on NTREX news (no human summaries; default: %(const)s)")
    args = parser.parse_args(argv)
    if args.ntrex:
        found = ntrex(args.ntrex)
        print(json.dumps(_rounded(found), indent=2) if args.json else
              f"NTREX news ({found['articles']} articles, {found['with_headline']} with a headline the "
              f"splitter finds; salience at the default length k): lead sentence picked in "
              f"{found['lead_picked']:.0f}%, picks among the first k sentences {found['picks_in_lead_k']:.0f}%; "
              f"of the headlines' {found['headline_figures']} figures the summary keeps "
              f"{found['headline_figures_kept_salience']:.0f}% (Lead-k {found['headline_figures_kept_lead']:.0f}%). "
              "No human summaries: no ROUGE.")
        return 0
    if not args.data.exists():
        print(f"error: {args.data} not found; pass --data with the EASC jsonl", file=sys.stderr)
        return 2
    try:
        import rouge_score  # noqa: F401
        import sumy  # noqa: F401
    except ImportError as error:
        print(f"error: {error.name} is missing; install the eval extra: pip install -e '.[eval]'",
              file=sys.stderr)
        return 2
    if args.bbc:
        if not args.bbc.exists():
            print(f"error: {args.bbc} not found; pass --bbc with the ANT corpus's docs/BBC folder", file=sys.stderr)
            return 2
        bbc = load_bbc(args.bbc, args.bbc_split)
        parts = {args.bbc_split: bbc}
        results = run(bbc, [args.bbc_split], args.system or BBC_SYSTEMS, BBC_LENGTHS, parts)
        print(json.dumps(_rounded(results), indent=2) if args.json else
              table(results, bbc, BBC_LENGTHS, parts, "BBC Arabic (ANT), abstracts"))
        return 0
    items = load(args.data)
    if args.speed:
        print(speed(items))
        return 0
    splits = [args.split] if args.split else list(SPLITS)
    if args.humans:
        found = humans(items, splits)
        print(json.dumps(_rounded(found), indent=2) if args.json else "\n".join(
            f"EASC Wikipedia, {name}: one annotator against the other four R1/R2/RL "
            + " / ".join(f"{by['human'][m]:.1f}" for m in METRICS) + "; the lead at that annotator's length "
            + " / ".join(f"{by['lead'][m]:.1f}" for m in METRICS) + "; ours at that length "
            + " / ".join(f"{by['ours'][m]:.1f}" for m in METRICS) for name, by in found.items()))
        return 0
    results = run(items, splits, args.system or EASC_SYSTEMS)
    print(json.dumps(_rounded(results), indent=2) if args.json else table(results, items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
