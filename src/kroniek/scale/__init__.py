"""Scale: all cores of one machine (``parallel``), and a Ray Data runner (``ray_runner``)."""
