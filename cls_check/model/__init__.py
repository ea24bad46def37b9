"""Contract records, format ``cls/1``: the pydantic model and the loader.

Input: YAML or JSON files, texts, mappings. Output: frozen :class:`Contract` models wrapped
in :class:`LoadedRecord` (with warnings), or :class:`cls_check.errors.RecordError` listing
every problem found.
"""

from cls_check.model.contract import Contract
from cls_check.model.loader import LoadedRecord, load_record, record_from_text

__all__ = ["Contract", "LoadedRecord", "load_record", "record_from_text"]
