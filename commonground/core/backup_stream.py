"""Pure: the encrypted framing of a backup, AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar,
Rogaway and Vizár, "Online authenticated-encryption and its nonce-reuse misuse-resistance", 2015), so
that a backup of any size is sealed and opened a chunk at a time, never held in memory whole.

Layout of a backup file:

    header   16 bytes: MAGIC (8) | VERSION (1) | nonce prefix (7 random bytes)
    chunks   each CHUNK_SIZE bytes of plaintext sealed with AES-GCM (+16 bytes of tag); the last
             chunk holds 0 to CHUNK_SIZE bytes

Each chunk's nonce is the prefix (7) | the chunk's number (4, big-endian) | 1 for the last chunk, else 0
(1), and the header is the associated data of every chunk. So a chunk cannot be changed, moved,
repeated or left out, a file cut short at any point (even between chunks) has no sealed last chunk,
and nothing can be added after the last one: each of these is refused, as is a wrong key.

Opening yields plaintext chunk by chunk as each is authenticated: whoever acts on it before the end
must be ready to undo what it did when a later chunk is refused (or check the whole file first).
"""

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"CGBACKUP"
VERSION = 1
PREFIX_SIZE = 7
HEADER_SIZE = len(MAGIC) + 1 + PREFIX_SIZE
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
KEY_SIZE = 32
_MAX_CHUNKS = 2**32  # the counter's four bytes: 256 TiB at CHUNK_SIZE


class RefusedBackup(Exception):
    """The file is not a backup sealed with this key, or it was changed, cut short or extended."""


def new_key() -> bytes:
    return os.urandom(KEY_SIZE)


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    if counter >= _MAX_CHUNKS:
        raise ValueError("too many chunks for one backup")
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def _cipher(key: bytes) -> AESGCM:
    if len(key) != KEY_SIZE:
        raise ValueError(f"a backup key is {KEY_SIZE} bytes")
    return AESGCM(key)


class SealingWriter:
    """A binary file-like writer: what is written to it is sealed into `target` chunk by chunk.
    `close()` seals the last chunk; a file never closed has no last chunk and will be refused."""

    def __init__(self, key: bytes, target: BinaryIO, *, chunk_size: int = CHUNK_SIZE):
        self._cipher = _cipher(key)
        self._target = target
        self._chunk_size = chunk_size
        self._prefix = os.urandom(PREFIX_SIZE)
        self._header = MAGIC + bytes([VERSION]) + self._prefix
        self._buffer = bytearray()
        self._counter = 0
        self._closed = False
        target.write(self._header)

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("write to a closed backup")
        self._buffer += data
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True

    def _seal(self, plaintext: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._counter, last)
        self._target.write(self._cipher.encrypt(nonce, plaintext, self._header))
        self._counter += 1

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.close()


def open_sealed(key: bytes, source: BinaryIO, *, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The plaintext of a sealed backup, chunk by chunk, each authenticated before it is yielded;
    raises RefusedBackup at the first chunk that does not open."""
    cipher = _cipher(key)
    header = source.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
        raise RefusedBackup("this is not a Common Ground backup file")
    if header[len(MAGIC)] != VERSION:
        raise RefusedBackup(f"this backup is of format version {header[len(MAGIC)]}, not {VERSION}")
    prefix = header[len(MAGIC) + 1 :]
    sealed_size = chunk_size + TAG_SIZE
    counter = 0
    current = source.read(sealed_size)
    while True:
        following = source.read(sealed_size) if len(current) == sealed_size else b""
        last = not following
        try:
            yield cipher.decrypt(_nonce(prefix, counter, last), current, header)
        except InvalidTag:
            raise RefusedBackup(
                "the backup does not open with this key, or it was changed or cut short"
            ) from None
        if last:
            return
        counter += 1
        current = following
