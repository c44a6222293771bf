"""The widgets of each step. Only this package and `app` import ipywidgets."""
