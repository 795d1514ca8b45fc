"""Ingestion (chapter 01): raw article files -> audited lines, cleaned texts, sentences and
document metadata.

Every raw line gets a role and the name of the rule that decided it (the audit in
``lines.csv``), so nothing is dropped silently. Rules are generic: cue phrases live in
``data/line_cues.csv`` (widgets, forms, promos, captions, bylines ...); everything else is
decided by structure -- position before or after the article body, line length and sentence
shape, repeated lines, runs of link-like lines (after jusText's paragraph classes,
Pomikalek 2011). Each document is processed on its own, so documents can be processed in
parallel; only duplicate files and missing years are settled across the corpus afterwards.

Modules in pipeline order: ``reading`` (bytes, encodings) and ``markup`` (HTML or Markdown?)
with ``webpage`` (saved HTML pages through trafilatura); ``lines`` (the shape of one line),
``unwrap`` (hard-wrapped text), ``cues`` (``data/line_cues.csv``) and ``roles`` (each line's
role); ``provenance`` (bylines, datelines, credits), ``dates`` (publication dates) and
``language``; ``document`` (one file, the per-document entry point); ``sources`` (the
``sources.csv`` sheet) and ``settle`` (the corpus: discovery, duplicates, years, assembly).
"""
