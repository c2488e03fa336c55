"""Itar (إطار): a research kit for analysing how Arabic news frames events.

The package is a set of small modules:

* :mod:`analysis.corpus`: loading files and directories into documents, with a
  report that accounts for every input;
* :mod:`analysis.document` and :mod:`analysis.spans`: a document's text as
  loaded, and findings as spans with offsets into it;
* :mod:`analysis.structure`: paragraphs (with their kinds), sentences, tokens;
* :mod:`analysis.text`: normalisation for matching, with an offset map;
* :mod:`analysis.extractors`: the registry of per-document extractors;
* :mod:`analysis.pipeline`: every stage once per document, and corpus runs
  into Parquet tables (local processes or Dask); :mod:`analysis.compare`:
  outlet comparisons from them;
* :mod:`analysis.display`: right-to-left HTML views for Jupyter;
* :mod:`analysis.plotting` and :mod:`analysis.provenance`: figures with
  correctly shaped Arabic labels, and what produced them;
* :mod:`analysis.paths`, :mod:`analysis.resources`, :mod:`analysis.notebooks`:
  where things live, versioned data files, the notebook runner.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
