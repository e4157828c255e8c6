"""The LKjIP as a format-neutral outline, its generated sentences, and the outline as Markdown.

Each name is imported from its module, never through a package: this file imports
nothing, so importing one module loads no other. __all__ is the package's face: what is used from
outside it; the rest is inside.

    document   The LKjIP draft as an ordered, format-neutral outline.
    markdown   The outline as one Markdown document (CommonMark with GFM tables).
    sentences  Generated prose: every sentence of the report that states a figure or a count.
"""

__all__ = ["document", "markdown", "sentences"]
