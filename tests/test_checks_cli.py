"""``summarize check AR EN``: every check on aligned files, text and JSON lines, --only, --glossary,
--fail, and inputs refused before any report."""

import json

import pytest

from summarize.cli import main

# corpus/004 s4 and s3 with faithful English, then what the tiny model writes for a title
AR = ["وعلى مدى يومين، سيستقبل وزير الخارجية جون كيري ووزير الدفاع أشتون كارتر نحو 40 من نظرائهما.",
      "وقال كيري إن المحادثات مع الحلفاء في واشنطن ستستمر.",
      "أميركا تجتمع بالتحالف الدولي لبحث هجمات \"داعش\" الأخيرة",
      "وقال كيري إن المحادثات مع الحلفاء في واشنطن ستستمر."]
EN = ["Over two days, Secretary of State John Kerry and Defense Secretary Ashton Carter will host about 14 "
      "of their counterparts.",
      "Kerry said the talks with the allies in Washington would continue.",
      "FFFF المت المت المت المت",
      "Kerry said the talks with the the the allies in Washington would continue."]


@pytest.fixture
def files(tmp_path):
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("\n".join(AR) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return str(ar), str(en)


def test_json_lines_then_summary(files, capsys):
    assert main(["check", *files, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line.get("line") for line in lines] == [1, 2, 3, 4, None]
    checks = [sorted({p["check"] for p in line["problems"]}) for line in lines[:4]]
    assert checks == [["numbers"], [], ["length", "repetition", "untranslated"], ["repetition"]]
    [number] = lines[0]["problems"]
    assert number["status"] == "changed" and number["ar"] == "40" and number["en"] == "14"
    [loop] = lines[3]["problems"]
    assert loop == {"check": "repetition", "note": "“the” 3 times in a row", "phrase": "the", "times": 3,
                    "in_a_row": True, "arabic_times": 1}
    assert lines[4] == {"summary": {"lines": 4, "problems": 3,
                                    "by_check": {"numbers": 1, "untranslated": 1, "repetition": 2, "length": 1}}}


def test_text_problems_only_and_fail(files, capsys):
    assert main(["check", *files, "--problems", "--fail"]) == 1
    out = capsys.readouterr().out
    assert "line 2" not in out and "line 4: CHECK\n  repetition: “the” 3 times in a row" in out
    assert out.splitlines()[-1].startswith("4 lines, 3 to check")


def test_only_numbers_is_check_numbers(files, capsys):
    assert main(["check", *files, "--only", "numbers", "--json", "--problems"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line.get("line") for line in lines] == [1, None]


def test_glossary(files, tmp_path, capsys):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("التحالف الدولي\tinternational coalition\nواشنطن\tWashington\n", encoding="utf-8")
    assert main(["check", *files, "--json", "--only", "terms", "--glossary", str(glossary)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [[p["ar"] for p in line["problems"]] for line in lines[:4]] == [[], [], ["التحالف الدولي"], []]


@pytest.mark.parametrize("args, message", [
    (["--only", "numbers,spelling"], "unknown check spelling"),
    (["--glossary", "/nonexistent/terms.tsv"], "cannot read the glossary"),
])
def test_usage_errors(files, args, message, capsys):
    assert main(["check", *files, *args]) == 2
    assert message in capsys.readouterr().err


def test_inputs_refused_as_check_numbers_refuses_them(tmp_path, capsys):
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("قال كيري\nسطر\n", encoding="utf-8")
    en.write_text("Kerry said\n", encoding="utf-8")
    assert main(["check", str(ar), str(en)]) == 2
    err = capsys.readouterr()
    assert "must be line-aligned" in err.err and err.out == ""


def test_names_across_the_file(tmp_path, capsys):
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("التقى تيلرسون نظيره.\nوقال تيلرسون إنه متفائل.\nوأضاف تيلرسون أن المحادثات ستستمر.\n", encoding="utf-8")
    en.write_text("He met Tillerson's counterpart.\nAnd Tillerson said he was optimistic.\n"
                  "And Tilerson added that the talks would continue.\n", encoding="utf-8")
    assert main(["check", str(ar), str(en), "--json", "--only", "names", "--problems"]) == 0
    [line, summary] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["line"] == 3 and line["problems"][0]["renderings"] == {"Tillerson": 2, "Tilerson": 1}
