"""Itar (إطار): a research kit for analysing how Arabic news frames events.

The package is a set of small modules: :mod:`analysis.paths` (where things
live), :mod:`analysis.loaders` (reading articles), :mod:`analysis.plotting`
(figures with correctly shaped Arabic labels) and :mod:`analysis.provenance`
(what produced a figure).  Importing the package is cheap: each module imports
its own heavy dependencies.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
