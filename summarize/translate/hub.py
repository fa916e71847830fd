"""Hugging Face: the hub, its local cache, and loading a Marian model and tokenizer with transformers.

``load_from_hub`` is how a hub id becomes a loaded model: one quick probe of
the hub (``probe_hub``), then a download, or the copy already in the local
Hugging Face cache when the hub can't be had; every place that failed is
recorded in the search, so the ``ModelError`` says why.  The CTranslate2
backend reaches the hub through it too (the download fills the cache it
converts from).

huggingface_hub and transformers are imported inside the functions that need
them.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from summarize.translate import models, short_error

#: seconds to wait for the hub before deciding it is unreachable (see probe_hub)
HUB_PROBE_TIMEOUT = 5.0


def env_offline() -> bool:
    """Whether the environment says offline (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``)."""
    # Read at call time: huggingface_hub reads HF_HUB_OFFLINE once, at import.
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return value.strip().upper() in {"1", "ON", "YES", "TRUE"}


@contextmanager
def quiet():
    """Silence transformers' "Loading weights" bar and info logs while loading a local folder."""
    from transformers.utils import logging as hf_logging

    bar, verbosity = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bar:
            hf_logging.enable_progress_bar()


def load_pair(source: str, **options):
    """Model and tokenizer from a folder or hub id.  Never runs remote code; prefers safetensors."""
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(source, **options)
    model = MarianMTModel.from_pretrained(source, trust_remote_code=False, **options)
    return model, tokenizer


def cached_snapshot(repo_id: str) -> Path | None:
    """The Hugging Face cache's snapshot folder for ``repo_id`` (main), found on disk only.

    Used instead of ``from_pretrained(..., local_files_only=True)``: that still
    builds huggingface_hub's request headers, which fetches an "agent
    harnesses" list from the hub (3 s lost on a network that drops packets).
    """
    from huggingface_hub import try_to_load_from_cache

    path = try_to_load_from_cache(repo_id, "config.json")
    if isinstance(path, str) and Path(path).parent.parent.name == "snapshots":
        return Path(path).parent
    return None


def probe_hub(repo_id: str) -> tuple[bool, str | None, str | None]:
    """One quick HEAD request for the model's config.json: ``(reachable, problem, commit)``.

    No retries and a short timeout, so a dead network fails in seconds: left
    to itself, huggingface_hub retries a failed lookup 5 times with a 60 s
    timeout each when nothing is cached.  The request goes out bare (no
    user-agent, no token): building huggingface_hub's headers first fetches
    an "agent harnesses" list from the hub with its own 3 s timeout.
    A 401/404 here may only mean "private", so it is a hint, not a verdict.
    """
    from huggingface_hub import hf_hub_url
    from huggingface_hub.errors import (
        EntryNotFoundError,
        GatedRepoError,
        HfHubHTTPError,
        RepositoryNotFoundError,
    )
    from huggingface_hub.utils import get_session, hf_raise_for_status

    if env_offline():
        return False, "hub not contacted (offline: HF_HUB_OFFLINE=1)", None
    try:
        response = get_session().head(
            hf_hub_url(repo_id, "config.json"), timeout=HUB_PROBE_TIMEOUT, follow_redirects=False
        )
    except Exception as e:  # DNS, connection refused, timeout, proxy, SSL, HF_HUB_OFFLINE ...
        return False, f"hub unreachable ({short_error(e, 80)})", None
    status = response.status_code
    if status == 429 or status >= 500:
        return False, f"hub unavailable (HTTP {status})", None
    problem = None
    try:
        hf_raise_for_status(response)
    except GatedRepoError:
        problem = "gated on the hub: accept its terms there, then log in (hf auth login)"
    except RepositoryNotFoundError:
        problem = "not found on the hub (if it is private, log in with hf auth login)"
    except EntryNotFoundError:
        problem = "the hub repository has no config.json: not a transformers model"
    except HfHubHTTPError as e:
        problem = f"hub refused it ({short_error(e, 80)})"
    return True, problem, response.headers.get("X-Repo-Commit")


def load_from_hub(repo_id: str, offline: bool, search: models.Search):
    """``(model, tokenizer, commit)`` from the hub or its local cache; ``None`` if neither works."""
    place = f"Hugging Face hub {repo_id}"
    problem: str | None
    if offline:
        why = "HF_HUB_OFFLINE=1" if env_offline() else "--offline"
        problem = f"hub not contacted (offline: {why})"
    else:
        reachable, problem, commit = probe_hub(repo_id)
        if reachable:
            try:
                model, tokenizer = load_pair(repo_id, revision=commit)
            except Exception as e:
                search.tried(place, problem or f"download or load failed ({short_error(e)})")
                return None
            snapshot = cached_snapshot(repo_id)
            return model, tokenizer, commit or (snapshot.name if snapshot else None)
    # No hub: a copy in the Hugging Face cache (~/.cache/huggingface/hub) still does.
    snapshot = cached_snapshot(repo_id)
    if snapshot is None:
        search.tried(place, f"{problem} and not in the local Hugging Face cache")
        return None
    incomplete = models.check_model_folder(snapshot)
    if incomplete:
        search.tried(place, f"{problem}; its copy in the Hugging Face cache is {incomplete}")
        return None
    try:
        with quiet():
            model, tokenizer = load_pair(str(snapshot), local_files_only=True)
    except Exception as e:
        search.tried(place, f"{problem}; its copy in the Hugging Face cache could not be loaded ({short_error(e)})")
        return None
    return model, tokenizer, snapshot.name
