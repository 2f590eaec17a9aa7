"""Documents: article, Beamer and Markdown (``tex``), HTML (``html``), their layout (``layout``),
preambles, and compiling to PDF (``pdf``, ``document``)."""
