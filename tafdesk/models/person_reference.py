"""Each person's reference: ten characters of Crockford's base 32 (digits and
capitals without I, L, O or U), drawn at random when the person is first
written, e.g. 7KQ2M9XZ4B. Ofsted's Annex A lists call it the Child Unique ID:
it never changes, so a child is the same in every year's list; it is not
the database's id; and it says nothing about the child (drawn from the
operating system's random source, never made from a name, a birthday or the
family's reference).

Fifty random bits: two people clash about once in ten thousand councils of
400,000 people written at once, and a unique index refuses the clash (the
migration that gave the people already held theirs draws again instead).
A demo council draws from its seeded generator instead, so that the same
seed gives the same council (db/rowset.py).
"""

import base64
import os
import random
import threading

LENGTH = 10
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # services/person_ids.py uses the same
_FROM_BASE32 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET.encode())
_BATCH = 1024  # references drawn from the system at a time: one read of its random source, not one each

_lock = threading.Lock()
_pool: list[str] = []


def new_reference(rng: random.Random | None = None) -> str:
    """A reference not made before (as far as chance goes); from rng if given (a demo's)."""
    if rng is not None:
        bits = rng.getrandbits(5 * LENGTH) << (80 - 5 * LENGTH)  # the first 50 of 80 bits: 16 characters, 10 kept
        return base64.b32encode(bits.to_bytes(10, "big")).translate(_FROM_BASE32).decode()[:LENGTH]
    with _lock:
        if not _pool:
            _pool.extend(_draw(_BATCH))
        return _pool.pop()


def _draw(count: int) -> list[str]:
    # Base 32 turns each 5 random bytes into 8 characters, each 5 random bits;
    # a C loop does it for a thousand references at once (a county's demo
    # writes 400,000 people).
    blocks = -(-count * LENGTH // 8)  # whole blocks of 5 bytes: no padding
    text = base64.b32encode(os.urandom(blocks * 5)).translate(_FROM_BASE32).decode()
    return [text[n : n + LENGTH] for n in range(0, count * LENGTH, LENGTH)]
