"""Expression printers: the one LaTeX printer (``latex``), the one Unicode printer (``text``)
and MathML for the web page (``mathml``)."""
