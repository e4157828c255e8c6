"""Building the cascade from the main view: add, rename, recode, move and delete nodes and indicators.

The keys act on what has focus: in the tree, on the selected node; in the indicator grid, on the indicator under the
cursor. Every change is one Edit planned by store.edits.plans and applied through the app's one edit path, so it is
saved at once, logged, and taken back by Ctrl+Z like any typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.binding import Binding

from store.edits import plans
from store.domain.codes import CODED_LEVELS, known_name, master_names, master_path
from store.text.errors import InvalidValue, WorkbookError
from store.domain.fields import parse_value, spec_of
from store.domain.model import LEVEL_LABELS
from store.domain.pejabat import officials
from store.edits.structure import CHILD_LEVEL, what_goes
from store.domain.edit import Edit
from store.text.sanitize import cut_words

from tui.keys import drained, typing_into
from tui.screen_roles import PaletteCommand
from tui.widgets.cascade_tree import CascadeTree
from tui.widgets.grid import WorkGrid

if TYPE_CHECKING:
    from tui.session import Session
    from .base import SessionScreen
    from .forms import Field

    _Screen = SessionScreen  # checked as part of the screen it is mixed into (MainScreen)
else:
    _Screen = object

# Priority keys (tui/keys.py): the app runs each as it arrives and reads the next key only once the dialog it opens
# has focus, so "a", a name and Enter typed in one burst reach the form, not the tree. check_action lets the letter
# through as a character while a cell is being typed into. Delete is a binding of its own (same id, so a keymap
# still remaps both) because in a grid it is the grid's key: it clears the cell.
CASCADE_BINDINGS = [
    Binding("a", "add_child", "Tambah rincian", id="cascade.add_child", priority=True),
    Binding("s", "add_sibling", "Tambah sejajar", show=False, id="cascade.add_sibling", priority=True),
    Binding("i", "add_indicator", "Tambah indikator", show=False, id="cascade.add_indicator", priority=True),
    Binding("r", "rename", "Ganti nama", show=False, id="cascade.rename", priority=True),
    Binding("k", "recode", "Ubah kode", show=False, id="cascade.recode", priority=True),
    Binding("ctrl+up", "step(-1)", "Naikkan", show=False, id="cascade.up", priority=True),
    Binding("ctrl+down", "step(1)", "Turunkan", show=False, id="cascade.down", priority=True),
    Binding("m", "reparent", "Pindah induk", show=False, id="cascade.move", priority=True),
    Binding("d", "delete", "Hapus", id="cascade.delete", priority=True),
    Binding("delete", "delete('key')", "Hapus", id="cascade.delete", priority=True),
    Binding("p", "properties", "Sifat indikator", show=False, id="cascade.properties", priority=True),
    Binding("j", "official", "Pejabat penanggung jawab", show=False, id="cascade.official", priority=True),
]
CASCADE_ACTIONS = {b.action.split("(")[0] for b in CASCADE_BINDINGS}
NO_OFFICIAL = "-"  # the picker's "none" (never a key: store.domain.pejabat keys begin with a letter or digit)


class CascadeEditing(_Screen):
    """Mixed into MainScreen: the actions behind CASCADE_BINDINGS."""

    node_id: str | None

    if TYPE_CHECKING:  # what MainScreen provides besides a SessionScreen's

        def focus_ref(self, ref: str, field: str | None = None, *, tree: bool = False) -> None: ...

        def show_node(self, node_id: str) -> None: ...

    # -- when the keys are commands ------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in CASCADE_ACTIONS:
            return True
        focused = self.focused
        if parameters == ("key",) and focused is not None and "delete" in focused._bindings.key_to_bindings:
            return False  # the Delete key of a grid: it clears the cell
        return self._keys_are_commands()

    def _keys_are_commands(self) -> bool:
        # A letter typed into a cell or a field is a character.
        return self.app.screen is self and not typing_into(self.focused)

    async def _settle(self) -> None:
        """Before a cascade key acts: the widget in focus has taken the keys typed before it (a tree move, a grid
        move) and the node shown is the tree's cursor, so "↓ d" deletes the node below, as typed slowly. If those
        keys opened a cell editor ("8 a" in one burst), the letter is a character after all: SkipAction hands it on
        to the editor, in its place."""
        focused, were_commands = self.focused, self._keys_are_commands()  # not so when run from the palette
        await drained(focused)
        if were_commands and not self._keys_are_commands():
            raise SkipAction()
        tree = self.query_one(CascadeTree)
        node = tree.cursor_node
        if focused is tree and node is not None and node.data and node.data != self.node_id:
            self.show_node(node.data)

    # -- what the keys act on -----------------------------------------------------------------------------------------
    def _indicator_here(self) -> str | None:
        """The indicator under the grid's cursor when the indicator grid has focus."""
        focused = self.focused
        if isinstance(focused, WorkGrid) and focused.id == "indicators" and focused.row_count:
            here = focused.current()
            return here[0] if here else None
        return None

    def _apply(self, edit: Edit | None, then: Callable[[], None] | None = None) -> None:
        if edit is None:
            return
        if self.session.apply_edit(edit) and then:
            then()

    def _fresh(self):
        """The cascade as saved now (reloaded when another operator saved since the last poll): an edit is planned
        on it, so a node another operator just added does not make the new id collide."""
        return self.session.wb.cascade()

    def _refuse(self, message: str) -> None:
        self.session.say(message, error=True)

    async def _form(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], object],
                    then: Callable[[Edit], None] | None = None, on_change=None) -> None:
        # Awaited: the keys typed after the one that opened the form wait until its first field has focus.
        from .forms import FormScreen  # the forms load on first use, not at start-up

        def form(values: list[Field], error: str = "") -> tuple[FormScreen, Callable[[object], None]]:
            opened = FormScreen(title, values, submit, on_change=on_change, error=error)

            def done(edit: object) -> None:
                if not isinstance(edit, Edit):
                    return
                if self.session.apply_edit(edit) is not None:
                    if then:
                        then(edit)
                    return
                # Refused once the form had closed (the row removed by another operator meanwhile, a conflict, a
                # year locked): the form again, with what was typed and why. It saves after closing, unlike
                # FormScreen's `save`, so that the tree can move to what was saved.
                again = [(key, label, opened.typed.get(key, value)) for key, label, value in values]
                self.session.push_screen(*form(again, f"{self.session.message} Yang Anda ketik tetap di sini; Esc "
                                                      f"menutup tanpa menyimpan."))

            return opened, done

        await self.session.push_screen(*form(fields))

    def cascade_palette(self) -> list[PaletteCommand]:
        """The cascade actions in the command palette (Ctrl+P), for an operator who does not know the keys yet."""
        return [
            ("Cascading: tambah rincian", "a · satu tingkat di bawah simpul terpilih", self.action_add_child),
            ("Cascading: tambah simpul sejajar", "s", self.action_add_sibling),
            ("Cascading: tambah indikator", "i", self.action_add_indicator),
            ("Cascading: ganti nama", "r", self.action_rename),
            ("Cascading: ubah kode", "k", self.action_recode),
            ("Cascading: pindah ke induk lain", "m", self.action_reparent),
            ("Cascading: hapus", "d · ditanya dulu", self.action_delete),
            ("Cascading: sifat indikator", "p · satuan, arah, rumus, aturan TW, target akhir",
             self.action_properties),
            ("Cascading: pejabat penanggung jawab", "j · pilih dari pejabat tahun ini (untuk PK-nya)",
             self.action_official),
        ]

    # -- nodes ---------------------------------------------------------------------------------------------------------
    async def action_add_child(self) -> None:
        await self._settle()
        casc = self.session.casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            await self._add_node("tujuan", None)
        elif node["level"] not in CHILD_LEVEL:
            self._refuse("Sub kegiatan adalah tingkat terbawah; tekan i untuk menambah indikatornya, atau s untuk "
                         "sub kegiatan sejajar.")
        else:
            await self._add_node(CHILD_LEVEL[node["level"]], node["id"])

    async def action_add_sibling(self) -> None:
        await self._settle()
        casc = self.session.casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            await self._add_node("tujuan", None)
        else:
            await self._add_node(node["level"], node.get("parent") if node.get("parent") in casc.nodes else None)

    async def _add_node(self, level: str, parent_id: str | None) -> None:
        casc = self.session.casc
        where = f" di bawah {cut_words(casc.label(casc.nodes[parent_id]), 41)}" if parent_id else ""
        coded = level in CODED_LEVELS
        fields: list[Field] = ([("code", "Kode (mis. 7.01.02.2.02.0003; nama terisi bila kodenya dikenal)", "")]
                               if coded else []) + [("name", "Nama", "")]
        try:
            master = master_names(master_path(self.session.workbook.path)) if coded else {}
        except WorkbookError as exc:  # a master list with a text the gate refuses offers nothing: fix it first
            self._refuse(exc.message)
            return

        def submit(values: dict[str, str]) -> Edit:
            return plans.plan_add_node(self._fresh(), level, values["name"], parent_id, values.get("code", ""))

        filled = {"name": ""}  # the name this form put in itself: it follows the code, a typed one never does

        def fill_name(key: str, value: str, values: dict[str, str]) -> dict[str, str]:
            """The known name of exactly the code typed so far, or nothing: on the way to 7.01.01.2.01 the code
            passes 7.01.01, whose name must not stay behind as the kegiatan's."""
            name = values["name"]
            if key != "code" or (name.strip() and name != filled["name"]):
                return {}
            filled["name"] = known_name(self.session.casc, value, master, level) or ""
            return {"name": filled["name"]} if filled["name"] != name else {}

        await self._form(f"Tambah {LEVEL_LABELS[level]}{where}", fields, submit,
                         lambda edit: self.focus_ref(edit.ref, tree=True), fill_name if coded else None)

    async def action_rename(self) -> None:
        await self._settle()
        casc = self.session.casc
        ind_id = self._indicator_here()
        if ind_id:
            ref, field, old = ind_id, "indikator", casc.indicators[ind_id][1]["name"]
        elif self.node_id in casc.nodes:
            ref, field, old = self.node_id, "nama", casc.nodes[self.node_id]["name"]
        else:
            return

        def submit(values: dict[str, str]) -> Edit:
            if not values["name"].strip():
                raise InvalidValue("Nama tidak boleh kosong.")
            # The one gate for a typed text (store.text.gate): its limit and no control characters.
            return Edit(ref, field, None, old, str(parse_value(spec_of(field), values["name"])).strip())

        # A node renamed: the tree at it. An indicator renamed in its grid: the grid's cursor on it, where it was.
        await self._form("Ganti nama", [("name", "Nama", old)], submit,
                         lambda edit: self.focus_ref(ref, "indikator" if ind_id else None, tree=not ind_id))

    async def action_recode(self) -> None:
        await self._settle()
        casc = self.session.casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            return
        if node["level"] not in CODED_LEVELS:
            self._refuse(f"{LEVEL_LABELS[node['level']]} tidak memakai kode.")
            return
        old = node["code"]

        def submit(values: dict[str, str]) -> Edit:
            return Edit(node["id"], "kode", None, old, values["code"].strip())

        await self._form(f"Ubah kode {casc.label(node)}"[:70], [("code", "Kode (kode rinciannya ikut berubah)", old)],
                         submit, lambda edit: self.focus_ref(node["id"], tree=True))

    async def action_step(self, step: int) -> None:
        await self._settle()
        casc = self.session.casc
        ref = self._indicator_here() or self.node_id
        if ref not in casc.nodes and ref not in casc.indicators:
            return
        try:
            edit = plans.plan_step(self._fresh(), ref, step)
        except WorkbookError as exc:
            self._refuse(exc.message)
            return
        self._apply(edit, lambda: self.focus_ref(ref, "indikator") if ref in self.session.casc.indicators
                    else self.focus_ref(ref, tree=True))

    async def action_reparent(self) -> None:
        await self._settle()
        casc = self.session.casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            return
        parents = plans.valid_parents(casc, node["id"])
        if not parents:
            self._refuse(f"Tidak ada induk lain untuk {casc.label(node)}.")
            return

        def done(parent_id: str | None) -> None:
            if not parent_id:
                return
            try:
                edit = plans.plan_reparent(self._fresh(), node["id"], parent_id)
            except WorkbookError as exc:
                self._refuse(exc.message)
                return
            self._apply(edit, lambda: self.focus_ref(node["id"], tree=True))

        options = [(p["id"], f"{LEVEL_LABELS[p['level']]} {casc.label(p)}") for p in parents]
        title = f"Pindahkan {cut_words(casc.label(node), 50)} ke bawah\u2026"
        from .forms import PickScreen

        await self.session.push_screen(PickScreen(title, options), done)

    async def action_official(self) -> None:
        """Pick the official of the year shown who answers for the node (store.domain.pejabat; `lkjip pejabat`)."""
        await self._settle()
        casc, year = self.session.casc, self.session.year
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            return
        known = officials(casc.meta, year)
        current = node.get("penanggung_jawab") or ""
        options = [(key, f"{key} — {o['jabatan'] or o['nama'] or '(belum diisi)'}") for key, o in known.items()]
        options.append((NO_OFFICIAL, "(tanpa pejabat penanggung jawab)"))

        def done(key: str | None) -> None:
            if key is None:
                return
            new = "" if key == NO_OFFICIAL else key
            if new != current:
                self._apply(Edit(node["id"], "penanggung-jawab", None, current, new))

        title = f"Penanggung jawab {casc.label(node)}"[:60] + f" ({year})"
        from .forms import PickScreen

        await self.session.push_screen(PickScreen(title, options), done)

    async def action_delete(self, _key: str = "") -> None:
        await self._settle()
        casc = self.session.casc
        ref = self._indicator_here() or self.node_id
        parent: str | None
        if ref is None:
            return
        if ref in casc.indicators:
            what = f"indikator {casc.indicators[ref][1]['name']}"
            parent = casc.indicators[ref][0]["id"]
        elif ref in casc.nodes:
            what = f"{LEVEL_LABELS[casc.nodes[ref]['level']].lower()} {casc.label(casc.nodes[ref])}"
            parent = casc.nodes[ref].get("parent")
        else:
            return
        edit = plans.plan_delete(casc, ref)
        lines = what_goes(casc, ref)

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(edit, lambda: self.focus_ref(parent, tree=ref in casc.nodes) if parent else None)

        question = f"Hapus {what}?" + (" Ikut terhapus:" if lines else " Tidak ada rincian atau angka yang ikut.")
        from .forms import ConfirmScreen

        await self.session.push_screen(ConfirmScreen("Hapus", question, lines), done)

    # -- indicators ----------------------------------------------------------------------------------------------------
    async def action_add_indicator(self) -> None:
        await self._settle()
        casc = self.session.casc
        node = casc.nodes.get(self.node_id or "")
        if node is None:
            self._refuse("Pilih dulu simpul yang diberi indikator (tekan a untuk menambah tujuan).")
            return

        def submit(values: dict[str, str]) -> Edit:
            arah = parse_value(spec_of("arah"), values["arah"] or "positif")
            return plans.plan_add_indicator(self._fresh(), node["id"], values["name"], values["satuan"], str(arah))

        fields: list[Field] = [("name", "Nama indikator", ""),
                               ("satuan", "Satuan (%, indeks, nilai, dokumen\u2026)", ""),
                               ("arah", "Arah (positif / negatif)", "positif")]
        await self._form(f"Tambah indikator {casc.label(node)}"[:70], fields, submit,
                         lambda edit: self.focus_ref(edit.ref, "indikator", tree=True))

    async def action_properties(self) -> None:
        await self._settle()
        casc = self.session.casc
        ind_id = self._indicator_here()
        node = casc.nodes.get(self.node_id or "")
        if ind_id is None and node is not None and len(node["indicators"]) == 1:
            ind_id = node["indicators"][0]["id"]
        if ind_id is None:
            self._refuse("Pilih indikatornya di tabel indikator (Tab), lalu tekan p.")
            return
        from .properties_form import open_properties

        await open_properties(self.session, ind_id)

