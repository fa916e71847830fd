"""A scripted translator behind the real Translator interface.

It translates from a script (Arabic -> English) and records every call, so
tests can check what the pipeline asked for and render golden briefs without
a model.  Unscripted input gets a stable stand-in (with no digits, so it carries no numbers).
"""

from __future__ import annotations

from summarize.translate import Hypothesis


class ScriptedTranslator:
    name = "scripted"
    backend = "scripted"
    device = "cpu"
    beam = 4
    batch_size = 16
    identity = "scripted"

    def __init__(self, script: dict[str, str] | None = None,
                 nbest: dict[str, list[str]] | None = None):
        self.script = script or {}
        self.nbest = nbest or {}
        self.calls: list[list[str]] = []  # translate() calls
        self.nbest_calls: list[list[str]] = []  # hypotheses() calls

    def _one(self, text: str) -> str:
        return self.script.get(text, "[scripted stand-in]")

    def translate(self, texts):
        self.calls.append(list(texts))
        return [self._one(t) for t in texts]

    def hypotheses(self, texts, n):
        self.nbest_calls.append(list(texts))
        out = []
        for t in texts:
            options = self.nbest.get(t, [self._one(t)])[:n]
            out.append([Hypothesis(text, -float(i)) for i, text in enumerate(options)])
        return out

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1
