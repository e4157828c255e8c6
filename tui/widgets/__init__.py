"""The widgets the screens are built of: grids, the cascade tree, the edit bar, the key bar, the status line.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    cascade_tree  The cascade as a tree: codes and names, collapsible, children added only when a branch is opened.
    cell_edit     Typing into a grid's cell, written once for the main view's node grids (grid.py) and the entry sheets…
    cells         Texts fitted into the grids' cells (entry sheets, node grids): each cell exactly its width, c…  (inside)
    editbar       The edit line under the grids: the cell being edited and what has been typed ("Realisasi 2022 · IKM: …
    grid          The main view's node grids: a node's indicators or budget, drawn line by line (Textual's line API…
    keybar        A one-line key bar with the main keys of a view.
    line          A fixed-size line of text that repaints itself alone.
    sheet_rows    What an entry sheet's grid shows and who answers its edits: a row of the sheet and the screen behind …
    sheetgrid     The entry sheets' grid: thousands of rows, of which only the lines on screen are ever formatted.
    status        The status line: the last message (echo of a commit, a refusal, a formula) and who saved last.
    tree_names    A node's name cut to the room a tree line has, so that siblings stay apart.  (inside)
"""

__all__ = ["cascade_tree", "cell_edit", "editbar", "grid", "keybar", "line", "sheet_rows", "sheetgrid", "status"]
