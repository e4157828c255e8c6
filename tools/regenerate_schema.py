"""Regenerate store/document/schema_compiled.py after editing store/document/schema.py:
`.venv/bin/python tools/regenerate_schema.py` (tests/store/test_schema.py says when it is stale).

A developer's tool, outside the packages: the schema (store.document) stays below the disk layer that writes files."""

from __future__ import annotations

from pathlib import Path

from store.disk.safefile import write_atomically
from store.document import schema

# Source code, readable by every operator's account (a workbook's own 0660 would lock the others out of lkjip).
write_atomically(Path(schema.__file__).with_name("schema_compiled.py"), schema.generate().encode(), mode=0o644)
print("store/document/schema_compiled.py ditulis ulang")
