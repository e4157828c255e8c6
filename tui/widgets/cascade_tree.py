"""The cascade as a tree: codes and names, collapsible, children added only when a branch is opened.

At kabupaten scale (2,000 nodes) building every tree node up front would cost start-up time for branches nobody
opens; tujuan and sasaran open by default, deeper levels on demand.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from store.domain.cascade import Cascade
from store.domain.model import Node

from tui.shown import shown
from .tree_names import fit_name

OPEN_LEVELS = ("tujuan", "sasaran")
MARK_CELLS = 2  # "s " before a sub kegiatan's name
LEVEL_MARK = {"tujuan": "T", "sasaran": "S", "program": "P", "kegiatan": "K", "subkegiatan": "s"}


class CascadeTree(Tree[str]):
    BINDINGS = [
        Binding("right", "open_branch", "Buka", show=False, id="tree.open"),
        Binding("left", "close_branch", "Tutup", show=False, id="tree.close"),
    ]

    def __init__(self, **kw: Any) -> None:  # Tree's own keywords (id, classes…)
        # A Text label: a str one is parsed as markup (and loads rich's emoji table at start-up).
        super().__init__(Text("Cascading"), **kw)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._casc: Cascade | None = None
        self._by_id: dict[str, TreeNode[str]] = {}

    async def on_key(self, event: events.Key) -> None:
        """The tree's own keys (arrows, Enter, Home…) act here, in arrival order. Left to Textual they bubble up to the
        app and are looked up there against whatever has focus by then: in a burst `↓ ↓ Tab`, Tab had already moved
        focus and the ↓ moved the grid instead of the tree."""
        binding = next(iter(self._bindings.key_to_bindings.get(event.key, ())), None)
        if binding is None:
            return
        action = binding.action
        if self.check_action(action.split("(")[0], ()) is False:
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)

    def load(self, casc: Cascade) -> None:
        """(Re)build from the cascade, keeping the highlighted node when it still exists."""
        keep = self.cursor_node.data if self.cursor_node else None
        self._casc = casc
        self._by_id = {}
        self.clear()
        self._populate(self.root, None)
        if keep and keep in casc.nodes:
            self.reveal(keep)
        elif self.root.children:
            self._goto(self.root.children[0])

    def _label(self, node: Node) -> Text:
        mark = LEVEL_MARK.get(node["level"], "?")
        # Names only: at 80 columns a code first left "s 7.01.01.2.01" on every sub kegiatan row; the code is in
        # the right pane's title.
        text = Text(f"{mark} ", style="dim")
        text.append(shown(node["name"] or node["code"] or "(tanpa nama)"))
        return text

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label cut to the line's room so that siblings read apart (tui/widgets/tree_names.py)."""
        label = node._label
        room = self._name_room(node)
        if room is not None and label.cell_len > room + MARK_CELLS:
            siblings = [kid._label.plain[MARK_CELLS:] for kid in (node.parent.children if node.parent else [])]
            name = fit_name(label.plain[MARK_CELLS:], room, siblings)
            label = label[:MARK_CELLS]
            label.append(name)
        # Tree.render_label reads the node's own label; lent the fitted one for this call only (the label's
        # setter would count an update and repaint, and the whole name must stay for a wider tree).
        whole = node._label
        node._label = label
        try:
            return super().render_label(node, base_style, style)
        finally:
            node._label = whole

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The width render_label gives, without fitting the name: the tree asks it of every open line on each
        rebuild (a kabupaten's first frame fitted some 600 names only to measure them). A fitted name is never
        wider than its room, so the line is the icon and the label, or the room where the label is longer."""
        room = self._name_room(node)
        if room is None:
            return super().get_label_width(node)
        icon = 2 if node.allow_expand else 0  # "▶ " / "▼ ": Tree.render_label's prefix
        return icon + min(node._label.cell_len, room + MARK_CELLS)

    def _name_room(self, node: TreeNode[str]) -> int | None:
        """Cells left for the name on the node's line: the tree's width less the guides, the branch icon and the
        level mark. None before the tree has a size (the whole name then)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        depth = 0
        up = node.parent
        while up is not None and up is not self.root:
            depth += 1
            up = up.parent
        icon = 2 if node.allow_expand else 0
        return max(width - depth * self.guide_depth - icon - MARK_CELLS, 1)

    def on_resize(self) -> None:
        self._invalidate()  # every label is fitted to the new width

    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar takes a column from the names without a resize: labels fitted before it came (a branch
        # opened by find) were clipped by the edge, "Koordin…Perubahan RK" with no ellipsis.
        self._invalidate()

    def _populate(self, parent: TreeNode[str], node_id: str | None) -> None:
        assert self._casc is not None
        for kid in self._casc.kids(node_id):
            has_kids = bool(self._casc.kids(kid["id"]))
            branch = parent.add(self._label(kid), data=kid["id"], allow_expand=has_kids)
            self._by_id[kid["id"]] = branch
            if has_kids and kid["level"] in OPEN_LEVELS:
                self._populate(branch, kid["id"])
                branch.expand()

    def _ensure_children(self, branch: TreeNode[str]) -> None:
        if branch.allow_expand and not branch.children and branch.data:
            self._populate(branch, branch.data)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self._ensure_children(event.node)

    def action_open_branch(self) -> None:
        node = self.cursor_node
        if node and node.allow_expand:
            self._ensure_children(node)
            node.expand()

    def action_close_branch(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def reveal(self, node_id: str) -> None:
        """Open the branches down to a node and put the cursor on it."""
        assert self._casc is not None
        chain = [n["id"] for n in reversed(self._casc.ancestors(node_id))] + [node_id]
        for nid in chain[:-1]:
            branch = self._by_id.get(nid)
            if branch is None:
                return
            self._ensure_children(branch)
            branch.expand()
        target = self._by_id.get(node_id)
        if target is not None:
            self._goto(target)

    def _goto(self, target: TreeNode[str]) -> None:
        self._tree_lines  # noqa: B018 - building the lines assigns each node its line number
        self.move_cursor(target, animate=False)
        self.scroll_to_node(target, animate=False)
