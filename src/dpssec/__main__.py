"""``python -m dpssec``: the same command-line interface as the ``dpssec`` script."""

from dpssec.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
