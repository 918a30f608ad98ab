"""coachlens: a local-first mentor-coaching workbench for ICF-credential coaches."""

__version__ = "0.1.0"
