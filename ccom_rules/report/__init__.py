"""Renderers: one small module per output format. The result knows nothing of them."""
