"""The file that marks a folder as a site careerlog wrote (and so may replace)."""

MARKER_FILE = ".careerlog-site"  # written into every folder a build creates
