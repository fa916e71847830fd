"""From files to articles: everything before translation.

- ``reader``: finding the corpus's files and reading each one safely (size limit, encodings, HTML);
- ``clean``: boilerplate, bylines and datelines out of the text;
- ``sections``: headline, sub-headings and sections;
- ``sentences``: the Arabic sentence splitter (and splitting what is too long for the model).
"""
