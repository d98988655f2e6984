"""``kroniek serve``: a local web app with map, timeline and evidence."""
