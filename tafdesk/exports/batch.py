"""Rendering many documents at once, spread over the machine's cores.

A meeting pack is a hundred or more documents, and rendering them is pure
computation inside reportlab and python-docx, which one Python process does
on one core. A batch large enough to repay it is rendered by worker
processes: they are spawned (the same way on every platform) with the first
such batch and kept for the rest of the session, receive each neutral
`Document` and send back the file's bytes. The caller still writes every
file itself, in order, so nothing about how files reach the disk changes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tafdesk.exports import files
from tafdesk.exports.document import Document
from tafdesk.models.enums import DocumentFormat

log = logging.getLogger(__name__)

POOL_FROM = 8  # documents: fewer are made sooner here than processes start
MAX_WORKERS = 4
HEALTH_CHECK_S = 0.5  # a letter takes a few hundredths of a second

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def worker_count() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def render_all(work: Iterable[tuple[Document, DocumentFormat]], size: int) -> Generator[bytes, None, None]:
    """The bytes of each (document, format) in `work` (`size` of them), in
    order. Closing the iterator early cancels what has not started; what is
    already rendering finishes and is dropped."""
    pool = _shared_pool() if size >= POOL_FROM and worker_count() > 1 else None
    if pool is None:
        for document, fmt in work:
            yield files.render(document, fmt)
        return
    ahead: deque[tuple[Future[bytes], Document, DocumentFormat]] = deque()
    try:
        for document, fmt in work:
            ahead.append((_submit(pool, document, fmt), document, fmt))
            if len(ahead) >= 2 * worker_count():  # enough queued to keep every worker busy
                yield _result(pool, *ahead.popleft())
        while ahead:
            yield _result(pool, *ahead.popleft())
    finally:
        for future, _, _ in ahead:
            future.cancel()


def prepare() -> None:
    """Start the worker processes now (for example when the Documents page
    opens), so that the first pack does not wait for them."""
    pool = _shared_pool() if worker_count() > 1 else None
    if pool is not None:
        for _ in range(worker_count()):
            pool.submit(_ready)


def _submit(pool: ProcessPoolExecutor, document: Document, fmt: DocumentFormat) -> Future[bytes]:
    try:
        return pool.submit(files.render, document, fmt)
    except (BrokenProcessPool, RuntimeError):  # broken, or shut down at exit: render here
        _discard_pool(pool)
        done: Future[bytes] = Future()
        done.set_result(files.render(document, fmt))
        return done


def shutdown() -> None:
    """End the worker processes. Normal interpreter exit does this by itself;
    a process that ends otherwise (a multiprocessing child, which waits for
    its own children before exiting) must call it."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(pool: ProcessPoolExecutor, future: Future[bytes], document: Document, fmt: DocumentFormat) -> bytes:
    """The document's bytes from the pool; if a worker died (killed, out of
    memory), rendered here instead. Python 3.11 can lose a document handed
    over just as the pool breaks, its future never finishing, so a long wait
    asks whether the pool still takes work."""
    while True:
        try:
            return future.result(timeout=HEALTH_CHECK_S)
        except TimeoutError:
            if _takes_work(pool):
                continue
        except BrokenProcessPool:
            pass
        _discard_pool(pool)
        return files.render(document, fmt)


def _takes_work(pool: ProcessPoolExecutor) -> bool:
    try:
        pool.submit(_ready)
    except (BrokenProcessPool, RuntimeError):  # broken, or shut down
        return False
    return True


def _shared_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(worker_count(), mp_context=context, initializer=_ready)
        return _pool


def _discard_pool(broken: ProcessPoolExecutor) -> None:
    """Forget the broken pool, if it is still the shared one, so that the next batch starts a new one."""
    global _pool
    with _lock:
        if _pool is not broken:
            return
        pool, _pool = _pool, None
    log.warning("a document worker process stopped; the rest of this batch is rendered here")
    pool.shutdown(wait=False, cancel_futures=True)


def _ready() -> None:
    """In a worker: load both renderers before the first document arrives."""
    import tafdesk.exports.docx
    import tafdesk.exports.pdf  # noqa: F401
