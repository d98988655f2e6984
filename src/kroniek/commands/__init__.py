"""Sub-commands of the ``kroniek`` command line."""
