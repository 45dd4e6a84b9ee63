#!/usr/bin/env python3
"""Times shell commands in turn, round after round, and prints each one's
median wall time in seconds, one `name median` line per command.

    bench/in_turn.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]

A shared machine's speed wanders from one minute to the next. Timed one
after the other in each round, the commands meet the same minutes, so the
ratios between them hold where times taken one command at a time (all runs
of one, then all of the next) do not. One round first warms the page cache.
"""
import statistics
import subprocess
import sys
import time


def main() -> None:
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    times = {name: [] for name, _ in commands}
    for round_ in range(rounds + 1):
        for name, command in commands:
            start = time.perf_counter()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_ > 0:
                times[name].append(time.perf_counter() - start)
    for name, _ in commands:
        print(name, f"{statistics.median(times[name]):.4f}")


if __name__ == "__main__":
    main()
