"""Knowledge base: places and actors, in every spelling, and the matcher that finds them."""
