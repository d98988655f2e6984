"""The result of one evaluation run, and how it is printed.

A :class:`Report` holds headline ``metrics`` (name -> number), ``tables``
(name -> list of row dicts, or a confusion matrix as a dict of dicts) and the
worst ``errors`` (each a dict with ``doc``, ``why``, ``gold``, ``predicted``,
``evidence``) so a reader can see *why* a figure is what it is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Report:
    format: str
    n_docs: int = 0
    metrics: dict[str, float | int | None] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def from_any(value: Any, format_name: str) -> Report:
    """Accept a :class:`Report` or a plain dict shaped like one."""
    if isinstance(value, Report):
        return value
    if isinstance(value, dict):
        known = {k: value[k] for k in ("n_docs", "metrics", "tables", "errors", "notes") if k in value}
        extra = {k: v for k, v in value.items() if k not in known and k != "format"}
        report = Report(format=str(value.get("format", format_name)), **known)
        for key, item in extra.items():
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                report.metrics.setdefault(key, item)
            else:
                report.tables.setdefault(key, item)
        return report
    raise TypeError(f"format {format_name!r} returned {type(value).__name__}, not a Report or dict")


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str)


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return out


def _table_lines(name: str, table: Any) -> list[str]:
    lines = [f"\n{name}"]
    if isinstance(table, dict) and table and all(isinstance(v, dict) for v in table.values()):
        # a confusion matrix: gold (rows) x predicted (columns)
        columns = sorted({c for row in table.values() for c in row})
        rows = [[str(g)] + [_fmt(table[g].get(c, 0) or None) for c in columns] for g in sorted(table)]
        lines += _grid(["gold \\ predicted"] + [str(c) for c in columns], rows)
    elif isinstance(table, list) and table and all(isinstance(r, dict) for r in table):
        header = list(dict.fromkeys(k for r in table for k in r))
        lines += _grid(header, [[_fmt(r.get(k)) for k in header] for r in table])
    elif isinstance(table, dict):
        lines += _grid(["key", "value"], [[str(k), _fmt(v)] for k, v in table.items()])
    else:
        lines.append(f"  {_fmt(table)}")
    return lines


def _clip(text: Any, width: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(report: Report) -> str:
    """A readable plain-text rendering: metrics, tables, then error cases."""
    lines = [f"kroniek eval: {report.format} ({report.n_docs:,} documents)", ""]
    if report.metrics:
        lines += _grid(["metric", "value"], [[k, _fmt(v)] for k, v in report.metrics.items()])
    for name, table in report.tables.items():
        lines += _table_lines(name, table)
    for note in report.notes:
        lines.append(f"\nnote: {note}")
    if report.errors:
        lines.append(f"\nworst {len(report.errors)} cases")
        for i, err in enumerate(report.errors, 1):
            lines.append(f"\n[{i}] doc {err.get('doc')}: {err.get('why')}")
            lines.append(f"    gold:      {_clip(_fmt(err.get('gold')))}")
            lines.append(f"    predicted: {_clip(_fmt(err.get('predicted')))}")
            if err.get("evidence"):
                lines.append(f"    evidence:  {_clip(err.get('evidence'), 400)}")
    return "\n".join(lines) + "\n"
