"""Extraction accuracy on the development set, and how well `review` flags errors.

    python bench/score.py [--dev ../shared/dev] [--variant wrap|pdfwrap|pages|flat|trad|mirror|web|spaced|docx|doc|pdf|html|md|cells|cellwrap|aligned|centred|centredmix|restyled] [--json]

Extracts every document of shared/dev/docs, scores it against shared/dev/gold
with the shared scorer (shared/tools/score_extraction.py: per document and
overall F1 of measures, role-aware units, collectives, deadlines), and
measures the `review` field: of the records with an empty review, how many
are right on every role (leads, supports, responsible, collectives); of the
wrong records, how many carry a review reason. Prints the targets of issue 11
beside the figures; exit status 1 when one is missed.

`--variant` scores the same documents as real copies often look instead:
hard-wrapped at 38 characters (`wrap`), hard-wrapped at 28 with each paragraph's
first line two characters short, its indentation dropped (`pdfwrap`, as PDF readers
give a narrow page's text), so wrapped at 38 with a page number and a
running header every 30 lines (`pages`, a PDF's text), flattened onto one line (`flat`), or
converted to traditional characters (`trad`), so and with a pinyin reading after each of
a set of characters as mirror sites splice them in (`mirror`: 經(jīng); the names are then
compared without the readings, in the gold too), copied from a web page (`web`:
every line indented with 　　 and followed by a blank line), given a stray space at a
place drawn once inside each bracket that holds a role word (`spaced`: a PDF's justified
line or a copy's, which may cut a name, a label, a date or a declared convention), or saved in another format
(`docx`, `doc`, `pdf`, `html`, `md`: one paragraph per line, written by the twin
writers of tests/twins.py, so the readers are scored on real documents' text);
the gold is unchanged. The table variants print each document's gold records as a
task table written as text (序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限, rows
numbered 1, 2, 3 …, under the document's title, number and date, each record's title as the
task, its roles' units as the cells): one cell
per line (`cells`), each cell wrapped at its column's width with a blank line after
it (`cellwrap`, a PDF's text without its layout), columns aligned with spaces
(`aligned`), or so with each cell centred in its row (`centred`; `centredmix`: a
row's odd blank line above or below its cells, drawn for each row, as a PDF rounds
a middle that falls between two lines) — the table readers scored on varied unit
names. `restyled` prints the gold records as numbered items under their paths'
headings, each with a clause in a style drawn from forms real documents use
(LEAD_STYLES, RESPONSIBLE_STYLES) — the clause grammar scored across styles.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FORMATS = ("docx", "doc", "pdf", "html", "md")   # variants that are another file format
TABLES = ("cells", "cellwrap", "aligned", "centred", "centredmix")   # variants that print the gold as a task table
TABLE_HEADER = ("序号", "重点任务", "牵头单位", "责任单位", "完成时限")
TABLE_WIDTHS = (6, 40, 20, 24, 16)   # display columns of each, as a PDF's table might have them

# `restyled`: how a clause may be printed (each seen in real documents), as
# (opening, the leads' part, the others' part, the deadline's part, closing); a "\n" opening
# puts the fields on lines of their own below the item. A record with no lead takes
# RESPONSIBLE_STYLES, its units in the first part.
LEAD_STYLES = (
    ("(", "牵头单位:{}", ";配合单位:{}", ";完成时限:{}", ")"),
    ("(", "{}牵头", ",{}配合", ",{}", ")"),
    ("(", "{}牵头", ",{}按职责分工负责", ",{}", ")"),
    ("(", "由{}牵头", ",{}参与", ",{}", ")"),
    ("(", "{}牵头负责", ",{}协助", ",{}", ")"),
    ("(", "牵头部门:{}", ";协办部门:{}", ";完成时间:{}", ")"),
    ("(", "主办单位:{}", ";协办单位:{}", ";时限要求:{}", ")"),
    ("(", "牵头单位:{} ", "配合单位:{} ", "完成时限:{}", ")"),
    ("(", "牵头单位:{}。", "配合单位:{}。", "完成时限:{}", ")"),
    ("(", "牵头领导:王某某;牵头单位:{}", ";配合单位:{}", ";完成时限:{}", ")"),
    ("（", "牵头单位： {}", "； 配合单位： {}", "； 完成时限： {}", "）"),
    ("", "【牵头单位】{}", "【配合单位】{}", "【完成时限】{}", ""),
    ("\n", "牵头单位:{}", "\n配合单位:{}", "\n完成时限:{}", ""),
    ("\n", "牵头单位:{}", "\n责任单位:{}", "\n完成时限:{}", ""),
    ("\n", "牵头单位：{}", "　　配合单位：{}", "　　完成时限：{}", ""),
    ("\n", "【牵头单位】{}", "\n【配合单位】{}", "\n【完成时限】{}", ""),
)
RESPONSIBLE_STYLES = (
    ("(", "责任单位:{}", "", ";完成时限:{}", ")"),
    ("(", "{}负责", "", ",{}", ")"),
    ("(", "{}按职责分工负责", "", ",{}", ")"),
    ("(", "{}按照职责分工落实", "", ",{}", ")"),
    ("(", "责任部门:{}", "", ";完成时间:{}", ")"),
    ("(", "落实单位:{}", "", ";时限要求:{}", ")"),
    ("(", "责任主体:{}", "", ";完成时间:{}", ")"),
    ("", "【责任单位】{}", "", "【完成时限】{}", ""),
    ("\n", "责任单位:{}", "", "\n完成时限:{}", ""),
    ("\n", "责任单位：{}", "", "　　完成时限：{}", ""),
)

TARGETS = {"role": 0.99, "measures": 0.99, "collective": 0.97, "deadline": 0.97,
           "clean_right": 0.99, "wrong_flagged": 0.80}


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _variant(text: str, variant: str | None) -> str:
    if variant == "wrap":
        return "\n".join(_wrapped(text))
    if variant == "pdfwrap":   # indented by two characters, wrapped, the indentation dropped
        indented = "\n".join(f"\u3000\u3000{line.strip()}" if line.strip() else "" for line in text.split("\n"))
        return "\n".join(line.strip() for line in _wrapped(indented, 28, strip=False))
    if variant == "pages":   # every 30 lines a page number, a blank line and a running header
        out = []
        for i, line in enumerate(_wrapped(text), 1):
            out.append(line)
            if i % 30 == 0:
                out += [f"- {i // 30} -", "", "某某市人民政府公报"]
        return "\n".join(out)
    if variant == "flat":
        return "".join(line.strip() for line in text.split("\n"))
    if variant == "web":
        return "".join(f"\u3000\u3000{line.strip()}\n\n" if line.strip() else "\n"
                       for line in text.split("\n"))
    if variant == "spaced":   # a stray space inside each clause's bracket, at a place drawn once
        import random

        draw = random.Random(len(text))   # the same places on every run

        def spaced(m: re.Match) -> str:
            i = draw.randrange(2, len(m.group()) - 1)
            return m.group()[:i] + " " + m.group()[i:]
        return re.sub(r"[(（](?=[^()（）\n]*(?:牵头|负责|配合|单位|部门))[^()（）\n]{3,80}[)）]", spaced, text)
    if variant == "trad":
        import opencc

        return opencc.OpenCC("s2t").convert(text)
    if variant == "mirror":   # traditional, each character of MIRROR_READINGS followed by its reading
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
        return "".join(c + (f"({MIRROR_READINGS[c]})" if c in MIRROR_READINGS and text[i + 1:i + 2] != "(" else "")
                       for i, c in enumerate(text))
    return text


# The characters mirror sites were seen to follow with a pinyin reading (湘西經(jīng)開區(qū)管委會,
# 國務(wù)院辦公廳(tīng), 有關(guān)), and the readings.
MIRROR_READINGS = dict(pair.split(":") for pair in (
    "發:fā 區:qū 現:xiàn 號:hào 關:guān 會:huì 務:wù 見:jiàn 實:shí 開:kāi 經:jīng 長:cháng 門:mén "
    "鎮:zhèn 鄉:xiāng 業:yè 機:jī 構:gòu 點:diǎn 進:jìn 濟:jì 權:quán 農:nóng 產:chǎn 營:yíng 險:xiǎn "
    "財:cái 責:zé 負:fù 資:zī 統:tǒng 協:xié 調:diào 條:tiáo 數:shù 據:jù 體:tǐ 設:shè 應:yīng "
    "場:chǎng 衛:wèi 環:huán 優:yōu 規:guī 執:zhí 總:zǒng 聯:lián 織:zhī 術:shù 屬:shǔ 廳:tīng").split())


def without_readings(record: dict) -> dict:
    """A record's names and titles without pinyin readings (the loaders' own pattern,
    lexicon.yaml `pinyin_reading_pattern`): the `mirror` variant's gold and records are
    compared on the names' characters."""
    from reformkg.loaders.lexicon import lexicon

    reading = lexicon().named("pinyin_reading_pattern")
    out = dict(record)
    for k in ("leads", "supports", "responsible", "collectives", "regulations"):
        out[k] = [reading.sub("", x) for x in record.get(k) or []]
    for k in ("title", "deadline_text"):
        if record.get(k):
            out[k] = reading.sub("", record[k])
    return out


def _units_besides_the_leads(g: dict) -> list[str]:
    """A gold record's units other than its leads, in the order a printed list gives
    them: helpers first under a lead, else the responsible units first."""
    if g["leads"]:
        return g["supports"] + g["responsible"] + g["collectives"]
    return g["responsible"] + g["supports"] + g["collectives"]


def _gold_as_table(gold: list[dict], layout: str, title: str = "任务分工表") -> str:
    """A document's gold records printed as a task table written as text, under
    `title` (the document's own: its year dates the deadlines)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from twins import display_width, wrap_cell

    rows = []
    for n, g in enumerate(gold, 1):
        others = _units_besides_the_leads(g)
        rows.append((str(n), g["title"] + "。", "、".join(g["leads"]), "、".join(others), g.get("deadline_text") or ""))
    if layout == "cells":
        lines = [*TABLE_HEADER, *(cell for row in rows for cell in row)]
    elif layout == "cellwrap":
        lines = [x for h in TABLE_HEADER for x in (h, "")]
        lines += [x for row in rows for cell, w in zip(row, TABLE_WIDTHS) if cell for x in (*wrap_cell(cell, w), "")]
    else:
        def line(cells):
            return "".join(c + " " * (w + 2 - display_width(c)) for c, w in zip(cells, TABLE_WIDTHS)).rstrip()

        import random

        draw = random.Random(title)   # the same rows for the same document, run after run
        lines = [line(TABLE_HEADER)]
        for row in rows:
            cells = [wrap_cell(c, w) for c, w in zip(row, TABLE_WIDTHS)]
            height = max(map(len, cells))
            up = layout == "centredmix" and draw.random() < 0.5
            for c in cells:
                top = (height - len(c) + up) // 2 if layout.startswith("centred") else 0
                c[:0] = [""] * top
                c.extend([""] * (height - len(c)))
            lines += [line([c[k] for c in cells]) for k in range(height)]
    return f"{title}\n\n" + "\n".join(lines) + "\n"


def _gold_restyled(gold: list[dict], title: str) -> str:
    """A document's gold records printed as numbered items under their own headings
    (the gold's paths), each item its title and a clause in a style drawn for the
    document (another drawn for about one item in three), its units listed with a
    separator drawn for the document."""
    import random

    draw = random.Random(title)   # the same document, run after run
    lead_style, responsible_style = draw.choice(LEAD_STYLES), draw.choice(RESPONSIBLE_STYLES)
    separator = draw.choice(("、", "、", "、", ",", "/", ";"))
    lines, printed = [title, ""], []
    for g in gold:
        labels = g["path"].split("/")
        for depth, label in enumerate(labels[:-1]):
            if printed[:depth + 1] != labels[:depth + 1]:
                lines.append(_printed_label(label) + "重点任务")
                printed = labels[:depth + 1]
        others = _units_besides_the_leads(g)
        style = lead_style if g["leads"] else responsible_style
        if draw.random() < 0.3:
            style = draw.choice(LEAD_STYLES if g["leads"] else RESPONSIBLE_STYLES)
        opening, first, rest, deadline, closing = style
        units = (g["leads"], others) if g["leads"] else (others, [])
        clause = ""
        if units[0]:
            clause = (opening + first.format(separator.join(units[0]))
                      + (rest.format(separator.join(units[1])) if units[1] else "")
                      + (deadline.format(g["deadline_text"]) if g.get("deadline_text") else "") + closing)
        lines.append(f"{_printed_label(labels[-1])}{g['title']}。{clause}")
        printed = labels
    return "\n".join(lines) + "\n"


def _printed_label(label: str) -> str:
    """A path's label as a document prints it: 二 → 二、, 3 → 3., (一) as it is."""
    return label if label.startswith("(") else label + ("." if label.isdigit() else "、")


def _wrapped(text: str, width: int = 38, strip: bool = True) -> list[str]:
    out = []
    for line in text.split("\n"):
        line = line.strip() if strip else line
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return out


def _twin(text: str, path: Path) -> Path:
    """`text` saved as `path` (its suffix says the format) by the tests' twin writers."""
    sys.path.insert(0, str(ROOT / "tests"))
    import twins

    return getattr(twins, f"write_{path.suffix[1:]}")(text, path)


def extract_dev(docs: Path, variant: str | None = None) -> tuple[list[dict], list[str]]:
    """Records of every dev document (in-process, as `reformkg extract` writes them)."""
    import tempfile

    from reformkg.loaders import LoadError, extract_file
    from reformkg.loaders.read import read_document

    records, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(docs.iterdir()):
            try:
                if variant in FORMATS:
                    path = _twin(read_document(path).text, Path(tmp) / f"{path.stem}.{variant}")
                elif variant in TABLES or variant == "restyled":
                    gold = [json.loads(x) for x in (docs.parent / "gold" / f"{path.stem}.jsonl").open(encoding="utf-8")]
                    copy = Path(tmp) / f"{path.stem}.txt"
                    facts = extract_file(path).document   # its title, number and date: they date the deadlines
                    title = "\n".join(x for x in (facts.title, facts.doc_number,
                                                    facts.signed and "{}年{}月{}日".format(*map(int, facts.signed.split("-"))))
                                       if x) or "任务分工表"
                    copy.write_text(_gold_restyled(gold, title) if variant == "restyled"
                                    else _gold_as_table(gold, variant, title), encoding="utf-8")
                    path = copy
                elif variant:
                    copy = Path(tmp) / f"{path.stem}.txt"
                    copy.write_text(_variant(read_document(path).text, variant), encoding="utf-8")
                    path = copy
                records.extend(m.to_json() for m in extract_file(path).measures)
            except LoadError as e:
                failures.append(str(e))
    return records, failures


def review_figures(S, preds: dict, golds: dict) -> dict:
    """Records with an empty review that are right, and wrong records flagged."""
    clean = clean_right = wrong = wrong_flagged = 0
    for doc, gold in golds.items():
        pairs, extra, _ = S.pair_measures(preds.get(doc, []), gold)
        for p, g in pairs:
            same = S.match_lists(S.roles(p), S.roles(g), lambda a, b: a[0] == b[0] and S.same_unit(a[1], b[1]))
            coll = S.match_lists(p.get("collectives") or [], g.get("collectives") or [], S.same_unit)
            right = same[1] == same[2] == 0 and coll[1] == coll[2] == 0
            flagged = bool(p.get("review"))
            if not flagged:
                clean += 1
                clean_right += right
            if not right:
                wrong += 1
                wrong_flagged += flagged
        for p in extra:           # a record the gold does not have is wrong
            wrong += 1
            wrong_flagged += bool(p.get("review"))
            if not p.get("review"):
                clean += 1
    return {"clean": clean, "clean_right": clean_right / clean if clean else 1.0,
            "wrong": wrong, "wrong_flagged": wrong_flagged / wrong if wrong else 1.0}


def score(dev: Path, shared: Path, variant: str | None = None) -> dict:
    S = _scorer(shared)
    records, failures = extract_dev(dev / "docs", variant)
    golds = S.load(sorted(str(p) for p in (dev / "gold").glob("*.jsonl")))
    if variant == "mirror":
        records = [without_readings(r) for r in records]
        golds = {doc: [without_readings(g) for g in gold] for doc, gold in golds.items()}
    preds: dict[str, list[dict]] = {}
    for r in records:
        preds.setdefault(r["doc"], []).append(r)
    per_doc = {}
    total = {k: S.Score() for k in ("measures", "role", "unit", "collective", "regulation", "deadline")}
    for doc in sorted(golds):
        with redirect_stdout(io.StringIO()):
            s = S.score_doc(preds.get(doc, []), golds[doc], False, doc)
        per_doc[doc] = {k: v.prf()[2] for k, v in s.items()}
        for k, v in s.items():
            total[k].add(v.tp, v.fp, v.fn)
    overall = {k: v.prf()[2] for k, v in total.items()}
    return {"overall": overall, "per_doc": per_doc, "review": review_figures(S, preds, golds),
            "failures": failures, "documents": len(golds), "records": len(records)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("REFORMKG_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--dev", type=Path, default=shared / "dev")
    ap.add_argument("--variant", choices=("wrap", "pdfwrap", "pages", "flat", "trad", "mirror", "web", "spaced", *FORMATS, *TABLES,
                                         "restyled"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = score(args.dev, shared, args.variant)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"{'document':<28} {'measures':>8} {'role':>6} {'coll.':>6} {'deadl.':>6}")
        for doc, f in result["per_doc"].items():
            print(f"{doc:<28} {f['measures']:>8.3f} {f['role']:>6.3f} {f['collective']:>6.3f} {f['deadline']:>6.3f}")
        for failure in result["failures"]:
            print(f"could not extract: {failure}")
    o, r = result["overall"], result["review"]
    figures = {**{k: o[k] for k in ("role", "measures", "collective", "deadline")},
               "clean_right": r["clean_right"], "wrong_flagged": r["wrong_flagged"]}
    names = {"role": "role-aware unit F1", "measures": "measures F1", "collective": "collectives F1",
             "deadline": "deadlines F1", "clean_right": f"records with empty review right on roles ({r['clean']})",
             "wrong_flagged": f"wrong records flagged by review ({r['wrong']} wrong)"}
    missed = 0
    print(f"\n{result['documents']} documents, {result['records']} records")
    for k, target in TARGETS.items():
        ok = figures[k] >= target
        missed += not ok
        print(f"  {names[k]:<52} {figures[k]:.3f}  target >= {target:.2f}  {'met' if ok else 'NOT met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
