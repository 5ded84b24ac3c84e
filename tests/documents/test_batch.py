"""Rendering a batch of documents in worker processes: every document, in
order, whatever happens to the workers."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal

import docx
import pytest

from tafdesk.exports import batch
from tafdesk.exports.document import DocumentBuilder, Metadata
from tafdesk.models.enums import DocumentFormat

pytestmark = pytest.mark.skipif(batch.worker_count() < 2, reason="this machine has one core: batches render in-process")


def _documents(count: int) -> list[tuple[object, DocumentFormat]]:
    """Numbered documents, alternately Word and PDF."""
    made = []
    for number in range(count):
        document = (
            DocumentBuilder()
            .heading(f"Letter number {number}")
            .para("Zoë Łukasz Nguyễn Siobhán")
            .build(Metadata(f"Letter {number}", "tafdesk tests", "batch"))
        )
        made.append((document, DocumentFormat.DOCX if number % 2 == 0 else DocumentFormat.PDF))
    return made


def _check(outputs: list[bytes], count: int) -> None:
    assert len(outputs) == count
    for number, data in enumerate(outputs):
        if number % 2 == 0:
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
            assert f"Letter number {number}" in text, f"document {number} is out of place"
        else:
            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]


def test_a_large_batch_comes_back_complete_and_in_order_from_worker_processes():
    count = batch.POOL_FROM + 5
    _check(list(batch.render_all(_documents(count), count)), count)
    assert multiprocessing.active_children(), "the batch was not spread over worker processes"


def test_a_worker_that_dies_loses_no_document():
    batch.prepare()
    workers = multiprocessing.active_children()
    assert workers
    for worker in workers:
        os.kill(worker.pid, signal.SIGKILL)
    count = batch.POOL_FROM + 3
    _check(list(batch.render_all(_documents(count), count)), count)
    # and the next batch gets fresh workers
    _check(list(batch.render_all(_documents(count), count)), count)
    assert any(p.is_alive() for p in multiprocessing.active_children())


def test_stopping_early_leaves_the_workers_ready_for_the_next_batch():
    many = batch.POOL_FROM * 3
    outputs = batch.render_all(_documents(many), many)
    first = next(outputs)
    outputs.close()  # as a cancelled meeting pack does
    _check([first], 1)
    count = batch.POOL_FROM
    _check(list(batch.render_all(_documents(count), count)), count)


def test_a_small_batch_renders_here_without_starting_workers(monkeypatch):
    monkeypatch.setattr(batch, "_pool", None)
    monkeypatch.setattr(batch, "_shared_pool", lambda: pytest.fail("a small batch started worker processes"))
    count = batch.POOL_FROM - 1
    _check(list(batch.render_all(_documents(count), count)), count)


def test_shutdown_ends_the_workers_and_a_later_batch_starts_new_ones():
    batch.prepare()
    workers = multiprocessing.active_children()
    assert workers
    batch.shutdown()
    assert not any(worker.is_alive() for worker in workers)
    count = batch.POOL_FROM
    _check(list(batch.render_all(_documents(count), count)), count)
