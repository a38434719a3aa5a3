"""App speed on the store benchmark's account (bench_store.build: 10,000 users, 2,000
groups, 5,000 roles, 5,000 customer managed policies). Prints figures; asserts nothing.

    python bench/bench_app.py [--runs 5] [--keep DIR]

"First paint" is the time from opening the store (``Store(path)``, nothing read yet)
and making ``IamApp`` until the app hands the terminal its first frame that shows the
Users table filled, i.e. the frame holding the row of ``user-00000``. In process it is
measured with ``App.run_test`` (Textual's headless driver): each frame Textual would
write is also rendered to the terminal's escape codes, as a real driver does, and
searched for that row. Python's start and the imports are not in it; they are printed
apart. With tmux installed, the same is timed end to end in a real terminal: from
starting ``iamtui --db FILE`` in a 120x40 tmux window until the pane shows the row
(polled every 10 ms), interpreter start and imports included.

"A filter keystroke" is the time from pressing a key in the Users pane's ``/`` box to
the first frame drawn after the pane has put the filtered rows in its table:
``user-0999`` typed a key at a time (10,000 rows narrowed to 10), then erased a key at
a time back to all 10,000.

The in-process figures come with this process's CPU time over the same span: on a busy
machine the wall time also holds the time spent waiting for a CPU.

Targets: first paint under 1.5 s; a filter keystroke under 100 ms (instant to the eye).
"""

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from bench_store import build, report

from store import Store

FIRST_ROW = "user-00000"
TYPED = "user-0999"


class Frames:
    """Wraps an app's ``_display`` (where Textual hands a frame to the driver) to note
    when each frame came and what it showed."""

    def __init__(self, app):
        self.app = app
        self.shown: list[tuple[float, str]] = []
        display = app._display

        def noted(screen, renderable):
            display(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                text = renderable.render_segments(app.console)
                self.shown.append((time.perf_counter(), text))
        app._display = noted

    def first(self, wanted: str, after: float = 0.0) -> float | None:
        return next((when for when, text in self.shown if when > after and wanted in text),
                    None)

    def next_after(self, moment: float) -> float | None:
        return next((when for when, _ in self.shown if when > moment), None)


async def first_paint(path: str) -> tuple[float, float]:
    """(wall time, this process's CPU time) to the first frame showing FIRST_ROW: on a
    busy machine the CPU time says what the app itself costs."""
    from tui.app import IamApp
    start, cpu = time.perf_counter(), time.process_time()
    app = IamApp(Store(path))
    frames = Frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        while frames.first(FIRST_ROW) is None:
            await pilot.pause(0.005)
        return frames.first(FIRST_ROW) - start, time.process_time() - cpu


async def keystrokes(path: str) -> list[float]:
    """Each filter keystroke's time to the first frame showing its rows."""
    from tui.app import IamApp
    app = IamApp(Store(path))
    frames = Frames(app)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        while frames.first(FIRST_ROW) is None:
            await pilot.pause(0.005)
        pane = app.query_one("#users")
        filtered = [0.0]
        show_rows = pane.show_rows

        def noted(*args, **kwargs):
            show_rows(*args, **kwargs)
            filtered[0] = time.perf_counter()
        pane.show_rows = noted
        await pilot.press("slash")
        await pilot.pause(0.1)
        for key in [*TYPED, *["backspace"] * len(TYPED)]:
            pressed = time.perf_counter()
            await pilot.press(key)
            while frames.next_after(max(pressed, filtered[0])) is None:
                await pilot.pause(0.001)
            times.append(frames.next_after(max(pressed, filtered[0])) - pressed)
        if app.query_one("#users DataTable").row_count != 10_000:
            print("  (!) the filter did not come back to every user")
    return times


def terminal_first_paint(path: str) -> float | None:
    """``iamtui --db FILE`` in a tmux window until the first user's row shows."""
    iamtui = os.path.join(os.path.dirname(sys.executable), "iamtui")
    if not shutil.which("tmux") or not os.path.exists(iamtui):
        return None
    session = f"bench-app-{os.getpid()}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"{iamtui} --db {path}"], check=True)
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                   capture_output=True, text=True).stdout
            if FIRST_ROW in shown:
                return time.perf_counter() - start
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR and keep it")
    args = parser.parse_args()
    size = argparse.Namespace(users=10_000, groups=2_000, roles=5_000, policies=5_000)

    directory = args.keep or tempfile.mkdtemp(prefix="iamtui-bench-")
    path = os.path.join(directory, "iam.json")
    if not os.path.exists(path):
        store = Store(path)
        store.create_account(account_id="123456789012", alias="bench")
        build(store, size, random.Random(42))

    started = time.perf_counter()
    import tui.app  # noqa: F401 - the imports, timed apart from the first paint
    print(f"import tui.app (Textual and the store): {time.perf_counter() - started:.2f} s")
    paints = [asyncio.run(first_paint(path)) for _ in range(args.runs)]
    report("first paint, in process (open the store, IamApp, run_test)",
           [wall for wall, _ in paints])
    report("  its CPU time", [cpu for _, cpu in paints])
    in_terminal = [terminal_first_paint(path) for _ in range(min(args.runs, 3))]
    if None in in_terminal:
        print("first paint in tmux: skipped (no tmux, or no iamtui beside this Python)")
    else:
        report("first paint in tmux (iamtui --db FILE, process start included)",
               in_terminal)
    times = asyncio.run(keystrokes(path))
    report(f"filter keystroke, 10,000 users ({TYPED!r} typed, then erased)", times)
    print(f"  slowest: {max(times) * 1e3:.1f} ms; per key: "
          + " ".join(f"{t * 1e3:.0f}" for t in times))
    print(f"  median typing {statistics.median(times[:len(TYPED)]) * 1e3:.1f} ms, "
          f"erasing {statistics.median(times[len(TYPED):]) * 1e3:.1f} ms")
    if not args.keep:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
