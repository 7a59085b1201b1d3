"""The HTML of a picture, as Eleventy Image writes it: a <picture> with one <source> per modern
format (each with its `type`), `srcset` and `sizes`, and an <img> fallback with `width` and
`height` (the largest derivative's, so the browser keeps its space before it arrives), `alt`,
and either lazy loading or, for the first large picture of a page, eager loading with high
priority. The fallback's `src` is the smallest size: what a program that reads no `srcset` (the
search index's result thumbnails, old feed readers) fetches stays light."""

from html import escape

from .derivatives import MIME_TYPES


def attributes(**values):
    return "".join(
        f' {name.replace("_", "-")}="{escape(str(value), quote=True)}"'
        for name, value in values.items()
        if value is not None
    )


def picture_html(plan, root, alt, sizes, eager=False, css_class=None, image_attributes=None):
    """<picture> markup for `plan`, its files addressed as `root` + file name; `image_attributes`
    are added to its <img>."""
    largest = max(plan.widths)
    loading = {"loading": "eager", "fetchpriority": "high"} if eager else {"loading": "lazy"}

    def srcset(image_format):
        return ", ".join(f"{root}{plan.file_name(width, image_format)} {width}w" for width in plan.widths)

    image = attributes(
        src=f"{root}{plan.file_name(min(plan.widths), plan.fallback)}",
        srcset=srcset(plan.fallback) if len(plan.widths) > 1 else None,
        sizes=sizes if len(plan.widths) > 1 else None,
        width=largest,
        height=plan.height_at(largest),
        alt=alt,
        decoding="async",
        **loading,
    ) + attributes(**(image_attributes or {}))
    sources = "".join(
        f"<source{attributes(type=MIME_TYPES[fmt], srcset=srcset(fmt), sizes=sizes)}>"
        for fmt in plan.formats[:-1]
    )
    wrapper = attributes(**{"class": css_class})
    return f"<picture{wrapper}>{sources}<img{image}></picture>"
