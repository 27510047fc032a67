"""The record contract for meetings, officials and resolutions extracted from news articles.

    from schemas import Document, Meeting, Official, Resolution, Span

This package is the core: it depends on no model provider, and both the extractor and the scorer
build on it.
"""

from schemas.errors import ArticleError, RecordFileError, ToolkitError
from schemas.io import (
    dump_document,
    iter_spans,
    load_document,
    parse_document,
    read_article,
    span_problems,
)
from schemas.models import (
    SCHEMA_VERSION,
    Attendance,
    Document,
    Meeting,
    MeetingKind,
    Official,
    Position,
    Rank,
    Resolution,
    ResolutionKind,
    Role,
    Span,
)
from schemas.regions import REGIONS, Region, RegionCode, region, resolve_members, resolve_region

__all__ = [
    "REGIONS",
    "SCHEMA_VERSION",
    "ArticleError",
    "Attendance",
    "Document",
    "Meeting",
    "MeetingKind",
    "Official",
    "Position",
    "Rank",
    "RecordFileError",
    "Region",
    "RegionCode",
    "Resolution",
    "ResolutionKind",
    "Role",
    "Span",
    "ToolkitError",
    "dump_document",
    "iter_spans",
    "load_document",
    "parse_document",
    "read_article",
    "region",
    "resolve_members",
    "resolve_region",
    "span_problems",
]
