"""`python -m generator` and the `tlgen` command (see pyproject's scripts): Ctrl-C while the
libraries load is one line and exit status 130 too, as it is later (cli.main)."""

import sys


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
