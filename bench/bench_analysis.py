"""Access analysis speed on the store benchmark's account (bench_store.build: 10,000
users, 2,000 groups, 5,000 roles, 5,000 customer managed policies): one ``can``
decision including gathering, with and without explanation; ``who-can`` across every
principal; ``what-can`` for one principal across the whole action catalog (when
store/what_can.py exists). Prints figures beside the targets of issue 5; asserts
nothing.

    python bench/bench_analysis.py [--runs 200]

Targets: can under 1 ms median; who-can under 200 ms; what-can under 1 s.
"""

import argparse
import importlib.util
import os
import random
import shutil
import tempfile
import time

from bench_store import build, report, timed

from store import Store
from store.analysis import decide, principal
from store.who_can import who_can

ACCOUNT = "123456789012"
SIZE = argparse.Namespace(users=10_000, groups=2_000, roles=5_000, policies=5_000)
# s3:Get* on team-3's objects is granted by the "Read" statement of the policies for s3
# and team 3: about a hundred principals are allowed, the rest are not.
ACTION = "s3:GetObject"
RESOURCE = f"arn:aws:s3:us-east-1:{ACCOUNT}:team-3/reports/q3.csv"


def measure_can(store: Store, runs: int) -> None:
    """One decision, gathering included (the account view, the principal, its policies,
    the context keys), for a different user each run: the first time a user is asked
    about its policies are gathered and compiled; asked again, they are kept."""
    rng = random.Random(7)
    names = [f"user-{rng.randrange(10_000):05d}" for _ in range(runs)]
    for label, explain in (("first ask of each user, explain=False", False),
                           ("asked again, explain=False", False),
                           ("asked again, explain=True", True)):
        report(f"can, {label} (target: < 1 ms median)", [timed(
            lambda name=name, explain=explain: decide(
                store.view(), principal(store.view(), name), ACTION, RESOURCE,
                explain=explain)) for name in names])


def measure_who_can(store: Store, runs: int) -> None:
    allowed = []
    first = timed(lambda: allowed.extend(who_can(store.view(), ACTION, RESOURCE)))
    print(f"who-can, first run (compiles and keeps every principal's policies): "
          f"{first * 1e3:.1f} ms, {len(allowed)} principals allowed")
    report("who-can across all principals (target: < 200 ms)",
           [timed(lambda: who_can(store.view(), ACTION, RESOURCE)) for _ in range(runs)])


def measure_what_can(store: Store, runs: int) -> None:
    if importlib.util.find_spec("store.what_can") is None:
        print("what-can: skipped (store/what_can.py does not exist yet)")
        return
    from store.what_can import what_can
    report("what-can for one user across the whole catalog (target: < 1 s)",
           [timed(lambda: what_can(store.view(), "user-00042")) for _ in range(runs)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="runs of can")
    runs = parser.parse_args().runs

    directory = tempfile.mkdtemp(prefix="iamtui-bench-")
    store = Store(os.path.join(directory, "iam.json"))
    store.create_account(account_id=ACCOUNT, alias="bench")
    started = time.perf_counter()
    build(store, SIZE, random.Random(42))
    print(f"build: {time.perf_counter() - started:.2f} s ({SIZE.users:,} users, "
          f"{SIZE.groups:,} groups, {SIZE.roles:,} roles, {SIZE.policies:,} policies)")
    store.view()  # open the store: what follows is measured on an open store
    measure_can(store, runs)
    measure_who_can(store, runs=5)
    measure_what_can(store, runs=5)
    shutil.rmtree(directory)


if __name__ == "__main__":
    main()
