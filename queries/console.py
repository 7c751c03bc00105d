"""The analysts' Cypher console: guards in front of the store's read-only path.

Every statement goes through `check()` first, so a refusal comes with a clear
Chinese message rather than an engine error; what passes still runs in a
read-only transaction (Neo4j) or on a read-only database (LadybugDB), with a
time limit and a row cap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_TIMEOUT_MS = 5_000
DEFAULT_MAX_ROWS = 1_000

_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)

_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bLOAD\s+(CSV|FROM)\b", re.I), "不允许 LOAD CSV / LOAD FROM:控制台不读取外部文件。"),
    (re.compile(r"\bapoc\s*\.", re.I), "不允许调用 apoc.* 过程。"),
    (re.compile(r"\bdbms\s*\.", re.I), "不允许调用 dbms.* 过程。"),
    (re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|INSTALL|ATTACH|EXPORT|IMPORT|"
                r"FOREACH|GRANT|REVOKE|DENY|START|STOP)\b", re.I),
     "只读控制台:不允许写入或修改(CREATE、MERGE、DELETE、SET、REMOVE、DROP、COPY 等)。"),
    (re.compile(r"\bCALL\s*\{", re.I), "不允许 CALL {…} 子查询(可能包含写入)。"),
    (re.compile(r";\s*\S"), "一次只能执行一条语句。"),
]


class ConsoleRefused(ValueError):
    """The statement is not allowed in the console; the message says why (Chinese)."""


@dataclass(frozen=True)
class ConsoleLimits:
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    max_rows: int = DEFAULT_MAX_ROWS


def _code_only(cypher: str) -> str:
    """The statement without string literals, quoted names and comments."""
    return _STRINGS.sub("''", _COMMENTS.sub(" ", cypher))


def check(cypher: str) -> None:
    code = _code_only(cypher).strip()
    if not code:
        raise ConsoleRefused("请输入一条 Cypher 查询。")
    for pattern, message in _RULES:
        if pattern.search(code):
            raise ConsoleRefused(message)


def run(store, cypher: str, params: dict | None = None, limits: ConsoleLimits = ConsoleLimits()):
    """Guard, then run read-only with a time limit and a row cap (result.truncated)."""
    check(cypher)
    return store.query(cypher.strip().rstrip(";"), params or {}, timeout_ms=limits.timeout_ms,
                       max_rows=limits.max_rows)
