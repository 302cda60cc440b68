"""A progress bar for long commands (tqdm), quiet when output is not a terminal."""

import sys

from tqdm import tqdm


def progress_bar(*, total: int | None, description: str, stream=None, unit: str = "row"):
    stream = stream or sys.stderr
    return tqdm(total=total, desc=description, unit=unit, file=stream, disable=None, leave=False)
