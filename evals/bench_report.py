"""The benchmark's table: one row per system, then the limit, the warm rerun and the scorer."""

from __future__ import annotations

from typing import Any

_TYPES = ("meetings", "officials", "resolutions")


def _number(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _memory(text: str | None) -> str:
    """/proc/meminfo's "24684092 kB" as "23.5 GiB"."""
    if text and text.endswith(" kB") and text[:-3].isdigit():
        return f"{int(text[:-3]) / 1024**2:.1f} GiB"
    return text or "?"


def system_row(name: str, result: dict[str, Any]) -> str:
    by_type = result.get("by_type") or {}
    cells = [
        name,
        _number(result.get("headline")),
        *(_number(by_type.get(kind, {}).get("f1")) for kind in _TYPES),
        _number(result.get("valid_span_share")),
        _number(result.get("seconds"), 1),
        _number(result.get("seconds_per_1k_chars"), 2),
        _number(result.get("calls")),
        _number(result.get("prompt_tokens")),
        _number(result.get("completion_tokens")),
        _number(result.get("failed")),
    ]
    return "| " + " | ".join(cells) + " |"


def render_bench_markdown(bench: dict[str, Any]) -> str:
    """bench.json as Markdown: the table, then one line per other measurement."""
    model, machine, limit = bench["model"], bench["machine"], bench["limit"]
    articles = bench["articles"]
    lines = [
        f"Benchmark of {bench['date']}: {articles['count']} articles ({articles['chars']:,} "
        f"characters), model {model['file']} at temperature 0, cold caches; "
        f"{machine['cpus']} × {machine['cpu_model']}, {_memory(machine['memory'])} RAM, no GPU.",
        "",
        "| system | headline | meetings F1 | officials F1 | resolutions F1 | valid spans | "
        "seconds | s / 1k chars | calls | prompt tokens | completion tokens | failed |",
        "|---|" + "---:|" * 11,
        *(system_row(name, result) for name, result in bench["systems"].items()),
        "",
        f"- Raw llama.cpp speed here: {limit['prompt_tps']} prompt tokens/s, "
        f"{limit['generation_tps']} generation tokens/s. Reading every article once and writing "
        f"the toolkit's records once takes at least {limit['min_seconds']} s; the toolkit took "
        f"{_number(limit.get('ratio'), 2)} × that.",
    ]
    toolkit = bench["systems"].get("toolkit")
    if toolkit and toolkit.get("warm_rerun_seconds") is not None:
        lines.append(
            f"- Toolkit rerun on its warm cache: {toolkit['warm_rerun_seconds']} s for the whole "
            "run (every answer from the cache)."
        )
    scorer = bench.get("scorer")
    if scorer:
        lines.append(
            f"- Scorer: {scorer['documents']:,} synthetic documents in {scorer['seconds']} s "
            f"({scorer['documents_per_second']:,} documents/s)."
        )
    return "\n".join(lines) + "\n"
