"""Named Cypher queries: one file each, with a header, runnable on both stores.

    from reformkg import queries
    queries.list()                                   # every NamedQuery, by name
    queries.get("measures_led_by").params            # typed parameters
    queries.run("measures_led_by", {"dept": "市大数据发展服务局"}, store)

A query lives in `queries/<name>.cypher`:

    // name: measures_led_by
    // title: 部门牵头的措施 | Measures a department leads
    // description: …
    // param: dept dept required — 部门名称、全称或别名 | name, full name or alias
    // param: limit int = 100 — 最多返回行数 | at most this many rows
    // sort: doc, ordinal          rows sorted by the runner (where UNION forbids ORDER BY)
    // unordered: leads            list columns whose order no engine defines: sorted
    // example: reformkg query measures_led_by --param dept=市大数据发展服务局
    MATCH …

Written in the Cypher subset that LadybugDB and Neo4j evaluate the same way;
where that is impossible a per-backend variant sits next to it
(`<name>.neo4j.cypher`, `<name>.ladybug.cypher`, body only). Idioms of that
subset, each forced by a LadybugDB difference found by the differential test:

- optional filters as `n.p = coalesce($x, n.p)` or `n.p CONTAINS coalesce($x, n.p)`,
  never `$x IS NULL OR n.p = $x` nor `coalesce($x, '')` (LadybugDB types a null
  parameter as BOOL and then fails or silently mis-compares);
- no expression returned twice in one UNION branch (LadybugDB de-duplicates it
  and silently shifts the columns of every later branch);
- no untyped `null` in a UNION branch (every branch must return typed values);
- a parameter used inside `any(x IN … WHERE …)` is first bound with `WITH $p AS p`;
- `r.role` rather than `type(r)`; ``r.`end` `` rather than `r.end`;
- UNION results are ordered by the runner (`// sort:`), lists from `collect()`
  are sorted by the runner (`// unordered:`).
"""
from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent
_TYPES = ("string", "int", "float", "bool", "date", "list", "dept")


class QueryParamError(ValueError):
    """Unknown query name, unknown parameter, missing or mistyped value."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any
    description: str

    def coerce(self, query: str, value: Any) -> Any:
        if value is None:
            return None
        try:
            if self.type in ("string", "dept"):
                if isinstance(value, (builtins.list, dict)):
                    raise TypeError
                return str(value)
            if self.type == "int":
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise TypeError
                return int(value)
            if self.type == "float":
                if isinstance(value, bool):
                    raise TypeError
                return float(value)
            if self.type == "bool":
                if isinstance(value, bool):
                    return value
                if str(value).lower() in ("true", "1", "yes"):
                    return True
                if str(value).lower() in ("false", "0", "no"):
                    return False
                raise TypeError
            if self.type == "date":
                return date.fromisoformat(str(value)).isoformat()
            if self.type == "list":
                if not isinstance(value, builtins.list):
                    raise TypeError
                return value
        except (TypeError, ValueError):
            pass
        expected = {"dept": "a department name (string)", "date": "date (YYYY-MM-DD)"}.get(self.type, self.type)
        raise QueryParamError(f"{query}: parameter '{self.name}' must be {expected}, got {value!r}")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    variants: dict[str, str] = field(default_factory=dict)
    sort: tuple[str, ...] = ()
    unordered: tuple[str, ...] = ()
    example: str = ""
    path: Path | None = None

    def text_for(self, backend: str) -> str:
        return self.variants.get(backend, self.cypher)

    def bind(self, params: dict[str, Any] | None) -> dict[str, Any]:
        params = dict(params or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise QueryParamError(f"{self.name}: unknown parameter(s) {', '.join(unknown)} "
                                  f"(expected: {', '.join(known) or 'none'})")
        out = {}
        for p in self.params:
            if p.name in params and params[p.name] is not None:
                out[p.name] = p.coerce(self.name, params[p.name])
            elif p.required:
                raise QueryParamError(f"{self.name}: parameter '{p.name}' ({p.type}) is required")
            else:
                out[p.name] = p.default
            if p.type == "dept":
                # a department by any printed form, full name, alias or id:
                # queries match it as `d.lookup CONTAINS $dept_key` (one indexed test)
                out[f"{p.name}_key"] = f"|{out[p.name]}|" if out[p.name] is not None else None
        return out


_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>\w+)(?:\s+(?P<req>required)|\s*=\s*(?P<default>[^—]+?))?"
                    r"\s*(?:—\s*(?P<desc>.*))?$")


def _parse_default(raw: str | None, typ: str) -> Any:
    if raw is None or raw.strip() == "null":
        return None
    raw = raw.strip()
    if typ == "int":
        return int(raw)
    if typ == "float":
        return float(raw)
    if typ == "bool":
        return raw == "true"
    return raw.strip("'\"")


def parse(text: str, path: Path | None = None) -> NamedQuery:
    header: dict[str, list[tuple[int, str]]] = {}
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^//\s*(\w+):\s*(.*)$", line)
        if m and not body:
            header.setdefault(m[1], []).append((number, m[2].strip()))
        elif line.strip() or body:
            body.append(line)
    where = path or "<query>"
    if "name" not in header:
        raise QueryParamError(f"{where}: header has no '// name:' line")
    params = []
    for number, raw in header.get("param", []):
        m = _PARAM.match(raw)
        if not m or m["type"] not in _TYPES:
            raise QueryParamError(f"{where}:{number}: cannot read parameter line {raw!r} "
                                  f"(expected: NAME TYPE [required | = DEFAULT] — DESCRIPTION, "
                                  f"TYPE one of {', '.join(_TYPES)})")
        try:
            default = _parse_default(m["default"], m["type"])
        except ValueError:
            raise QueryParamError(f"{where}:{number}: default {m['default'].strip()!r} of parameter "
                                  f"'{m['name']}' is not a {m['type']} (the description follows an "
                                  f"em dash —)") from None
        params.append(Param(m["name"], m["type"], bool(m["req"]), default, (m["desc"] or "").strip()))
    first = lambda key: (header.get(key) or [(0, "")])[0][1]  # noqa: E731
    zh, _, en = first("title").partition("|")
    split = lambda key: tuple(x.strip() for x in first(key).split(",") if x.strip())  # noqa: E731
    return NamedQuery(name=first("name"), title_zh=zh.strip(), title_en=en.strip(),
                      description=" ".join(v for _, v in header.get("description", [])), params=tuple(params),
                      cypher="\n".join(body).strip(), sort=split("sort"), unordered=split("unordered"),
                      example=first("example"), path=path)


_CACHE: dict[str, NamedQuery] | None = None
PROBLEMS: builtins.list[str] = []   # query files that could not be read, one line each


def _load() -> dict[str, NamedQuery]:
    """Every query file; one with a bad header is reported in PROBLEMS (file and
    line) and left out, and the others load."""
    global _CACHE
    if _CACHE is None:
        found = {}
        PROBLEMS.clear()
        for path in sorted(QUERY_DIR.glob("*.cypher")):
            if path.stem.count(".") == 0:
                try:
                    q = parse(path.read_text(encoding="utf-8"), path)
                except (QueryParamError, ValueError) as e:
                    PROBLEMS.append(str(e))
                    continue
                variants = {}
                for backend in ("neo4j", "ladybug"):
                    v = QUERY_DIR / f"{path.stem}.{backend}.cypher"
                    if v.exists():
                        variants[backend] = v.read_text(encoding="utf-8").strip()
                found[q.name] = NamedQuery(**{**q.__dict__, "variants": variants})
        _CACHE = found
    return _CACHE


def list() -> builtins.list[NamedQuery]:  # noqa: A001 - the name the issue asks for
    return [_load()[k] for k in sorted(_load())]


def get(name: str) -> NamedQuery:
    try:
        return _load()[name]
    except KeyError:
        broken = [p for p in PROBLEMS if f"{name}.cypher" in p]
        if broken:
            raise QueryParamError(broken[0]) from None
        raise QueryParamError(f"no query named {name!r} (see `reformkg query list`)") from None


def _sort_key(value: Any):
    # None first, then by type name, then value: stable across mixed columns
    return (value is not None, type(value).__name__,
            value if not isinstance(value, (builtins.list, dict)) else str(value))


def run(name: str, params: dict[str, Any] | None, store, *, timeout_ms: int | None = None,
        max_rows: int | None = None):
    """Validate the parameters, run the query on `store`, normalise the rows."""
    q = get(name)
    bound = q.bind(params)
    result = store.query(q.text_for(store.backend), bound, timeout_ms=timeout_ms,
                         max_rows=None if q.sort else max_rows)
    for col in q.unordered:
        if col in result.columns:
            i = result.columns.index(col)
            for row in result.rows:
                if isinstance(row[i], builtins.list):
                    row[i] = sorted(row[i], key=_sort_key)
    if q.sort:
        idx = [result.columns.index(c) for c in q.sort]
        result.rows.sort(key=lambda r: [_sort_key(r[i]) for i in idx])
        if max_rows is not None and len(result.rows) > max_rows:
            result.rows = result.rows[:max_rows]
            result.truncated = True
    return result
