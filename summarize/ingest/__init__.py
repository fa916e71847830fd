"""From files to articles: everything before translation.

- ``reader``: finding the corpus's files (recursively, saying what it skipped) and reading each one
  within its limits, then handing its text to the reader of its format; ``files``: the safe open
  and file names on one line; ``decoding``: encodings; ``html_text``: a page's text when
  trafilatura finds none;
- ``formats``: one reader per format behind one interface and a registry chosen by sniffing the
  content (TREC/ANT ``<DOC>`` records, RSS/Atom, JSON/JSON Lines, saved HTML pages, plain text), and
  what they share (``formats.meta``: outlet names, ISO 8601 times, safe URLs);
- ``clean``: boilerplate, bylines and datelines out of the text; ``paragraphs``: hard-wrapped lines
  joined back into paragraphs;
- ``sections``: headline, sub-headings and sections;
- ``sentences``: the Arabic sentence splitter (and splitting what is too long for the model);
- ``copies``: exact and near copies of one article merged, so it is briefed and translated once.
"""
