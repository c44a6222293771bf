"""milia_kit: an interactive guide for parents about milia, the tiny white bumps on a baby's face.

The notebooks in `notebooks/` are thin pages; everything they show is built here.
`model` and the other pure modules know nothing of widgets; `views/` and `app` are the only widget code.
"""
__version__ = "0.1.0"
