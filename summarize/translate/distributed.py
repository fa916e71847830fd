"""Translation on a Ray cluster: ``summarize CORPUS --ray [ADDRESS]``.

``DistributedTranslator`` has the ``Translator`` shape; each ``translate`` or
``hypotheses`` call is one Ray Data job.  The texts are sorted by length and
cut into batches of the model's batch size; ``ray.data.from_items`` makes one
row, one block, of each batch, and ``map_batches`` hands them to a fixed pool
of ``TranslatorActor`` actors: one per GPU, or one per ``cpus_per_actor``
CPUs.  Each actor loads the model once, with the same ``load_translator`` a
local run uses, from the model folder, which every node must be able to read
at the same path.  Rows come back in any order; the driver puts them back in
the order given by the batch and row numbers they carry.

The factory wraps it in the ``CachedTranslator``, so only cache misses reach
the cluster, and the driver stores the results: the cluster never touches the
cache file.  Reading, checking, summaries, grouping and writing stay on the
driver.  Outputs equal a local run's because both backends translate a text
the same alone or in any batch (their tests check it), and each actor reports
the digest of the folder it loaded, which must be the driver's: a node with
another copy of the model is refused rather than mixed in.

Actors live for one job (Ray Data gives each job its own pool), so a job
carries many batches per actor: ``batch_size``, what callers hand over at a
time, is ``BATCHES_PER_ACTOR`` model batches for every actor.  Ray restarts a
failed actor and retries its batch (Ray Data's actor pools do so without end);
what earlier jobs finished is in the cache already.  An error raised on a
worker (a model folder it cannot load) ends the job as a ``ModelError`` that
says what the worker said, without Ray's traceback.

ray is imported only here, and only when a run asks for it (``pip install -e '.[ray]'``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence

from summarize.translate import (
    BEST,
    Hypothesis,
    ModelError,
    RequestKind,
    load_translator,
    models,
    nbest,
    nbest_request,
    short_error,
)

#: model batches each actor gets per job: fewer jobs (each starts its actors and loads the model)
#: against coarser progress and cache writes
BATCHES_PER_ACTOR = 8
#: CPUs one actor uses where the cluster has no GPU
CPUS_PER_ACTOR = 2
#: ``ray.init`` options for a cluster this run starts itself (``--ray local``): no dashboard
LOCAL_CLUSTER = {"include_dashboard": False}
INSTALL_HINT = "--ray needs Ray: pip install -e '.[ray]' (on the driver and on every node)"


def connect(address: str) -> None:
    """Join the Ray cluster at ``address`` unless this process is in one already.

    ``auto``: the cluster ``RAY_ADDRESS`` names, else the one ``ray start`` left
    on this machine; ``local``: a new one on this machine, for this run only;
    anything else: that address (``HOST:PORT``, ``ray://HOST:PORT``).
    Workers' output stays in the cluster's logs, out of the briefs' stdout.
    """
    try:
        import ray
    except ImportError:
        raise ModelError(INSTALL_HINT) from None
    if ray.is_initialized():
        return
    options = LOCAL_CLUSTER if address == "local" else {}
    try:
        ray.init(address=address, log_to_driver=False, logging_level="warning", **options)
    except (ConnectionError, ValueError, RuntimeError) as error:
        raise ModelError(
            f"Could not join the Ray cluster {address!r}: {short_error(error)}. Start one with "
            f"`ray start --head` (or set RAY_ADDRESS), or use --ray local for one on this machine."
        ) from None


def cluster_device() -> str:
    """``cuda`` when the cluster has a GPU, else ``cpu``: the device its actors translate on."""
    import ray

    return "cuda" if ray.cluster_resources().get("GPU", 0) >= 1 else "cpu"


def actor_resources(device: str, cpus_per_actor: int) -> tuple[int, dict[str, float]]:
    """How many actors the cluster holds now, and what each one reserves."""
    import ray

    available = ray.cluster_resources()
    if device.startswith("cuda"):
        return max(1, int(available.get("GPU", 0))), {"num_gpus": 1}
    return max(1, int(available.get("CPU", 1)) // cpus_per_actor), {"num_cpus": cpus_per_actor}


class TranslatorActor:
    """One translator on one worker, loaded once; Ray Data calls it with rows of batches.

    A row holds a batch number, the request (``best``, ``nbest:N`` or ``nbest:N/no-repeat:K``) and the
    batch's texts as JSON; the answer row holds the batch number, the answers
    as JSON and the digest of the model folder this actor loaded.
    """

    def __init__(self, backend: str, folder: str, device: str, beam: int, batch_size: int) -> None:
        self.translator = load_translator(backend, model=folder, device=device, beam=beam,
                                          batch_size=batch_size, offline=True)
        self.digest = models.folder_digest(Path(folder))

    def __call__(self, rows: dict) -> dict:
        answers = []
        for kind, texts in zip(rows["kind"], rows["texts"]):
            texts = json.loads(texts)
            request = nbest_request(kind)
            if kind == BEST:
                answers.append(json.dumps(self.translator.translate(texts), ensure_ascii=False))
            elif request is None:
                raise ValueError(f"unknown request {kind!r}: best, nbest:N or nbest:N/no-repeat:K")
            else:
                n, no_repeat = request
                found = self.translator.hypotheses(texts, n, no_repeat_ngram_size=no_repeat)
                answers.append(json.dumps([[[h.text, h.score] for h in hyps] for hyps in found],
                                          ensure_ascii=False))
        return {"batch": rows["batch"], "answers": answers, "digest": [self.digest] * len(answers)}


class DistributedTranslator:
    """The ``Translator`` interface over a pool of ``TranslatorActor`` on the joined Ray cluster.

    ``identity`` and ``count_tokens`` come from the driver's copy of the folder
    (the factory's key), ``digest`` is that folder's digest, which every
    actor's copy must have.  ``model_batch_size`` is the model's batch;
    ``batch_size`` is what one job takes (see the module docstring).
    """

    def __init__(self, *, folder: Path, digest: str, identity: str, count_tokens: Callable[[str], int],
                 name: str, backend: str, device: str, beam: int, batch_size: int,
                 cpus_per_actor: int = CPUS_PER_ACTOR) -> None:
        self.folder = Path(folder).resolve()
        self.digest = digest
        self.identity = identity
        self._count_tokens = count_tokens
        self.name = name
        self.backend = backend
        self.device = device
        self.beam = beam
        self.model_batch_size = batch_size
        self.actors, self.resources = actor_resources(device, cpus_per_actor)
        self.batch_size = batch_size * self.actors * BATCHES_PER_ACTOR
        self.jobs = 0  # Ray Data jobs run so far

    def count_tokens(self, text: str) -> int:
        return self._count_tokens(text)

    def translate(self, texts: Sequence[str]) -> list[str]:
        return self._job(BEST, texts)

    def hypotheses(self, texts: Sequence[str], n: int, no_repeat_ngram_size: int = 0) -> list[list[Hypothesis]]:
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        return [[Hypothesis(text, score) for text, score in hyps]
                for hyps in self._job(nbest(n, no_repeat_ngram_size), texts)]

    def _job(self, kind: RequestKind, texts: Sequence[str]) -> list:
        """One Ray Data job over ``texts``: each text's answer of ``kind``, in the order given."""
        if isinstance(texts, str):  # it would be read per character
            raise TypeError("translate a list of texts, not a single string")
        if not texts:
            return []
        import ray.data

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # tight batches: little padding
        batches = [order[i:i + self.model_batch_size] for i in range(0, len(order), self.model_batch_size)]
        rows = [{"batch": b, "kind": kind, "texts": json.dumps([texts[i] for i in batch], ensure_ascii=False)}
                for b, batch in enumerate(batches)]
        pool = ray.data.ActorPoolStrategy(size=min(self.actors, len(rows)))  # no actor loads the model idle
        data = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            TranslatorActor, batch_size=1, compute=pool,
            fn_constructor_kwargs={"backend": self.backend, "folder": str(self.folder), "device": self.device,
                                   "beam": self.beam, "batch_size": self.model_batch_size},
            **self.resources,
        )
        self.jobs += 1
        try:
            done = {int(row["batch"]): row for row in _quietly(data.take_all)}
        except ray.exceptions.RayError as error:  # a worker's own error, after Ray's retries
            raise ModelError(worker_failure(error)) from None
        foreign = {row["digest"] for row in done.values()} - {self.digest}
        if foreign:
            raise ModelError(
                f"a Ray worker's copy of {self.folder} has other files (digest {sorted(foreign)[0][:12]}, "
                f"this machine's {self.digest[:12]}): every node needs the same model folder"
            )
        if sorted(done) != list(range(len(batches))):
            raise RuntimeError(f"the Ray job answered batches {sorted(done)}, not 0..{len(batches) - 1}")
        answers: list = [None] * len(texts)
        for b, batch in enumerate(batches):
            for i, answer in zip(batch, json.loads(done[b]["answers"]), strict=True):
                answers[i] = answer
        return answers

    def __repr__(self) -> str:
        return (f"DistributedTranslator(name={self.name!r}, device={self.device!r}, beam={self.beam}, "
                f"actors={self.actors})")


def worker_failure(error: Exception) -> str:
    """One message for a failed job: the worker's ``ModelError`` as it said it, else the error's last line."""
    text = str(error)
    marker = f"{ModelError.__module__}.{ModelError.__name__}: "
    if marker in text:
        return "a Ray worker could not load the model: " + text[text.rindex(marker) + len(marker):].strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "the Ray job failed: " + short_error(Exception(lines[-1] if lines else type(error).__name__), 400)


def _quietly(run: Callable[[], list]) -> list:
    """``run()`` without Ray Data's own progress bars and log lines: the pipeline shows its own."""
    import logging

    from ray.data import DataContext

    context = DataContext.get_current()
    bars, logger = context.enable_progress_bars, logging.getLogger("ray.data")
    level = logger.level
    context.enable_progress_bars = False
    logger.setLevel(logging.WARNING)
    try:
        return run()
    finally:
        context.enable_progress_bars = bars
        logger.setLevel(level)
