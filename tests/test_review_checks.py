"""Issue 23 in the review app: the queue grouped by check, "checked" clearing every flag, a
correction checked again like the run checks it, and the reviewers' glossary (added on a unit,
kept in the review database, used by the re-render, exported as the TSV ``--glossary`` reads).
Through Starlette's test client on the sample briefs and a real SQLite file."""

import html
import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.checks import EXPLANATIONS, NAMES  # noqa: E402
from summarize.checks.terms import Glossary  # noqa: E402
from summarize.cli import review as server  # noqa: E402
from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402

LOOPING = "Valls said in Paris on Tuesday: Tuesday Tuesday Tuesday we will strengthen التحالف التحالف."
GOOD_S11 = 'Valls said in Paris on Tuesday: "We will strengthen the coalition\'s capabilities."'


@pytest.fixture
def client(review_briefs):
    store = ReviewStore(review_briefs.db, create=True)
    app = create_app(Config(briefs=review_briefs.out, db=review_briefs.db, reviewer="ana",
                            cache=review_briefs.cache), store)
    yield TestClient(app, base_url="http://127.0.0.1:8123")
    store.close()


def unit_form(client, b, unit_id: str, form: str = "edit") -> dict:
    page = client.get(f"/brief/{b.stem}").text
    block = re.search(rf'<article class="unit[^"]*" id="{unit_id}".*?</article>', page, re.S).group(0)
    block = block[block.index(f'class="{form}"'):]
    block = block[:block.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    return {k: fields[k] for k in ("csrf", "version", "arabic") if k in fields}


def save(client, b, unit_id, en, checked=False):
    form = unit_form(client, b, unit_id) | {"en": en} | ({"checked": "on"} if checked else {})
    response = client.post(f"/brief/{b.stem}/unit/{unit_id}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response


def add_term(client, b, unit_id, ar, en, notes=""):
    form = unit_form(client, b, unit_id, "term") | {"term_ar": ar, "term_en": en, "notes": notes}
    return client.post(f"/brief/{b.stem}/unit/{unit_id}/term", data=form, follow_redirects=False)


def unit_json(b, unit_id, stem=None):
    data = json.loads((b.out / f"{stem or b.stem}.json").read_text(encoding="utf-8"))
    units = [data["title"]] + [u for s in data["sections"] for u in ([s["heading"]] if s["heading"] else [])
                               + s["sentences"]]
    return next(u for u in units if u["id"] == unit_id)


def groups(page: str) -> dict[str, list[str]]:
    """Each group's section of the queue: its name -> the (brief, unit) links it lists."""
    found = {}
    for name, body in re.findall(r'<section aria-labelledby="group-(\w+)"[^>]*>(.*?)</section>', page, re.S):
        found[name] = re.findall(r'<a href="/brief/([^"#]+)#([^"]+)"', body)
    return found


def counts(page: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', page)}


def test_the_queue_has_a_section_per_check_with_its_explanation_and_count(client, review_briefs):
    page = client.get("/").text
    sections = re.findall(r'<section aria-labelledby="group-(\w+)" class="check-group" data-check="(\w+)">', page)
    assert [name for name, _ in sections] == list(NAMES)  # numbers first, then the checks beyond numbers
    for name in NAMES:
        section = re.search(rf'<section aria-labelledby="group-{name}".*?</section>', page, re.S).group(0)
        assert html.escape(EXPLANATIONS[name], quote=False) in section
        assert f"({counts(page)[name]})" in section
    listed = groups(page)
    assert (review_briefs.stem, "s14") in listed["numbers"]
    assert (review_briefs.stem, "s11") in listed["length"]  # a stand-in English: far too short
    assert counts(page)["length"] == len(listed["length"]) > 10
    # a unit no check flags is in one of the last groups, a flagged one in none of them
    rest = listed["summary"] + listed["repaired"] + listed["loops"] + listed["other"]
    assert not set(rest) & set(listed["numbers"] + listed["length"])
    assert len(rest) == len(set(rest))


def test_a_unit_is_listed_under_every_check_that_flags_it(client, review_briefs):
    b = review_briefs
    save(client, b, "s11", LOOPING)  # not checked: it stays in the queue, under each of its flags
    flags = {c["check"] for c in unit_json(b, "s11")["checks"]}
    assert {"untranslated", "repetition"} <= flags
    listed = groups(client.get("/").text)
    assert [name for name in NAMES if (b.stem, "s11") in listed[name]] == [n for n in NAMES if n in flags]
    only = groups(client.get("/?check=repetition").text)
    assert list(only) == ["repetition"] and (b.stem, "s11") in only["repetition"]


def test_a_correction_is_checked_again_and_its_flags_shown(client, review_briefs):
    b = review_briefs
    assert [c["check"] for c in unit_json(b, "s11")["checks"]] == ["length"]  # the stand-in
    save(client, b, "s11", LOOPING)
    s11 = unit_json(b, "s11")
    assert s11["en"] == LOOPING and s11["review"]["english"] == "human"
    checks = {c["check"]: c for c in s11["checks"]}
    assert "tuesday" in checks["repetition"]["evidence"]["phrase"].lower()
    assert "التحالف" in json.dumps(checks["untranslated"]["evidence"], ensure_ascii=False)
    assert "length" not in checks  # the stand-in's flag went with it
    md = (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert "repetition:" in md and "untranslated:" in md
    brief = client.get(f"/brief/{b.stem}").text
    s11_block = re.search(r'<article class="unit[^"]*" id="s11".*?</article>', brief, re.S).group(0)
    assert "⚠ repetition:" in s11_block and "⚠ untranslated:" in s11_block

    save(client, b, "s11", GOOD_S11)  # put right: no flag left
    assert "checks" not in unit_json(b, "s11")
    save(client, b, "s11", "")  # blank: the model's English again, and its flag with it
    s11 = unit_json(b, "s11")
    assert s11["review"]["english"] == "model" and [c["check"] for c in s11["checks"]] == ["length"]


def test_the_re_render_flags_a_correction_as_the_next_run_does(client, review_briefs):
    b = review_briefs
    save(client, b, "s11", LOOPING)
    save(client, b, "s14", "Syria Syria Syria: " + unit_json(b, "s14")["en"], checked=True)
    after_save = {name: unit_json(b, name)["checks"] for name in ("s11", "s14")}
    b.run()  # summarize CORPUS with the same review database: checks every unit itself
    assert {name: unit_json(b, name)["checks"] for name in ("s11", "s14")} == after_save
    assert client.get("/").status_code == 200  # and the app finds nothing to heal
    assert {name: unit_json(b, name)["checks"] for name in ("s11", "s14")} == after_save


def test_checked_clears_every_flag_from_the_queue_and_unchecked_brings_them_back(client, review_briefs):
    b = review_briefs
    save(client, b, "s11", LOOPING)
    before = counts(client.get("/").text)
    form = unit_form(client, b, "s11") | {"en": LOOPING, "checked": "on"}  # "Mark checked as it is"
    assert client.post(f"/brief/{b.stem}/unit/s11", data=form, follow_redirects=False).status_code == 303
    page = client.get("/").text
    assert not any((b.stem, "s11") in units for units in groups(page).values())
    flagged = {c["check"] for c in unit_json(b, "s11")["checks"]}
    assert counts(page) == {k: v - (k in flagged) for k, v in before.items()}
    s11 = unit_json(b, "s11")  # the briefs: checked by whom and when; the evidence stays in the JSON
    assert s11["review"]["checked"] and s11["review"]["reviewer"] == "ana" and s11["checks"]
    md = (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert re.search(r"✓ checked by ana at \d{4}-\d\d-\d\d \d\d:\d\d UTC", md)
    # the published briefs show the flags as cleared, not as warnings
    row = next(line for line in md.splitlines() if "checked by ana" in line)
    assert "⚠ untranslated" not in row and "⚠ repetition" not in row
    assert "checks cleared by the reviewer: " + ", ".join(dict.fromkeys(c["check"] for c in s11["checks"])) in row
    published = (b.out / f"{b.stem}.html").read_text(encoding="utf-8")
    cell = re.search(r'id="s11".*?</tr>', published, re.S).group(0)
    assert "checks cleared by the reviewer" in cell and "⚠ repetition" not in cell
    brief = client.get(f"/brief/{b.stem}").text
    block = re.search(r'<article class="unit[^"]*" id="s11".*?</article>', brief, re.S).group(0)
    assert "(clears its flags: untranslated, repetition" in block

    form = unit_form(client, b, "s11") | {"en": LOOPING}  # "Uncheck"
    assert client.post(f"/brief/{b.stem}/unit/s11", data=form, follow_redirects=False).status_code == 303
    assert counts(client.get("/").text) == before


def test_a_reviewers_term_is_stored_and_flags_every_brief_at_the_re_render(client, review_briefs):
    b = review_briefs
    assert all(c["check"] != "terms" for c in unit_json(b, "s13").get("checks", []))
    response = add_term(client, b, "s10", "الموصل", "Mosul", "the city, not the province")
    assert response.status_code == 303
    assert "saved=term" in response.headers["location"]
    assert "Added to the glossary" in client.get(response.headers["location"]).text
    store = ReviewStore(b.db)  # on the file itself
    [term] = store.terms()
    store.close()
    assert (term.ar, term.en, term.notes, term.article, term.unit_id, term.reviewer) == (
        "الموصل", "Mosul", "the city, not the province", b.stem, "s10", "ana")
    s13 = unit_json(b, "s13")  # the Arabic names Mosul, the English (a stand-in) does not
    assert {"check": "terms", "note": "الموصل should read “Mosul”",
            "evidence": {"ar": "الموصل", "expected": ["Mosul"], "notes": "the city, not the province"}} in s13["checks"]
    assert all(c["check"] != "terms" for c in unit_json(b, "s10").get("checks", []))  # it says Mosul
    assert "terms: الموصل should read" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert (b.stem, "s13") in groups(client.get("/").text)["terms"]
    b.run()  # the next run reads the reviewers' terms from the review database itself
    assert [c for c in unit_json(b, "s13")["checks"] if c["check"] == "terms"] == [
        {"check": "terms", "note": "الموصل should read “Mosul”",
         "evidence": {"ar": "الموصل", "expected": ["Mosul"], "notes": "the city, not the province"}}]


def test_a_term_not_in_the_units_arabic_or_without_its_token_is_refused(client, review_briefs):
    b = review_briefs
    refused = add_term(client, b, "s10", "طهران", "Tehran")  # not in its Arabic
    assert refused.status_code == 400 and "is not a word of this sentence" in refused.text
    assert add_term(client, b, "s10", "الموصل", "  ").status_code == 400
    form = unit_form(client, b, "s10", "term") | {"term_ar": "الموصل", "term_en": "Mosul", "csrf": "forged"}
    assert client.post(f"/brief/{b.stem}/unit/s10/term", data=form).status_code == 403
    store = ReviewStore(b.db)
    assert store.terms() == []
    store.close()


def test_the_glossary_exports_as_the_tsv_glossary_reads(client, review_briefs, tmp_path, capsys):
    b = review_briefs
    assert add_term(client, b, "s10", "الموصل", "Mosul|Mossul", "a note\twith a tab").status_code == 303
    assert add_term(client, b, "s19", "بغداد", "Baghdad").status_code == 303  # s19 says it too
    download = client.get("/glossary.tsv")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/tab-separated-values")
    assert "attachment" in download.headers["content-disposition"]
    assert download.text.splitlines()[1:] == ["الموصل\tMosul|Mossul\ta note with a tab", "بغداد\tBaghdad"]
    out = tmp_path / "glossary.tsv"
    assert server.main([str(b.out), "--review-db", str(b.db), "--export-glossary", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == download.text
    assert [(t.ar, t.en) for t in Glossary.load(out).terms] == [("الموصل", ("Mosul", "Mossul")), ("بغداد", ("Baghdad",))]
    assert server.main([str(b.out), "--review-db", str(tmp_path / "none.sqlite3"), "--export-glossary", "-"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_term_added_again_replaces_the_first_and_both_are_in_the_history(client, review_briefs):
    b = review_briefs
    add_term(client, b, "s10", "الموصل", "Mosul")
    add_term(client, b, "s13", "المُوصل", "Mosul city")  # the same term with a harakat
    store = ReviewStore(b.db)
    assert [(t.en, t.unit_id) for t in store.terms()] == [("Mosul city", "s13")]
    assert [h["action"] for h in store.history() if h["action"] == "term"] == ["term", "term"]
    store.close()


@pytest.mark.parametrize("methods, group", [
    (["n-best"], "repaired"),
    (["digits"], "repaired"),
    (["repetition"], "loops"),
    (["no-repeat"], "loops"),
    (["n-best", "no-repeat"], "repaired"),  # a piece's numbers put right: with the numbers
    ([], "other"),
])
def test_a_repaired_loop_is_not_listed_as_repaired_numbers(methods, group):
    from pathlib import Path

    from summarize.document import Article, Repair, Text
    from summarize.review.queue import group_of

    unit = Text("قال الوزير إن المحادثات ستستمر", kind="sentence", id="s3", pieces=["قال"],
                translations=["The minister said the talks would go on"],
                repairs=[Repair(piece=0, first="the talks the talks the talks", method=m, rank=2) for m in methods])
    assert group_of(Article(stem="a", source=Path("a.txt")), unit) == group
