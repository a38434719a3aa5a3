"""The evaluation panel's speed on the store benchmark's account (bench_store.build:
10,000 users, 2,000 groups, 5,000 roles, 5,000 customer managed policies): the time from
a keystroke in the action field to the new verdict on the screen.

Each key is pressed with Textual's Pilot, in a task of its own, while this waits on the
event loop for the verdict widget to change (VerdictView.shown goes up: the field's
matches offered, the request decided, the verdict redrawn) and then for the next frame
the app paints (``App._display``, which a terminal would be sent). Pilot's own waits
after a key (it sleeps in 20 ms steps until the process looks idle) are not counted: the
next key is pressed once they are over. The action is typed a character at a time and
erased again, so the keystrokes cover matching services (``s3``), a service's actions
(``s3:Get…``) and whole actions. Prints median and p95; asserts nothing.

    python bench/bench_evaluate_panel.py [--rounds 5]

Target (issue 6): under 50 ms from keystroke to verdict.
"""

import argparse
import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time

from bench_analysis import ACTION, RESOURCE, SIZE
from bench_store import build, timed

from store import Store
from tui.app import IamApp
from tui.screens.evaluate import EvaluateScreen
from tui.widgets.completion import CompletionField
from tui.widgets.verdict import VerdictView

PRINCIPAL = "user-00042"


def figures(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label}: median {statistics.median(times) * 1e3:.1f} ms, "
          f"p95 {p95 * 1e3:.1f} ms, max {times[-1] * 1e3:.1f} ms ({len(times)} keystrokes)")


async def measure(store: Store, rounds: int) -> None:
    app = IamApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        opened = time.perf_counter()
        app.push_screen(EvaluateScreen(PRINCIPAL))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#resource", CompletionField).input.value = RESOURCE
        await pilot.pause()
        print(f"panel opened, catalog loaded: {(time.perf_counter() - opened) * 1e3:.0f} ms")
        painted = watch_frames(app)
        view = screen.query_one(VerdictView)
        screen.query_one("#action", CompletionField).input.focus()
        decided, shown = [], []
        for _ in range(rounds):
            for key in [*ACTION, *["backspace"] * len(ACTION)]:
                before, frames = view.shown, len(painted)
                start = time.perf_counter()
                pressing = asyncio.create_task(pilot.press(key))
                while view.shown == before:
                    await asyncio.sleep(0)
                decided.append(time.perf_counter() - start)
                while len(painted) == frames or painted[-1] < start + decided[-1]:
                    await asyncio.sleep(0)
                shown.append(painted[-1] - start)
                await pressing
        screen.query_one("#action", CompletionField).input.value = ACTION
        await pilot.pause()
        print(f"verdict for {PRINCIPAL} {ACTION} on {RESOURCE}: {view.verdict}")
        figures("keystroke -> verdict widget updated", decided)
        figures("keystroke -> verdict painted (target: < 50 ms)", shown)
        figures("the decision alone (EvaluateScreen.decide, no paint)",
                [timed(screen.decide) for _ in range(200)])


def watch_frames(app: IamApp) -> list[float]:
    """When each frame was painted from now on: the times ``App._display`` is called
    (headless, it is given the frame and writes it nowhere)."""
    painted = []
    display = app._display

    def stamped(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            painted.append(time.perf_counter())
    app._display = stamped
    return painted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5,
                        help="times the action is typed and erased")
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="iamtui-bench-")
    try:
        store = Store(os.path.join(directory, "iam.json"))
        store.create_account(account_id="123456789012", alias="bench")
        print(f"build: {timed(lambda: build(store, SIZE, random.Random(42))):.2f} s "
              f"({SIZE.users:,} users, {SIZE.groups:,} groups, {SIZE.roles:,} roles, "
              f"{SIZE.policies:,} policies)")
        asyncio.run(measure(store, args.rounds))
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
