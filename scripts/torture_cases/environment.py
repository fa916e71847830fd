"""The environment a cron job gives: LC_ALL=C without UTF-8 mode (ASCII file names and stdout),
LANG=C, an unusable TMPDIR (section 13)."""

from __future__ import annotations

import shutil

from torture_cases.common import (
    GOOD,
    Setup,
    check_outputs,
    clean_exit,
    expect,
    last_line,
    run,
)


def environment(setup: Setup) -> None:
    print("\n13. Locale and TMPDIR")
    corpus = setup.corpus("env/corpus", 1)
    shutil.copy(GOOD[1], corpus / "خبر عاجل.txt")
    cases = {
        # no coercion, no UTF-8 mode: file names and stdout are ASCII
        "LC_ALL=C PYTHONUTF8=0": ({"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
                                  1, "run with a UTF-8 locale"),
        # Python coerces LANG=C to C.UTF-8: the Arabic name is briefed
        "LANG=C": ({"LANG": "C", "LC_ALL": ""}, 0, None),
        "TMPDIR a file": ({"TMPDIR": str(GOOD[0])}, 0, None),
        "TMPDIR missing": ({"TMPDIR": str(setup.work / "no" / "such" / "tmp")}, 0, None),
        "TMPDIR /proc (not writable)": ({"TMPDIR": "/proc"}, 0, None),
    }
    for what, (extra, code, says) in cases.items():
        out = setup.work / "env" / "".join(c if c.isalnum() else "-" for c in what)
        # a cold cache and a new conversion: the model is loaded (and converted) under this environment
        env = {**setup.env, **extra, "SUMMARIZE_CACHE": f"{out}.sqlite3", "SUMMARIZE_MODELS": f"{out}-models"}
        env = {k: v for k, v in env.items() if v != ""}
        done = run([str(corpus), "--out", str(out), *setup.common], env)
        briefs, bad = check_outputs(out)
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        print(f"  {what:28s} exit {done.returncode}, {briefs} brief(s): "
              f"{(errors[0] if errors else last_line(done.stdout))[:130]}")
        expect(clean_exit(done, (code,)) and briefs == 2 - code and not bad
               and (says is None or (len(errors) == 1 and says in errors[0])),
               f"{what}: exit {code}, {'the Arabic name refused with how to run' if says else 'both briefed'}")
