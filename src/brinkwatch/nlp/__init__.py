"""The spaCy layer: load the model once per process, parse in batches."""

from brinkwatch.nlp.model import load_nlp, load_stock_nlp, model_info, parse_many

__all__ = ["load_nlp", "load_stock_nlp", "model_info", "parse_many"]
