"""Drop repeated <script> tags from each page (sphinx-thebe registers its inline config twice)."""


def _dedupe(app, pagename, templatename, context, doctree):
    scripts, seen, kept = context.get("script_files") or [], set(), []
    for script in scripts:
        key = getattr(script, "filename", None) or (
            "body",
            getattr(script, "attributes", {}).get("body", ""),
        )
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _dedupe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
