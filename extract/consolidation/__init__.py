"""Consolidation: one record per real meeting and per real person across many Document files.

    from extract.consolidation import consolidate_paths, write_database

It reads Document files (a run's output, or gold) and merges them: the same meeting reported in
English and Chinese, the same official under two scripts and a pinyin name. It imports only
`schemas` (the contract), never the extraction pipeline or a model: its input is record files.
"""

from extract.consolidation.build import consolidate, consolidate_paths
from extract.consolidation.database import write_database
from extract.consolidation.loading import LoadedDocument, load_documents

__all__ = [
    "LoadedDocument",
    "consolidate",
    "consolidate_paths",
    "load_documents",
    "write_database",
]
