"""summarize: parallel Arabic/English daily briefs from Arabic news articles."""

__version__ = "0.1.0"
