"""Recognizers: ASCII identifier tokens, dates, names, addresses, context keywords, column hints."""
