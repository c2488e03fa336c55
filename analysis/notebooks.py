"""Execute the kit's notebooks in place, reproducibly.

``python -m analysis.notebooks notebooks/*.ipynb`` runs each notebook top to
bottom in a fresh kernel started from the running interpreter (never a
kernel found by name elsewhere on the machine) and stores its outputs in the
notebook file.  Nothing volatile is recorded: no execution timestamps, and
only the Python minor version in the notebook's metadata, so that executing an
unchanged notebook twice gives the same file.  This is what ``make figures``
calls.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _this_interpreter_kernel():
    """A kernel manager that starts ipykernel with ``sys.executable``."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name=KERNELSPEC["display_name"],
        language="python",
        resource_dir="",
    )

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return spec

    return KernelManager(kernel_name=KERNELSPEC["name"], kernel_spec_manager=ThisInterpreter())


def execute(path: Path, *, timeout: int = 900) -> None:
    """Execute the notebook at *path* and write it back with its outputs.

    The kernel's working directory is the notebook's directory.  On an error
    the notebook file is left as it was and the error propagates.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        km=_this_interpreter_kernel(),
        timeout=timeout,
        kernel_name=KERNELSPEC["name"],
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    ).execute()
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    language = notebook.metadata.get("language_info", {})
    if "version" in language:
        language["version"] = ".".join(language["version"].split(".")[:2])
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="notebooks, run in this order")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        print(f"executing {path}", file=sys.stderr, flush=True)
        try:
            execute(path)
        except Exception as exc:  # report which notebook failed, then stop
            print(f"{path}: execution failed: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
