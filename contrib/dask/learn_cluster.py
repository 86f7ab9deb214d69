#!/usr/bin/python3
"""Profile a corpus of captures with `ats-hook learn` on a Dask cluster.

    learn_cluster.py [--ats-hook BINARY] [--scheduler tcp://HOST:8786] [--workers N]
                     [--partition-mb MB] [--fan-in K] --save-profile OUT INPUT...

Map: the corpus files (an INPUT directory is listed as `ats-hook learn` lists it) are cut into
partitions of whole files, about MB megabytes each; one task per partition runs
`ats-hook learn -q --jobs 1 FILES... --save-profile -` and returns the profile's bytes.
Reduce: `ats-hook learn --merge` combines K profiles per task, in a tree, until one is left,
which is written to OUT. Merging is exact (associative and commutative), so OUT is
byte-identical to the profile one `ats-hook learn INPUT... --save-profile OUT` would write.

Without --scheduler it starts a LocalCluster of N worker processes (default 2), one thread each.
With --scheduler it uses that cluster's workers (`dask worker tcp://HOST:8786` on each
machine): there the corpus must be readable at the same paths as here (a shared filesystem
mounted at the same place; relative paths are taken from this directory) and BINARY must run on
every worker (default: `ats-hook` on the worker's PATH).

Needs Debian's python3-distributed (`apt-get install --no-install-recommends
python3-distributed`). A file is not cut in the middle: a profile keeps where each value was
first seen (file and NDJSON line), which a piece of a file would number differently.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from dask.distributed import Client, LocalCluster


def corpus_files(path):
    """The files `ats-hook learn PATH` reads, in its order: PATH itself, or for a directory
    every regular file below it whose name does not start with ".", sorted by path."""
    if not os.path.isdir(path):
        if not os.path.exists(path):
            sys.exit(f"learn_cluster.py: {path}: no such file or directory")
        return [path]
    out = []
    for name in sorted(os.listdir(path)):
        if name.startswith("."):
            continue
        child = os.path.join(path, name)
        if os.path.isdir(child):
            out.extend(corpus_files(child))
        elif os.path.isfile(child):
            out.append(child)
    return out


def partitions(files, partition_bytes):
    """Consecutive files grouped into lists of about partition_bytes (a larger file alone)."""
    group, size = [], 0
    for file in files:
        file_size = os.path.getsize(file)
        if group and size + file_size > partition_bytes:
            yield group
            group, size = [], 0
        group.append(file)
        size += file_size
    if group:
        yield group


def run_ats_hook(ats_hook, arguments, cwd):
    """Runs ats-hook on a worker; its stdout (the profile) is the result."""
    run = subprocess.run([ats_hook, *arguments], cwd=cwd, capture_output=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{ats_hook} {' '.join(arguments[:4])} ... exited "
                           f"{run.returncode}: {run.stderr.decode(errors='replace').strip()}")
    return run.stdout


def learn_partition(ats_hook, cwd, files):
    return run_ats_hook(ats_hook, ["learn", "-q", "--jobs", "1", *files, "--save-profile", "-"],
                        cwd)


def merge_profiles(ats_hook, *profiles):
    with tempfile.TemporaryDirectory(prefix="ats-hook-merge-") as scratch:
        names = []
        for index, profile in enumerate(profiles):
            names.append(os.path.join(scratch, f"{index}.json"))
            with open(names[-1], "wb") as file:
                file.write(profile)
        return run_ats_hook(ats_hook, ["learn", "-q", "--merge", *names, "--save-profile", "-"],
                            scratch)


def learn_on_cluster(client, ats_hook, files, partition_bytes, fan_in):
    cwd = os.getcwd()
    level = [client.submit(learn_partition, ats_hook, cwd, part)
             for part in partitions(files, partition_bytes)]
    if not level:
        sys.exit("learn_cluster.py: no input files")
    workers = len(client.scheduler_info()["workers"])
    print(f"learn_cluster.py: {len(files)} files in {len(level)} partitions on {workers} workers",
          file=sys.stderr)
    while len(level) > 1:
        groups = [level[i:i + fan_in] for i in range(0, len(level), fan_in)]
        level = [group[0] if len(group) == 1 else client.submit(merge_profiles, ats_hook, *group)
                 for group in groups]
    return level[0].result()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="payloads, NDJSON logs, request files or directories of them")
    parser.add_argument("--save-profile", required=True, metavar="OUT",
                        help="where to write the merged profile (- for stdout)")
    parser.add_argument("--ats-hook", default="ats-hook", metavar="BINARY",
                        help="the ats-hook the workers run (default: ats-hook on their PATH)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler, e.g. tcp://host:8786; "
                             "default: a LocalCluster on this machine")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="worker processes of the LocalCluster (default 2)")
    parser.add_argument("--partition-mb", type=float, default=64, metavar="MB",
                        help="about how many megabytes of files one task profiles (default 64)")
    parser.add_argument("--fan-in", type=int, default=8, metavar="K",
                        help="profiles merged per reduce task (default 8)")
    options = parser.parse_args()
    if options.fan_in < 2:
        parser.error("--fan-in must be at least 2")

    files = [file for path in options.inputs for file in corpus_files(path)]
    ats_hook = options.ats_hook
    if options.scheduler is None:
        # The local workers share this machine's PATH: resolve the binary once, here.
        ats_hook = shutil.which(ats_hook) or sys.exit(
            f"learn_cluster.py: {options.ats_hook}: not found (name it with --ats-hook)")
        ats_hook = os.path.abspath(ats_hook)
        cluster = LocalCluster(n_workers=options.workers, processes=True, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        cluster = None
        client = Client(options.scheduler)
    try:
        profile = learn_on_cluster(client, ats_hook, files,
                                   int(options.partition_mb * 1e6), options.fan_in)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if options.save_profile == "-":
        sys.stdout.buffer.write(profile)
    else:
        with open(options.save_profile, "wb") as file:
            file.write(profile)


if __name__ == "__main__":
    main()
