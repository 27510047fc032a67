"""Consolidation: one record per real meeting and per real person across many Document files.

    from extract.consolidation import consolidate_paths, write_database

It reads Document files (a run's output, or gold) and merges them: the same meeting reported in
English and Chinese, the same official under two scripts and a pinyin name. It imports only
`schemas` (the contract), never the extraction pipeline or a model: its input is record files.
People are followed across regions (`careers`), an analyst's decisions applied (`identities`),
a database grown run by run with its ids kept (`growing`), and the corpus shown as a page (`page`).
"""

from extract.consolidation.build import consolidate, consolidate_paths
from extract.consolidation.database import write_database
from extract.consolidation.growing import add_documents, keep_ids, read_stored
from extract.consolidation.identities import Identities, read_identities
from extract.consolidation.loading import LoadedDocument, load_documents
from extract.consolidation.page import write_page

__all__ = [
    "Identities",
    "LoadedDocument",
    "add_documents",
    "consolidate",
    "consolidate_paths",
    "keep_ids",
    "load_documents",
    "read_identities",
    "read_stored",
    "write_database",
    "write_page",
]
