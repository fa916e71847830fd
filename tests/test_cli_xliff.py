"""Exchange with CAT tools (issue 23.5): ``summarize xliff export|import`` and ``summarize memory export``,
round trips through translate-toolkit's own parser: the day's units out as XLIFF 1.2, a target edited
with the toolkit, taken back as a reviewer's correction (stored, re-checked, re-rendered as a save in
the review app does); a unit whose Arabic changed since the export refused; the corrections as TMX."""

import io
import json

import pytest
from helpers import S14_WRONG

from summarize.cli import main
from summarize.review.briefs import FolderReader
from summarize.review.state import ar_key
from summarize.review.store import ReviewStore

xliff = pytest.importorskip("translate.storage.xliff")
tmx = pytest.importorskip("translate.storage.tmx")

FIXED = S14_WRONG.replace("28,000", "280,000")  # the sample's wrong figure, put right by a reviewer
AT = "2026-11-22T10:15:00Z"


def units_of(data: dict) -> dict:
    found = [data["title"]] + [s["heading"] for s in data["sections"] if s["heading"]]
    return {u["id"]: u for u in found + [s for sec in data["sections"] for s in sec["sentences"]]}


def export(b, tmp_path, capsys):
    xlf = tmp_path / "day.xlf"
    assert main(["xliff", "export", str(b.out), str(xlf), "--review-db", str(b.db)]) == 0
    assert "exported" in capsys.readouterr().out
    return xlf, xliff.xlifffile.parsestring(xlf.read_bytes())


def write(store, path):
    out = io.BytesIO()
    store.serialize(out)
    path.write_bytes(out.getvalue())


def unit(store, stem: str, unit_id: str):
    return next(u for u in store.units if u.getid() == f"{stem}\x04{unit_id}")


def test_export_is_xliff_1_2_with_one_file_per_brief_ids_notes_and_states(review_briefs, tmp_path, capsys):
    b = review_briefs
    xlf, store = export(b, tmp_path, capsys)
    text = xlf.read_text(encoding="utf-8")
    assert 'version="1.2"' in text and "urn:oasis:names:tc:xliff:document:1.2" in text and "1.1" not in text
    folder = FolderReader(b.out).read()
    assert store.getfilenames() == [a.stem for a in folder.articles]
    assert len(store.units) == sum(len(a.units) for a in folder.articles)
    article = folder.article(b.stem)
    for u in article.units:
        found = unit(store, b.stem, u.id)
        assert found.source == u.ar and found.target == u.en
    s14 = unit(store, b.stem, "s14")
    assert s14.getlanguageNode(lang=None, index=1).get("state") == "needs-review-translation"
    assert any(n.startswith("numbers: ") and "28" in n for n in s14.getnotes(origin="summarize").splitlines())
    assert s14.xmlelement.get("approved") != "yes"
    clean = next(u for u in article.units if not u.flagged and not u.checks)
    assert unit(store, b.stem, clean.id).getlanguageNode(lang=None, index=1).get("state") == "translated"
    assert not (b.db).exists()  # exporting makes no review database


def test_an_edited_target_comes_back_as_a_human_correction(review_briefs, tmp_path, capsys):
    b = review_briefs
    xlf, store = export(b, tmp_path, capsys)
    s14 = unit(store, b.stem, "s14")
    s14.settarget(FIXED, lang="en")
    s14.set_state_n(s14.S_SIGNED_OFF)  # the reviewer signs it off in the CAT tool
    write(store, xlf)
    assert main(["xliff", "import", str(b.out), str(xlf), "--review-db", str(b.db), "--reviewer", "ana"]) == 0
    out = capsys.readouterr().out
    assert "imported 1 units" in out and "0 refused" in out
    record = next(r for r in ReviewStore(b.db).units().values() if r.unit_id == "s14" and r.article == b.stem)
    assert record.corrected_en == FIXED and record.checked_en == FIXED and record.reviewer == "ana"
    data = units_of(json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8")))["s14"]
    assert data["en"] == FIXED and data["review"]["english"] == "human" and data["review"]["checked"]
    assert all(n["status"] == "verified" for n in data["numbers"])  # checked again: 280,000 is right
    md = (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert FIXED in md and "human translation" in md
    # exported again, the unit is signed off and carries the correction; importing it again changes nothing
    xlf2, again = export(b, tmp_path, capsys)
    s14 = unit(again, b.stem, "s14")
    assert s14.target == FIXED and s14.getlanguageNode(lang=None, index=1).get("state") == "signed-off"
    assert main(["xliff", "import", str(b.out), str(xlf2), "--review-db", str(b.db)]) == 0
    assert "imported 0 units" in capsys.readouterr().out


def test_a_unit_whose_arabic_changed_is_refused_and_the_others_go_on(review_briefs, tmp_path, capsys):
    b = review_briefs
    xlf, store = export(b, tmp_path, capsys)
    s14 = unit(store, b.stem, "s14")
    s14.settarget(FIXED, lang="en")
    title = unit(store, b.stem, "title")
    title.settarget("A headline put right", lang="en")
    write(store, xlf)
    # the brief is made again from an article whose title changed since the export
    source = b.corpus / f"{b.stem}.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    lines[first] = lines[first] + " اليوم"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b.run()
    new_title = FolderReader(b.out).read().article(b.stem).title
    assert ar_key(new_title.ar) != ar_key(title.source)
    code = main(["xliff", "import", str(b.out), str(xlf), "--review-db", str(b.db)])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{b.stem}, unit title: the Arabic changed since the export" in captured.err and str(xlf) in captured.err
    assert "imported 1 units" in captured.out and "1 refused" in captured.out
    data = units_of(json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8")))
    assert data["s14"]["en"] == FIXED and data["title"]["en"] != "A headline put right"


def test_a_unit_saved_in_the_review_since_the_export_is_not_overwritten(review_briefs, tmp_path, capsys):
    b = review_briefs
    xlf, store = export(b, tmp_path, capsys)
    unit(store, b.stem, "s14").settarget(FIXED, lang="en")
    write(store, xlf)
    other, _ = export(b, tmp_path / "other", capsys)
    again = xliff.xlifffile.parsestring(other.read_bytes())
    unit(again, b.stem, "s14").settarget(FIXED.replace("Tuesday", "Wednesday"), lang="en")
    write(again, other)
    assert main(["xliff", "import", str(b.out), str(other), "--review-db", str(b.db)]) == 0
    capsys.readouterr()
    assert main(["xliff", "import", str(b.out), str(xlf), "--review-db", str(b.db)]) == 1
    assert "saved in the review" in capsys.readouterr().err
    data = units_of(json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8")))
    assert "Wednesday" in data["s14"]["en"]


def test_the_corrections_as_a_translation_memory(review_briefs, tmp_path, capsys):
    b = review_briefs
    xlf, store = export(b, tmp_path, capsys)
    unit(store, b.stem, "s14").settarget(FIXED, lang="en")
    write(store, xlf)
    assert main(["xliff", "import", str(b.out), str(xlf), "--review-db", str(b.db), "--reviewer", "ana"]) == 0
    memory = tmp_path / "memory.tmx"
    assert main(["memory", "export", str(memory), "--review-db", str(b.db)]) == 0
    assert "exported 1 corrections" in capsys.readouterr().out
    parsed = tmx.tmxfile(io.BytesIO(memory.read_bytes()))
    arabic = FolderReader(b.out).read().article(b.stem).sentence("s14").ar
    assert [(u.source, u.target) for u in parsed.units] == [(arabic, FIXED)]
    assert parsed.translate(arabic) == FIXED
    assert parsed.units[0].xmlelement.get("creationid") == "ana"


def test_usage_errors(review_briefs, tmp_path, capsys):
    b = review_briefs
    bad = tmp_path / "bad.xlf"
    bad.write_text("not xml", encoding="utf-8")
    assert main(["xliff", "import", str(b.out), str(bad), "--review-db", str(b.db)]) == 2
    assert "not an XLIFF 1.2 file" in capsys.readouterr().err
    assert main(["xliff", "export", str(tmp_path / "nowhere"), str(tmp_path / "x.xlf")]) == 2
    assert main(["memory", "export", str(tmp_path / "m.tmx"), "--review-db", str(tmp_path / "none.sqlite3")]) == 2
    assert "no review database" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["xliff"])
    assert exit_.value.code == 2


def test_an_approved_brief_is_signed_off_and_its_units_are_not_checked_by_coming_back(review_briefs, tmp_path, capsys):
    from summarize.review.state import ReviewState, attach, fingerprint, unresolved

    b = review_briefs
    store = ReviewStore(b.db, create=True, clock=lambda: AT)
    article = FolderReader(b.out).read().article(b.stem)
    s14 = article.sentence("s14")  # the flagged unit, checked with its English put right
    store.save_unit(article=b.stem, ar_key=ar_key(s14.ar), unit_id="s14", ar=s14.ar, model_en=s14.model_en,
                    corrected_en=FIXED, checked_en=FIXED, reviewer="ana", expected_version=0)
    attach([article], ReviewState.load(store))
    assert not unresolved(article)
    store.approve(article=b.stem, fingerprint=fingerprint(article), reviewer="ana", expected_version=0)
    xlf, exported = export(b, tmp_path, capsys)
    states = {u.getid(): u.getlanguageNode(lang=None, index=1).get("state") for u in exported.units
              if u.getid().startswith(b.stem)}
    assert set(states.values()) == {"signed-off"}
    assert main(["xliff", "import", str(b.out), str(xlf), "--review-db", str(b.db)]) == 0
    assert "imported 0 units" in capsys.readouterr().out
    checked = [r.unit_id for r in ReviewStore(b.db).units().values() if r.checked_en is not None]
    assert checked == ["s14"]
