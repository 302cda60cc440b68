"""The backup's encrypted framing (AES-GCM in the STREAM construction): what was sealed opens with
its key, and any change, cut, reordering or other key is refused."""

import io
import os

import pytest

from commonground.core.backup_stream import (
    HEADER_SIZE,
    TAG_SIZE,
    RefusedBackup,
    SealingWriter,
    new_key,
    open_sealed,
)

CHUNK = 1024  # small chunks so that a few kilobytes make several of them
SEALED_CHUNK = CHUNK + TAG_SIZE


def seal(key: bytes, plaintext: bytes, *, pieces: int = 7) -> bytes:
    target = io.BytesIO()
    with SealingWriter(key, target, chunk_size=CHUNK) as writer:
        step = max(len(plaintext) // pieces, 1)
        for start in range(0, len(plaintext), step):
            writer.write(plaintext[start : start + step])
    return target.getvalue()


def opened(key: bytes, sealed: bytes) -> bytes:
    return b"".join(open_sealed(key, io.BytesIO(sealed), chunk_size=CHUNK))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * CHUNK + 17])
def test_what_is_sealed_opens_the_same(size):
    key = new_key()
    plaintext = os.urandom(size)
    sealed = seal(key, plaintext)
    chunks = max(-(-size // CHUNK), 1)
    assert len(sealed) == HEADER_SIZE + size + chunks * TAG_SIZE
    assert opened(key, sealed) == plaintext


def test_the_same_plaintext_seals_differently_each_time():
    key = new_key()
    assert seal(key, b"the same backup") != seal(key, b"the same backup")


def test_any_changed_byte_is_refused():
    key = new_key()
    sealed = seal(key, os.urandom(3 * CHUNK + 100))
    for position in [0, 8, 9, HEADER_SIZE, HEADER_SIZE + SEALED_CHUNK + 5, len(sealed) - 1]:
        tampered = bytearray(sealed)
        tampered[position] ^= 0x01
        with pytest.raises(RefusedBackup):
            opened(key, bytes(tampered))


def test_a_file_cut_short_is_refused_even_between_chunks():
    key = new_key()
    sealed = seal(key, os.urandom(3 * CHUNK + 100))
    for length in [HEADER_SIZE, HEADER_SIZE + SEALED_CHUNK, HEADER_SIZE + 2 * SEALED_CHUNK, len(sealed) - 1]:
        with pytest.raises(RefusedBackup):
            opened(key, sealed[:length])


def test_data_added_after_the_last_chunk_is_refused():
    key = new_key()
    sealed = seal(key, os.urandom(2 * CHUNK))
    with pytest.raises(RefusedBackup):
        opened(key, sealed + seal(key, b"more")[HEADER_SIZE:])


def test_reordered_repeated_or_dropped_chunks_are_refused():
    key = new_key()
    sealed = seal(key, os.urandom(3 * CHUNK + 100))
    header, body = sealed[:HEADER_SIZE], sealed[HEADER_SIZE:]
    chunks = [body[i : i + SEALED_CHUNK] for i in range(0, len(body), SEALED_CHUNK)]
    assert len(chunks) == 4
    for arrangement in ([1, 0, 2, 3], [0, 0, 1, 2, 3], [0, 2, 3], [0, 1, 2]):
        with pytest.raises(RefusedBackup):
            opened(key, header + b"".join(chunks[i] for i in arrangement))


def test_chunks_of_another_backup_under_the_same_key_are_refused():
    key = new_key()
    first, second = seal(key, os.urandom(2 * CHUNK)), seal(key, os.urandom(2 * CHUNK))
    spliced = first[: HEADER_SIZE + SEALED_CHUNK] + second[HEADER_SIZE + SEALED_CHUNK :]
    with pytest.raises(RefusedBackup):
        opened(key, spliced)


def test_another_key_is_refused():
    sealed = seal(new_key(), b"a backup")
    with pytest.raises(RefusedBackup, match="does not open with this key"):
        opened(new_key(), sealed)


def test_a_file_that_is_not_a_backup_is_refused():
    with pytest.raises(RefusedBackup, match="not a Common Ground backup"):
        opened(new_key(), b"PGDMP" + os.urandom(100))
    sealed = bytearray(seal(new_key(), b"x"))
    sealed[8] = 2
    with pytest.raises(RefusedBackup, match="format version 2"):
        opened(new_key(), bytes(sealed))


def test_a_writer_never_closed_leaves_no_last_chunk():
    key = new_key()
    target = io.BytesIO()
    writer = SealingWriter(key, target, chunk_size=CHUNK)
    writer.write(os.urandom(3 * CHUNK))
    with pytest.raises(RefusedBackup):
        opened(key, target.getvalue())


def test_keys_are_32_bytes():
    assert len(new_key()) == 32
    with pytest.raises(ValueError, match="32 bytes"):
        SealingWriter(b"short", io.BytesIO())
