"""`python -m tracker` runs the same CLI as the `tracker` script."""

from tracker.cli import main

if __name__ == "__main__":
    main()
