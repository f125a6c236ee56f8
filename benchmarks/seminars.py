"""Score eventparse on the CMU Seminar Announcements with the published protocol.

    python benchmarks/seminars.py [FOLDER] [--limit N] [--nlp auto|blank] [--misses FIELD]

FOLDER defaults to ../shared/corpora/seminars/dev. One best value per field per
document; a value is right when it matches any tagged occurrence of the field.
Precision = right / documents with a value; recall = right / documents where the
field is tagged. Times compare as clock times (an untagged-meridiem ``3:30``
matches 03:30 or 15:30); speakers without titles, ignoring case and
punctuation; locations ignoring case, punctuation and a leading "the".
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventparse import Event, parse

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seminars" / "dev"
FIELDS = ("speaker", "location", "stime", "etime")
_TAG = re.compile(r"</?(?:paragraph|sentence|stime|etime|location|speaker)>")
_TITLES = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|miss)\b\.?\s*", re.I)
_CLOCK = re.compile(
    r"(?P<h>\d{1,2}?)(?:[:.]?(?P<m>\d{2}))?(?!\d)\s*(?:(?P<ap>[ap])\.?\s*m\.?)?", re.I)


@dataclass
class Announcement:
    name: str
    text: str
    tagged: dict[str, list[str]]


def load(folder: Path, limit: int | None = None) -> list[Announcement]:
    """The announcements of a folder of ``N.tagged.txt`` files, in numeric order."""
    paths = sorted(folder.glob("*.tagged.txt"), key=lambda p: int(p.name.split(".")[0]))
    out = []
    for path in paths[:limit]:
        raw = path.read_text(encoding="latin-1")
        tagged = {
            f: [_TAG.sub("", v) for v in re.findall(rf"<{f}>(.*?)</{f}>", raw, re.S)]
            for f in FIELDS
        }
        out.append(Announcement(path.name, _TAG.sub("", raw), tagged))
    return out


def clock_readings(value: str) -> set[str]:
    """The HH:MM readings of a time as written: both halves of the day without am/pm."""
    low = value.lower().strip()
    if "noon" in low:
        return {"12:00"}
    if "midnight" in low:
        return {"00:00"}
    match = _CLOCK.search(low)
    if not match:
        return set()
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ap"]:
        hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
        return {f"{hour:02d}:{minute:02d}"}
    readings = {f"{hour % 24:02d}:{minute:02d}"}
    if hour < 12:
        readings.add(f"{hour + 12:02d}:{minute:02d}")
    if hour == 12:
        readings.add(f"00:{minute:02d}")
    return readings


def fold_name(value: str) -> str:
    words = re.sub(r"[^\w\s]", " ", _TITLES.sub("", value.strip())).lower().split()
    return " ".join(words)


def fold_place(value: str) -> str:
    words = re.sub(r"[^\w\s]", " ", value).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def predictions(event: Event) -> dict[str, str | None]:
    """The one value per field the protocol scores, taken from the ordinary Event."""
    first = event.sessions[0] if event.sessions else None
    return {
        "speaker": event.presenters[0].name if event.presenters else None,
        "location": event.delivery.venue,
        "stime": first.start_time.strftime("%H:%M") if first and first.start_time else None,
        "etime": first.end_time.strftime("%H:%M") if first and first.end_time else None,
    }


def is_right(field_name: str, value: str, tagged: list[str]) -> bool:
    if field_name in ("stime", "etime"):
        return any(value in clock_readings(t) for t in tagged)
    fold = fold_name if field_name == "speaker" else fold_place
    return fold(value) in {fold(t) for t in tagged}


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    given: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    tagged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, str | None, list[str]]] = field(default_factory=list)
    seconds: float = 0.0
    docs: int = 0

    def prf(self, field_name: str) -> tuple[float, float, float]:
        p = self.right[field_name] / self.given[field_name] if self.given[field_name] else 0.0
        r = self.right[field_name] / self.tagged[field_name] if self.tagged[field_name] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[Announcement], parse_one: Callable[[str], Event]) -> Score:
    result = Score(docs=len(docs))
    started = time.perf_counter()
    events = [parse_one(d.text) for d in docs]
    result.seconds = time.perf_counter() - started
    for doc, event in zip(docs, events, strict=True):
        for field_name, value in predictions(event).items():
            tagged = doc.tagged[field_name]
            result.tagged[field_name] += bool(tagged)
            if value is not None:
                result.given[field_name] += 1
                if is_right(field_name, value, tagged):
                    result.right[field_name] += 1
                    continue
            if value is not None or tagged:
                result.misses.append((doc.name, field_name, value, tagged))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--nlp", default="auto", help="auto, blank or a spaCy package name")
    parser.add_argument("--misses", action="append", default=[], choices=FIELDS)
    args = parser.parse_args()
    docs = load(args.folder, args.limit)
    result = score(docs, lambda text: parse(text, nlp_model=args.nlp))
    for name, field_name, value, tagged in result.misses:
        if field_name in args.misses:
            print(f"MISS {name} {field_name}: got {value!r}, tagged {tagged}")
    print(f"{result.docs} documents, {result.docs / result.seconds:.1f} docs/s (nlp={args.nlp})")
    print(f"{'field':10s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for field_name in FIELDS:
        p, r, f1 = result.prf(field_name)
        print(f"{field_name:10s} {p:6.3f} {r:6.3f} {f1:6.3f}")


if __name__ == "__main__":
    main()
