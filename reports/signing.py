"""Who signs, as offices print it: the lines of one signature block, the same in Word and Markdown.

Under the place and date and the role ("Pihak Pertama,") come the position, the space to sign and stamp, the name
(bold, underlined), the pangkat/golongan and "NIP. …". A field still empty prints a dotted line for the pen; the
pangkat line is printed when a pangkat is entered or the name is empty too.

An official without NIP prints neither NIP nor pangkat line. The rule: the NIP is typed as "-", or it is empty and the
position begins with Bupati, Wali Kota or Gubernur (or their Wakil): elected officials have no NIP. An acting one
("Pj. Bupati", "Plt. Bupati") is a civil servant and keeps the line, and so does "Staf Ahli Bupati". A NIP that was
typed is always printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

DOTS = "." * 36
# Rows of a signature block, in order: the columns of two blocks side by side are aligned row by row.
ROWS = ("top", "role", "jabatan", "gap", "nama", "pangkat", "nip")
_ELECTED = re.compile(r"^\s*(wakil\s+)?(bupati|wali\s*kota|walikota|gubernur)\b", re.IGNORECASE)
NO_NIP = "-"


def dotted(text: str) -> str:
    return text.strip() or DOTS


@dataclass(frozen=True)
class Signatory:
    jabatan: str
    nama: str
    pangkat: str
    nip: str
    role: str = ""  # "Pihak Pertama," in a PK

    @property
    def has_nip(self) -> bool:
        nip = self.nip.strip()
        if nip == NO_NIP:
            return False
        return bool(nip) or not _ELECTED.match(self.jabatan)

    def lines(self) -> dict[str, str]:
        """The text of each row this signatory fills (ROWS but "top" and "gap"); a missing row is not printed."""
        rows = {"role": self.role.strip(), "jabatan": dotted(self.jabatan), "nama": dotted(self.nama)}
        if self.has_nip:
            # Many offices print no pangkat (the seed's Camat: name and NIP): an empty pangkat is dotted only in a
            # block left wholly for the pen, where the name is empty too.
            if self.pangkat.strip() or not self.nama.strip():
                rows["pangkat"] = dotted(self.pangkat)
            rows["nip"] = f"NIP. {dotted(self.nip)}"
        return {k: v for k, v in rows.items() if v}


def signatory(profile: dict[str, Any], prefix: str, role: str = "") -> Signatory:
    """The signatory whose fields are `<prefix>_nama`, `_nip`, `_jabatan`, `_pangkat` in the year's profile."""
    return Signatory(profile.get(f"{prefix}_jabatan", ""), profile.get(f"{prefix}_nama", ""),
                     profile.get(f"{prefix}_pangkat", ""), profile.get(f"{prefix}_nip", ""), role)
