"""Anchors of the audit chain kept outside the database.

Whoever holds the database owner's credentials can rewrite the audit table and its chain head
together, so the head in the database proves nothing on its own. Each night the chain's head
(sequence, hash and time) is appended to a file outside the database (`AUDIT_ANCHOR_FILE`, one JSON
line per anchor) and, with `AUDIT_ANCHOR_EMAIL`, emailed to the data protection officers.
`verify_audit` then holds the chain to every anchor: an anchored event must still be there with the
same hash, unless the retention sweep removed it (docs/decisions/0009)."""

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Anchor:
    sequence: int
    hash: str
    written_at: datetime


class UnreadableAnchor(ValueError):
    pass


def anchor_file() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def append(*, sequence: int, hash: str, note: str = "") -> Anchor:
    """Append one anchor line, flushed to disk before returning."""
    anchor = Anchor(sequence=sequence, hash=hash, written_at=timezone.now())
    line = {"sequence": sequence, "hash": hash, "written_at": anchor.written_at.isoformat()}
    if note:
        line["note"] = note
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(line, sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())
    return anchor


def read_all(path: Path | None = None) -> list[Anchor]:
    """Every anchor written so far (in `path`, a copy kept elsewhere, or the configured file); a
    line that cannot be read raises UnreadableAnchor."""
    path = path or anchor_file()
    if not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            anchors.append(
                Anchor(
                    sequence=int(data["sequence"]),
                    hash=str(data["hash"]),
                    written_at=datetime.fromisoformat(data["written_at"]),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise UnreadableAnchor(f"line {number} of {path} cannot be read ({error})") from error
    return anchors
