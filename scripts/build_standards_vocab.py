"""Build ``src/eventparse/vocab/standards.json`` from the shared reference file.

    python scripts/build_standards_vocab.py ../shared/reference/standards.json

The reference file holds the official statement titles of each framework
(PQS:KSS sets, PCF domains, Social Work England standards, CQC key questions),
with a status for each title. The built vocabulary keeps what the parser needs
(family, set id, set name, number, title, aliases, whether verified) and adds
the words listings use to name a family or a statement set ("cues" and
"hints"), which the reference file does not hold. Running it twice gives the
same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "eventparse" / "vocab" / "standards.json"

# How listings name each family, lower case; the longest cue found in a line wins.
FAMILY_CUES: dict[str, list[str]] = {
    "PQS:KSS": [
        "pqs:kss", "pqs kss", "pqs", "kss", "knowledge and skills statement",
        "knowledge and skills statements", "knowledge & skills statement",
        "post-qualifying standards", "post qualifying standards",
        "post-qualifying standard", "post qualifying standard",
    ],
    "PCF": ["pcf", "professional capabilities framework", "pcf domains", "pcf domain"],
    "SWE": [
        "swe", "social work england", "social work england professional standards",
        "social work england standards",
    ],
    "CQC": ["cqc", "care quality commission", "cqc key questions"],
}

# Words that may come before a family's name at the start of a standards line
# ("Mapped to the Knowledge and Skills Statement ...", "Standards: PQS:KSS - ...").
LEAD_WORDS = [
    "standards", "standard", "professional", "mapped", "maps", "mapping", "to", "the", "links",
    "linked", "link", "relevant", "cpd", "this", "session", "event", "course", "is", "onto",
    "against", "and", "of", "for", "statement", "statements", "domains", "domain", "our",
]

# Words in a line that narrow PQS:KSS to one statement set; the longest hint found wins.
SET_HINTS: dict[str, list[str]] = {
    "pqs-kss-cfp": [
        "child and family practitioners", "child and family practitioner",
        "child and family social work", "child and family social workers",
        "child and family", "children", "children's", "cfp",
    ],
    "pqs-kss-ps": [
        "child and family practice supervisors", "practice supervisors",
        "practice supervisor", "child and family practice supervisor",
    ],
    "pqs-kss-pl": ["practice leaders", "practice leader", "child and family practice leaders"],
    "pqs-kss-adults": [
        "adults", "adult", "adult services", "social workers in adult services",
        "adult social work", "adult social care",
    ],
    "pqs-kss-adult-ps": [
        "practice supervisors in adult social care", "social work practice supervisors in adult",
        "adult practice supervisors", "practice supervisors in adult services",
    ],
}


def build(reference: dict[str, Any]) -> dict[str, Any]:
    """The packaged vocabulary for one parsed reference file."""
    sets = [_statement_set(framework) for framework in reference["frameworks"]]
    return {
        "_doc": (
            "Built by scripts/build_standards_vocab.py from shared/reference/standards.json "
            f"(generated {reference.get('generated')}); do not edit by hand. 'cues' name a "
            "family, 'hints' narrow PQS:KSS to a statement set, 'verified' is false where the "
            "reference marks a title or number unverified."
        ),
        "cues": FAMILY_CUES,
        "lead_words": LEAD_WORDS,
        "sets": sets,
        "ambiguous_titles": reference.get("ambiguous_titles", {}),
    }


def _statement_set(framework: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": framework["id"],
        "family": framework["family"],
        "name": framework["name"],
        "hints": SET_HINTS.get(framework["id"], []),
        "statements": [
            {
                "number": statement["number"],
                "title": statement["title"],
                "aliases": statement.get("aliases", []),
                "verified": not statement.get("unverified", False),
            }
            for statement in framework["statements"]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference", type=Path, help="path to shared/reference/standards.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    reference = json.loads(args.reference.read_text(encoding="utf-8"))
    built = build(reference)
    args.out.write_text(json.dumps(built, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {sum(len(s['statements']) for s in built['sets'])} statements "
          f"in {len(built['sets'])} sets")


if __name__ == "__main__":
    main()
