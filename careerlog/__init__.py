"""careerlog: manage a career in plain text and publish it as a personal site."""

__version__ = "0.1.0"
