"""Start a private Jupyter server (JupyterLab or Notebook 7) for the browser tests.

The server runs from the project's own environment, on a free loopback port, with a
random token, and keeps its configuration, runtime files, settings and workspaces in a
temporary directory so that nothing a learner has configured (and nothing in the
repository) is read or written. Notebooks are copied into that directory before the
server starts, so running them cannot change the committed files.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

#: The checkout these tests belong to: its helpers are what the kernels import.
REPOSITORY = Path(__file__).resolve().parents[2]

__all__ = ["NOTEBOOK7_ARROW_KEYS", "JupyterServer", "copy_course", "free_port"]

# Notebook 7 handles shortcuts before the page does (JupyterLab lets them bubble), so in
# command mode ArrowLeft/ArrowRight on a focused slider handle collapse/expand headings
# instead of moving the slider. The course's setting for Notebook 7 keeps those two
# shortcuts everywhere except inside cell outputs, where widgets live.
NOTEBOOK7_ARROW_KEYS = {
    "@jupyterlab/shortcuts-extension/shortcuts": {
        "shortcuts": [
            entry
            for command, key in (
                ("notebook:move-cursor-heading-below-or-expand", "ArrowRight"),
                ("notebook:move-cursor-heading-above-or-collapse", "ArrowLeft"),
            )
            for entry in (
                {
                    "command": command,
                    "keys": [key],
                    "selector": ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus",
                    "disabled": True,
                },
                {
                    "command": command,
                    "keys": [key],
                    "selector": ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite)"
                    " :focus:not(.jp-OutputArea-output *)",
                },
            )
        ]
    }
}

# Settings a fresh learner would not notice but a test must pin down:
# every cell rendered in the page (no virtual scrolling), no autosave, no news pop-ups.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


# No network calls from the server either: no news feed, no update check.
LAB_CONFIG = {
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}
}


def free_port() -> int:
    """Return a TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """One ``jupyter lab`` or ``jupyter notebook`` process serving ``root``.

    Parameters
    ----------
    app : {"lab", "notebook"}
        Which front end to start, exactly as a learner would type it.
    root : Path
        Directory served as the file browser's root (a temporary copy of the course).
    home : Path
        Temporary directory for the server's config, runtime, data and settings.
    args : sequence of str
        Extra command-line options for the server.
    settings : dict, optional
        Extra user settings, ``{"@scope/extension/plugin": {...}}``.
    """

    def __init__(self, app: str, root: Path, home: Path, args=(), settings=None):
        self.app = app
        self.args = list(args)
        self.settings = {**SETTINGS, **(settings or {})}
        self.root = Path(root)
        self.home = Path(home)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / f"jupyter-{app}.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    # -- life cycle ---------------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env.pop("MPLBACKEND", None)  # the kernel should choose its backend as a learner's does
        # kernels import the helpers of the checkout under test (a worktree or a clone), first
        env["PYTHONPATH"] = str(REPOSITORY)
        for name in ("config", "runtime", "data", "settings", "workspaces", "ipython"):
            (self.home / name).mkdir(parents=True, exist_ok=True)
        env.update(
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            JUPYTER_DATA_DIR=str(self.home / "data"),
            JUPYTERLAB_SETTINGS_DIR=str(self.home / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
            IPYTHONDIR=str(self.home / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
            PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
        )
        return env

    def _write_settings(self) -> None:
        for plugin, values in self.settings.items():
            path = self.home / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def start(self, timeout: float = 60.0) -> JupyterServer:
        """Start the server and wait until its API answers; raise with its log if not."""
        self._write_settings()
        (self.home / "config").mkdir(parents=True, exist_ok=True)
        (self.home / "config" / "jupyter_lab_config.json").write_text(json.dumps(LAB_CONFIG))
        jupyter = Path(sys.executable).with_name("jupyter")
        app_class = "LabApp" if self.app == "lab" else "JupyterNotebookApp"
        cmd = [
            str(jupyter),
            self.app,
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--{app_class}.expose_app_in_browser=True",
            "--MappingKernelManager.cull_idle_timeout=0",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        cmd += self.args
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.root,
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter {self.app} exited at start:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"jupyter {self.app} did not answer in {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Shut down kernels, then the server's whole process group; nothing survives."""
        if self.proc is None:
            return
        try:
            descendants = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            descendants = []
        if self.proc.poll() is None:
            self.shutdown_kernels()
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        # Kernels run in sessions of their own: make sure none outlives its server.
        for child in descendants:
            try:
                child.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(descendants, timeout=5)
        if self._log:
            self._log.close()
        self.proc = None

    # -- helpers ------------------------------------------------------------------------

    def api(self, method: str, path: str, timeout: float = 10) -> object:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel the server runs (keeps two shared cores free between lessons)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=20)
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=20)
        except (OSError, urllib.error.URLError, ValueError):
            pass

    def page_url(self, notebook: str) -> str:
        """The address a learner opens for ``notebook`` (relative to the served root)."""
        if self.app == "lab":
            return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"
        return f"{self.url}/notebooks/{notebook}?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def copy_course(src: Path, dst: Path, folders=("lessons",)) -> Path:
    """Copy the notebook folders the browser opens into ``dst`` (never served from the repo)."""
    for folder in folders:
        if (src / folder).is_dir():
            shutil.copytree(
                src / folder, dst / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
    return dst
