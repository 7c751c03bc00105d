"""The speed floor for extraction: a naive single-pass regex reader.

    python bench/naive.py FILE_OR_DIR... > records.jsonl

Reads each .txt file once, finds numbered lines and a bracketed clause at
their end, and splits `X牵头,A、B配合` into leads and supports. No outline,
no validation, no conventions, no entity layer: it is wrong often, and it
exists only so that bench/extract.py can say how much slower the real
extractor is than reading the same bytes with a few regular expressions.
"""
import json
import re
import sys
from pathlib import Path

LABEL = re.compile(r"^\s*(\d+[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
CLAUSE = re.compile(r"[(（〔]([^()（）〔〕]*(?:牵头|负责|配合|责任单位)[^()（）〔〕]*)[)）〕]\s*。?\s*$")
LEAD = re.compile(r"(.+?)牵头")


def records(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        label = LABEL.match(line)
        clause = CLAUSE.search(line) if label else None
        if not clause:
            continue
        body = clause.group(1)
        lead = LEAD.match(body)
        leads = re.split(r"[、,，]", lead.group(1)) if lead else []
        rest = body[lead.end():] if lead else body
        others = [u for u in re.split(r"[、,，;；]|配合|按职责分工负责|负责", rest) if u.strip(" ,，")]
        yield {"doc": path.stem, "label": label.group(1), "leads": leads,
               "supports": others if leads else [], "responsible": [] if leads else others}


def main(argv):
    for arg in argv:
        p = Path(arg)
        for f in sorted(p.rglob("*.txt")) if p.is_dir() else [p]:
            for rec in records(f):
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
