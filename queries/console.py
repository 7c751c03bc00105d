"""The analysts' Cypher console: one guard for the CLI and the explorer.

`check()` lexes a statement (strings with escapes, backtick names, `//` and
`/* */` comments, parameters, numbers) and accepts it only when every
keyword, function and procedure in it is on the allow-list of
`queries/console.yaml` and it is exactly one statement. Refusals are clear
Chinese messages naming the word. Since the rules run on tokens, text inside
a string or a comment can neither hide code from them nor trip them.

What passes still runs behind the engines' own defences (read transactions
on Neo4j, a read-only database on LadybugDB) and out of the caller's process
(`queries/isolated.py`): a crash, a runaway expression or an out-of-memory
costs that query only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from reformkg.graph import settings

DEFAULT_TIMEOUT_MS = settings.get_int("REFORMKG_QUERY_TIMEOUT_MS")   # one default, graph/settings.py
DEFAULT_MAX_ROWS = 1_000
MAX_TIMEOUT_MS = 600_000
MAX_ROWS_CAP = 1_000_000


class ConsoleRefused(ValueError):
    """The statement is not allowed in the console; the message says why (Chinese)."""


@dataclass(frozen=True)
class ConsoleLimits:
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    max_rows: int = DEFAULT_MAX_ROWS

    def __post_init__(self):
        if not 1 <= int(self.timeout_ms) <= MAX_TIMEOUT_MS:
            raise ConsoleRefused(f"时间限制须在 1 到 {MAX_TIMEOUT_MS} 毫秒之间(收到 {self.timeout_ms})。")
        if not 1 <= int(self.max_rows) <= MAX_ROWS_CAP:
            raise ConsoleRefused(f"最多行数须在 1 到 {MAX_ROWS_CAP} 之间(收到 {self.max_rows})。")


# --- lexer -------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str      # word | name (backticks) | string | number | param | punct
    text: str      # as written (for `name`: without the backticks)
    start: int
    end: int       # offset after the token in the statement

    @property
    def upper(self) -> str:
        return self.text.upper()


_WORD = re.compile(r"[^\W\d]\w*", re.UNICODE)
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_PUNCT2 = ("<>", "<=", ">=", "=~", "->", "<-", "..", "::", "+=", "!=")


def tokens(cypher: str) -> list[Token]:
    """Cypher as tokens, comments and white space dropped. Raises ConsoleRefused
    for an unterminated string, backtick name or comment."""
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch.isspace():
            i += 1
        elif cypher.startswith("//", i):
            j = cypher.find("\n", i)
            i = n if j < 0 else j + 1
        elif cypher.startswith("/*", i):
            j = cypher.find("*/", i + 2)
            if j < 0:
                raise ConsoleRefused("注释 /* 没有结束(缺少 */)。")
            i = j + 2
        elif ch in "'\"":
            j, buf = i + 1, []
            while j < n and cypher[j] != ch:
                if cypher[j] == "\\" and j + 1 < n:
                    buf.append(cypher[j:j + 2])
                    j += 2
                else:
                    buf.append(cypher[j])
                    j += 1
            if j >= n:
                raise ConsoleRefused(f"字符串 {ch}…{ch} 没有结束。")
            out.append(Token("string", "".join(buf), i, j + 1))
            i = j + 1
        elif ch == "`":
            j, buf = i + 1, []
            while True:
                k = cypher.find("`", j)
                if k < 0:
                    raise ConsoleRefused("反引号名称 `…` 没有结束。")
                buf.append(cypher[j:k])
                if cypher.startswith("``", k):   # a doubled backtick is a literal one
                    buf.append("`")
                    j = k + 2
                    continue
                break
            out.append(Token("name", "".join(buf), i, k + 1))
            i = k + 1
        elif ch == "$":
            m = _WORD.match(cypher, i + 1) or _NUMBER.match(cypher, i + 1)
            if not m:
                raise ConsoleRefused("参数 $ 后须跟名称。")
            out.append(Token("param", m.group(), i, m.end()))
            i = m.end()
        elif m := _NUMBER.match(cypher, i):
            out.append(Token("number", m.group(), i, m.end()))
            i = m.end()
        elif m := _WORD.match(cypher, i):
            out.append(Token("word", m.group(), i, m.end()))
            i = m.end()
        else:
            two = cypher[i:i + 2]
            op = two if two in _PUNCT2 else ch
            out.append(Token("punct", op, i, i + len(op)))
            i += len(op)
    return out


# --- the allow-list ------------------------------------------------------------

@dataclass(frozen=True)
class Rules:
    starts: frozenset[str]
    read_keywords: frozenset[str]
    reserved: frozenset[str]
    functions: frozenset[str]
    procedures: frozenset[str]
    procedure_names: tuple[str, ...]     # as written, for messages


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = yaml.safe_load((Path(__file__).with_name("console.yaml")).read_text(encoding="utf-8"))
    up = lambda xs: frozenset(str(x).upper() for x in xs)  # noqa: E731
    return Rules(up(d["statement_starts"]), up(d["read_keywords"]), up(d["reserved_words"]),
                 up(d["functions"]), up(d["procedures"]), tuple(d["procedures"]))


def _dotted_name(toks: list[Token], i: int) -> tuple[str, int]:
    """`a.b.c` (words or backtick names) starting at toks[i]: (name, index after)."""
    parts = [toks[i].text]
    j = i + 1
    while (j + 1 < len(toks) and toks[j].text == "." and toks[j].kind == "punct"
           and toks[j + 1].kind in ("word", "name")):
        parts.append(toks[j + 1].text)
        j += 2
    return ".".join(parts), j


def _label_context(toks: list[Token], i: int, stack: list[str]) -> bool:
    """Whether toks[i] is a label, relationship type or property key (not code)."""
    prev = toks[i - 1] if i else None
    if prev is None or prev.kind != "punct":
        return False
    if prev.text == ".":
        return True                           # a property: n.title
    inner = stack[-1] if stack else ""
    if prev.text == ":" and inner in "([":
        return True                           # (n:Measure), [r:LEADS]
    if prev.text in "|&!" and inner in "([" and i >= 2 and _label_context(toks, i - 2, stack):
        return True                           # [r:LEADS|SUPPORTS]
    return False


def check(cypher: str) -> list[Token]:
    """Refuse (ConsoleRefused) anything but one read statement; return its tokens."""
    toks = tokens(cypher)
    if toks and toks[-1].text == ";" and toks[-1].kind == "punct":
        toks = toks[:-1]
    if not toks:
        raise ConsoleRefused("请输入一条 Cypher 查询。")
    r = rules()
    if any(t.kind == "punct" and t.text == ";" for t in toks):
        raise ConsoleRefused("一次只能执行一条语句(分号 ; 只能出现在末尾)。")
    first = toks[0]
    if first.kind != "word" or first.upper not in r.starts:
        raise ConsoleRefused(f"只读控制台:查询须以 MATCH、OPTIONAL MATCH、WITH、UNWIND 或 RETURN 开头"
                             f"(收到 {first.text!r})。")
    stack: list[str] = []
    closers = {")": "(", "]": "[", "}": "{"}
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct":
            if t.text in "([{":
                stack.append(t.text)
            elif t.text in closers:
                if not stack or stack[-1] != closers[t.text]:
                    raise ConsoleRefused(f"括号不匹配:位置 {t.start} 的 {t.text!r}。")
                stack.pop()
            i += 1
            continue
        if t.kind not in ("word", "name"):
            i += 1
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _label_context(toks, i, stack):
            i += 1
            continue
        if nxt is not None and nxt.text == ":" and stack and stack[-1] == "{":
            i += 1                           # a map key: {name: …}
            continue
        if t.kind == "word" and t.upper == "CALL":
            _check_call(toks, i, r)
            i += 1
            continue
        name, after = _dotted_name(toks, i)
        called = after < len(toks) and toks[after].text == "(" and toks[after].kind == "punct"
        if called and not (t.kind == "word" and after == i + 1 and t.upper in r.read_keywords):
            if name.upper() not in r.functions and not _is_allowed_procedure(toks, i, name, r):
                raise ConsoleRefused(f"只读控制台:不允许调用函数或过程 {name}(…)。")
            i = after
            continue
        if t.kind == "word" and t.upper in r.reserved:
            raise ConsoleRefused(f"只读控制台:不允许 {t.text}(只接受 MATCH … RETURN 形式的读取查询;"
                                 f"写入、文件、扩展、事务与管理命令均不可用)。")
        i += 1
    if stack:
        raise ConsoleRefused(f"括号没有闭合:缺少与 {stack[-1]!r} 对应的括号。")
    return toks


def _is_allowed_procedure(toks: list[Token], i: int, name: str, r: Rules) -> bool:
    return i > 0 and toks[i - 1].upper == "CALL" and name.upper() in r.procedures


def _check_call(toks: list[Token], i: int, r: Rules) -> None:
    """CALL is accepted only as `CALL <allowed procedure>(…)`."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.kind not in ("word", "name"):
        raise ConsoleRefused("只读控制台:不允许 CALL 子查询(CALL {…} 或 CALL (…) {…})。")
    name, after = _dotted_name(toks, i + 1)
    if name.upper() not in r.procedures or after >= len(toks) or toks[after].text != "(":
        allowed = "、".join(r.procedure_names)
        raise ConsoleRefused(f"只读控制台:不允许 CALL {name};CALL 只可调用 {allowed}。")


def with_row_cap(cypher: str, toks: list[Token], max_rows: int) -> str:
    """The statement with `LIMIT max_rows+1` appended when its last clause is a
    RETURN without SKIP/LIMIT/UNION at the top level, so the engine stops early
    instead of building the whole result (the extra row tells truncation)."""
    depth, last_return, capped = 0, None, False
    for idx, t in enumerate(toks):
        if t.kind == "punct" and t.text in "([{":
            depth += 1
        elif t.kind == "punct" and t.text in ")]}":
            depth -= 1
        elif depth == 0 and t.kind == "word":
            if t.upper == "RETURN":
                last_return = idx
            elif t.upper in ("SKIP", "LIMIT", "UNION"):
                capped = True
    if last_return is None or capped:
        return cypher
    # cut after the last token: a trailing `;` or comment must not follow the LIMIT
    return f"{cypher[:toks[-1].end]}\nLIMIT {int(max_rows) + 1}"


def run(store, cypher: str, params: dict | None = None, limits: ConsoleLimits = ConsoleLimits()):
    """Guard, then run in a separate process (queries/isolated.py): read-only,
    with a time limit, a memory limit and a row cap (result.truncated)."""
    from .isolated import run_isolated

    toks = check(cypher)
    statement = with_row_cap(cypher, toks, limits.max_rows)
    return run_isolated(store, statement, params or {}, limits)
