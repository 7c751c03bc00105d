"""The lexicon is the one place for words: loaders/*.py hold no CJK word
lists, and the lexicon's patterns compile and compose by reference."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
# Messages for people (review reasons, errors) are sentences, not words; a
# regular expression with CJK in it is a word list all the same.
MESSAGE = re.compile(r"[:：,，。;；「」“”()（）…/]|\s")
REGEX = re.compile(r"\(\?|\||\[[^\]]*[\u4e00-\u9fff]")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def words_in_code(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            s = node.value
            if CJK.search(s) and (REGEX.search(s) or not MESSAGE.search(s)):
                found.append(f"{path.name}:{node.lineno}: {s!r}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "loaders").glob("*.py")), ids=lambda p: p.name)
def test_no_cjk_words_in_loader_code(path):
    assert words_in_code(path) == []


def test_every_lexicon_pattern_compiles():
    from reformkg.loaders.lexicon import lexicon

    lx = lexicon()
    for key in lx.data:
        if key.endswith("_pattern"):
            lx.named(key)
    for _, pattern, _ in lx.data["outline_styles"]:
        lx.pattern(pattern)


@pytest.mark.parametrize("pattern,first", [
    ("(?:列|排)?(?:第一|首位)牵头", ["列", "排", "第", "首"]),   # an optional start, and what follows
    ("(?<=[。;])市", ["市"]),                                    # a look-behind takes no character
    ("[0-9一二]+个", ["0-9", "一", "二"]),
    (r"\d+小时", [r"\d"]),
    ("x{0,3}y", ["x", "y"]),
    ("(?:ab)*", None),                                           # may match nothing
    ("a|", None),
    (".x", None),                                                # any character
    ("[^a]b", None),
])
def test_first_characters_of_a_pattern(pattern, first):
    from reformkg.loaders.lexicon import _first_chars

    assert _first_chars(pattern) == (None if first is None else "".join(sorted(first)))


def test_the_first_character_look_ahead_changes_no_match():
    """Every lexicon pattern, compiled with and without the look-ahead, finds
    the same matches in both seeds and every dev document."""
    from reformkg.loaders.lexicon import _expand, compile_pattern, lexicon
    from reformkg.loaders.text import Text

    lx = lexicon()
    sources = [lx.data[k] for k in lx.data if k.endswith("_pattern")]
    sources += list(lx.data["patterns"].values()) + [p for _, p, _ in lx.data["outline_styles"]]
    texts = [Text.of(p.read_text(encoding="utf-8")).simp
             for p in sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
             + sorted((ROOT.parent / "shared" / "dev" / "docs").glob("*.txt"))]
    assert texts
    looked_ahead = 0
    for source in sources:
        plain = re.compile(_expand(source, lx.data))
        fast = compile_pattern(plain.pattern)
        looked_ahead += fast.pattern != plain.pattern
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], source
    assert looked_ahead > 10


def test_an_unknown_reference_is_an_error():
    from reformkg.loaders.lexicon import _expand

    with pytest.raises(ValueError, match="unknown reference"):
        _expand("{no_such_list}", {"patterns": {}})


@pytest.mark.parametrize("label,role", [
    ("牵头单位", "lead"), ("牵头考核单位", "lead"), ("牵头责任单位", "lead"), ("主要责任单位", "lead"),
    ("配合单位", "support"), ("协同责任单位", "support"), ("协作单位", "support"), ("参与单位", "support"),
    ("责任单位", "responsible"), ("责任科室", "responsible"), ("实施主体", "responsible"),
    ("牵头市领导", "leader"), ("分管领导", "leader"), ("责任人", "leader"),
    ("完成时限", "deadline"), ("时限要求", "deadline"), ("指标长", "chief"), ("总牵头部门", "coordinator"),
    ("部门分工", "free"),
])
def test_labels_are_role_word_plus_head(label, role):
    from reformkg.loaders.lexicon import lexicon

    lx = lexicon()
    m = lx.label_re.match(label + ":")
    assert m and m["label"] == label and lx.label_role(label) == role
