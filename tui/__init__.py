"""What the operator sees: the lkjip command line (cli) and the Textual app (app, views, widgets).

Layers: cli, app, views, widgets, then the ground here (keys, session, shown, printer).

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    app           The Textual app: the app and its parts, the writes it makes, the palette, recovery drafts, and its le…
    cli           The lkjip command line: the parser and the commands (every line they print goes through tui.printer).
    views         The screens of the app, one module each, with the rows and the paste they share.
    widgets
    keys          Keys in arrival order, when a burst (a paste, a fast typist on a laggy SSH link) arrives in one write.
    printer       The one way the command line writes to a terminal: every line of every `lkjip` subcommand, …  (inside)
    screen_roles  What the app may ask of the screen on top (and of the widget in focus): each a role some vi…  (inside)
    session       The one typed object a view works through: the workbook, the cascade on screen, the year an…  (inside)
    shown         Stored text on its way into a widget: through the one sanitiser (store.text.sanitize), so n…  (inside)
"""

__all__ = ["keys", "app", "cli", "views", "widgets"]
