"""Work over a whole history of captures: learned noise and the changelog, with their cache."""
