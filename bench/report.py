#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reduce the serial log of a "make bench" guest into results, and draw them.

  report.py --kernel K --log SERIAL.LOG --out DIR [--load HOSTLOAD] [--rev REV]
      reduce the log: write DIR/results/K.json (every ratio with the
      per-round values it comes from), then DIR/RESULTS.md and the PNGs
  report.py --json DIR/results/K.json --out DIR
      no guest needed: redraw DIR/RESULTS.md and the PNGs from a results
      JSON (the JSON is read, never written)

Ratios are taken within one round (the configurations of a round run back
to back), then summarised over the rounds as median and min-max.  The
report and the plots are drawn from the JSON only, in both modes, so that
the same JSON always gives the same RESULTS.md and PNGs (gnuplot's
pngcairo writes no time stamp).
"""
import argparse
import base64
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser(description="make bench: reduce a guest's serial log, or redraw from its JSON")
src = ap.add_mutually_exclusive_group(required=True)
src.add_argument("--log", help="serial log of a make bench guest (bench/run.sh passes it)")
src.add_argument("--json", help="results JSON written by an earlier --log run: only redraw RESULTS.md and the PNGs")
ap.add_argument("--kernel", help="kernel name (the PNG and JSON names); with --json, the JSON's by default")
ap.add_argument("--load", default="")
ap.add_argument("--rev", default="unknown")
ap.add_argument("--out", required=True)
args = ap.parse_args()
if args.log and not args.kernel:
    ap.error("--log needs --kernel")

BIN = 10      # ms, fio log_avg_msec
SMOOTH = 5    # bins: 50 ms moving mean
WARM = 500    # ms after the I/O started before the baseline is taken
GAP = 5 * BIN  # ms without a sample: a stall, not a slow interval (rate_bins)


def summ(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
            "runs": [round(v, 4) for v in vals]}


def engines_of(results):
    """the engines of the runs of rounds > 0, libaio first"""
    es = {e for byc in results.get("per_config", {}).values() for bye in byc.values() for e in bye}
    return sorted(es, key=lambda e: (e != "libaio", e))


# What the failover scenarios do to path 1 (bench/guest, _fo_one)
FO_WHAT = {
    "err": "a path's device starts failing every read (EIO)",
    "admin": "a path is failed by command",
}
FO_SHORT = {"err": "device fails every read (EIO)", "admin": "path failed by command"}
FO_HOW = {"err": {"md": "", "dm": ""}, "admin": {"md": " (`fault fail`)", "dm": " (`fail_path`)"}}
STACK = {"md": "mpathdemo", "dm": "dm-multipath"}


def fo_what(cfg):
    """what a failover configuration (mderr, dmadmin, ...) does to path 1"""
    sys_, var = cfg[:2], cfg[2:]
    return FO_WHAT[var] + FO_HOW[var].get(sys_, "") if var in FO_WHAT else cfg


def fo_name(cfg):
    return f"{STACK.get(cfg[:2], cfg[:2])}: {fo_what(cfg)}" if cfg[2:] in FO_WHAT else cfg


# The head cost: what a head adds per I/O over the device it stacks on,
# in the same round (sections, configurations of bench/guest)
HEAD_COSTS = [
    # key, section, stacked, unstacked, head, over
    ("nvme_native", "headcost", "nvhead", "nvns", "NVMe native head (multipath=Y, iopolicy numa)",
     "its NVMe namespace (multipath=N)"),
    ("md_nvme", "headcost", "mdnvns", "nvns", "mpathdemo, clone mode (numa)", "the same NVMe namespace (multipath=N)"),
    ("md_nullb", "overhead", "md1", "raw", "mpathdemo, clone mode (numa)", "null_blk"),
    ("remap", "remap", "remap1", "ownraw", "mpath_owned head, remap mode", "its own path device"),
    ("owned_clone", "remap", "clone1", "ownraw", "mpath_owned head, clone mode", "its own path device"),
]


def head_costs(results):
    """key -> engine -> summary of (ns per I/O stacked - unstacked) per
    round, with the medians of both sides ("stacked_ns", "base_ns")"""
    out = {}
    for key, sec, a, b, _, _ in HEAD_COSTS:
        runs = results["sections"].get(sec, {}).get("runs", {})
        for e in engines_of(results):
            ra = {x["round"]: x.get("ns_per_io") for x in runs.get(a, {}).get(e, []) if x["round"] > 0}
            rb = {x["round"]: x.get("ns_per_io") for x in runs.get(b, {}).get(e, []) if x["round"] > 0}
            rs = [r for r in sorted(ra) if r in rb and ra[r] is not None and rb[r] is not None]
            if rs:
                out.setdefault(key, {})[e] = dict(summ([ra[r] - rb[r] for r in rs]),
                                                  stacked_ns=statistics.median(ra[r] for r in rs),
                                                  base_ns=statistics.median(rb[r] for r in rs))
    return out


# The adaptive section (bench/guest, _section_adaptive): our policies,
# and the published read figures (MiB/s) of the NVMe adaptive/latency
# iopolicy series, whose "adaptive" policy is our latency policy's peer
ADAPT_CFGS = ("adnuma", "adrr", "adqd", "adlat")
ADAPT_POLICY = {"adnuma": "numa", "adrr": "round-robin", "adqd": "queue-depth", "adlat": "latency"}
ADAPT_PUBLISHED = {"adnuma": ("numa", 50), "adrr": ("round-robin", 105), "adqd": ("queue-depth", 230),
                   "adlat": ("adaptive", 350)}
ADAPT_SOURCE = "NVMe adaptive iopolicy series (not merged), NVMe/TCP, one of two paths ~30 ms slower"
# hung path (failover section, _hung_one): the policies, in order
HUNG_CFGS = ("numa", "rr", "qd", "lat")
HUNG_POLICY = {"numa": "numa", "rr": "round-robin", "qd": "queue-depth", "lat": "latency"}
# target rows this version added: a JSON written before them does not
# hold them, and --json leaves them out of its comparison
NEW_TARGETS = set()


def mib_s(iops):
    """fio's 4 KiB reads: IOPS -> MiB/s"""
    return iops * 4096 / 2 ** 20


# ------------------------------------------------------------- targets
def vns_of(results):
    return "virtual ns" if results.get("clock") == "icount" else "ns"


def targets(results):
    """The target rows, from the results alone (the log and the JSON give the same)."""
    out = []
    engines = engines_of(results)

    def tgt(name, val, thr, holds_if, new=False, detail=None):
        if new:
            NEW_TARGETS.add(name)
        if val is None:
            out.append({"target": name, "value": None, "holds": None})
            return
        out.append({"target": name, "value": round(val, 3), "threshold": thr,
                    "holds": bool(holds_if(val, thr))})
        if detail:
            out[-1]["detail"] = detail

    def ge(v, t):
        return v >= t

    def le(v, t):
        return v <= t

    def med(d, name, e):
        return d.get(name, {}).get(e, {}).get("median")

    secs = results["sections"]
    ovr = secs.get("overhead", {}).get("ratios", {})
    unv = secs.get("uneven", {}).get("ratios", {})
    for e in engines:
        tgt(f"mpathdemo 1 path / raw null_blk >= 0.97 ({e})", med(ovr, "md1/raw", e), 0.97, ge)
    rem = secs.get("remap", {}).get("ratios", {})
    for e in engines:
        tgt(f"remap mode (no clone), 1 path / the path device alone >= 0.99 ({e})",
            med(rem, "remap1/ownraw", e), 0.99, ge)
    # the head cost against NVMe's own head, measured in the same boot
    hc = head_costs(results)
    for e in engines:
        nv, rm = hc.get("nvme_native", {}).get(e), hc.get("remap", {}).get(e)
        tgt(f"remap-mode head cost / NVMe native head cost, same run <= 1.00 ({e})",
            rm["median"] / nv["median"] if nv and rm and nv["median"] > 0 else None, 1.00, le, new=True,
            detail=f"{rm['median']:.0f} / {nv['median']:.0f} {vns_of(results)} per I/O" if nv and rm else None)
    vns = vns_of(results)
    for e in engines:
        cl = hc.get("md_nullb", {}).get(e)
        tgt(f"clone-mode head cost (mpathdemo 1 path − raw null_blk), {vns} per I/O <= 1000 ({e})",
            cl["median"] if cl else None, 1000, le, new=True)
    # one row per engine (the libaio one was ">= 1.20" before)
    for e, thr in (("libaio", 1.12), ("io_uring", 1.40)):
        tgt(f"mpathdemo 2 paths round-robin / dm-multipath bio mode >= {thr:.2f} ({e})",
            med(ovr, "md2rr/dmbio", e), thr, ge, new=e != "libaio")
    tgt("mpathdemo 2 paths round-robin / dm-multipath request mode, scheduler none >= 1.50 (libaio)",
        med(ovr, "md2rr/dmrqnone", "libaio"), 1.50, ge)
    tgt("uneven paths: mpathdemo queue-depth / round-robin >= 2.0 (libaio)", med(unv, "mdqd/mdrr", "libaio"), 2.0, ge)
    fsh = results["uneven_fast_share"].get("mdqd", {}).get("libaio")
    tgt("uneven paths: queue-depth sends >= 95% of the I/O to the fast path (libaio)",
        fsh["median"] if fsh else None, 0.95, ge)
    lat = secs.get("latency", {}).get("ratios", {})
    tgt("paths of 4x different latency: latency policy / queue-depth >= 1.4 (libaio)",
        med(lat, "mdlat/mdqd", "libaio"), 1.4, ge)
    adp = secs.get("adaptive", {}).get("ratios", {})
    for e in ["libaio"] + [e for e in engines if e != "libaio" and med(adp, "adlat/adqd", e) is not None]:
        tgt(f"latency policy / queue-depth, one path 30 ms slower >= 1.5 ({e})",
            med(adp, "adlat/adqd", e), 1.5, ge, new=True)
    fsum = secs.get("failover", {}).get("summary", {})
    for cfg in sorted(fsum):
        if not cfg.startswith("md"):
            continue
        for e in sorted(fsum[cfg]):
            fs = fsum[cfg][e]
            tgt(f"mpathdemo failover, {fo_what(cfg)}: fio errors == 0 ({e})",
                fs["errors"]["max"] if fs["errors"] else None, 0, le)
            worst = None if fs["never_recovered_rounds"] else (fs["recovery_ms"]["max"] if fs["recovery_ms"] else None)
            tgt(f"mpathdemo failover, {fo_what(cfg)}: back to 90% IOPS within 10 ms, worst round, ms ({e})",
                worst, 10, le)
    hsum = secs.get("hung", {}).get("summary", {})
    for e in engines:
        errs = [x[e]["errors"]["max"] for x in hsum.values() if e in x and x[e]["errors"]]
        if any(e in x for x in hsum.values()):
            tgt(f"hung path (no completions, no errors): fio errors == 0, every policy and round ({e})",
                max(errs) if errs else None, 0, le, new=True)
    sc = secs.get("scale", {})
    for what, lim, text in (("paths", 5, "paths on one head"), ("heads", 10, "heads of one path")):
        td = sc.get(f"teardown_{what}")
        n = td["n"] if td else None
        tgt(f"teardown of {n if n else 1024} {text}, {vns.split()[0] if vns != 'ns' else 'wall'} s <= {lim}"
            + ("" if not n or n == 1024 else " (target set for 1024)"),
            td["us"] / 1e6 if td else None, lim, le, new=True)
    qd = sc.get("cost_64_over_2", {}).get("queue-depth")
    tgt("64 paths: queue-depth cost per I/O / 2 paths <= 1.5 (libaio)", qd["median"] if qd else None, 1.5, le)
    mp = sc.get("per_path_bytes_at_256_cpus")
    tgt("memory per path at 256 CPUs <= 4096 bytes (measured at the guest's possible CPUs, its per-CPU part "
        "scaled to 256)", mp, 4096, le, new=True)
    for e, v in results["selfcheck"].items():
        tgt(f"same configuration A/B (raw/raw) = 1.00 +- 0.02, every round ({e})",
            max(abs(x - 1) for x in v["runs"]) + 1, 1.02, le)
    return out


def dump_json(results, path):
    """indent=1 as always, but each failover series (hundreds of numbers)
    on one line of its own"""
    series = []
    out = dict(results)
    fo = results["sections"].get("failover")
    if fo and fo.get("series"):
        out["sections"] = dict(results["sections"])
        fo2 = dict(fo)
        fo2["series"] = {}
        for cfg, bye in fo["series"].items():
            for eng, byr in bye.items():
                for rnd, s in byr.items():
                    fo2["series"].setdefault(cfg, {}).setdefault(eng, {})[rnd] = dict(s, iops=f"@@SERIES{len(series)}@@")
                    series.append(s["iops"])
        out["sections"]["failover"] = fo2
    text = json.dumps(out, indent=1, sort_keys=False)
    for i, s in enumerate(series):
        text = text.replace(json.dumps(f"@@SERIES{i}@@"), json.dumps(s, separators=(",", ":")), 1)
    with open(path, "w") as f:
        f.write(text + "\n")


# ------------------------------------------------------------- report
def render(results):
    """RESULTS.md and the PNGs, from the results as the JSON holds them;
    True if the method's self-check held"""
    k = args.kernel or results["kernel"]
    os.makedirs(args.out, exist_ok=True)

    clock = results["clock"]
    kver = results["kver"]
    begin = results["guest"]
    info = results["info"]
    engines = engines_of(results)
    secs = results["sections"]
    prof = secs.get("profile", {}).get("stacks", {})
    allocs = results.get("allocs_per_io", {})
    selfcheck = results["selfcheck"]
    stable = bool(selfcheck) and all(v["stable"] for v in selfcheck.values())
    fo_sum = secs.get("failover", {}).get("summary", {})
    fo_ser = secs.get("failover", {}).get("series", {})
    VT = "virtual " if clock == "icount" else ""


    def run_iops(sec, cfg, eng):
        """round -> IOPS of a configuration's runs (rounds > 0) in the JSON"""
        return {x["round"]: x["iops"] for x in secs.get(sec, {}).get("runs", {}).get(cfg, {}).get(eng, [])
                if x["round"] > 0}


    def ratio(sec, a, b, eng):
        """a/b within each round in which both ran (as the reduction does)"""
        if a == b:
            return summ([1.0])
        ra, rb = run_iops(sec, a, eng), run_iops(sec, b, eng)
        return summ([ra[r] / rb[r] for r in sorted(ra) if r in rb and rb[r] > 0])


    def info_ns(prefix, which):
        """completion_nsec of the fast or slow path from the INFO line of a section"""
        for i in info:
            if i.startswith(prefix):
                m = re.search(which + r" \S+ completion_nsec=(\d+)", i)
                if m:
                    return int(m.group(1))
        return None


    def ms_text(ns):
        return f"{ns / 1e6:g} ms" if ns else "?"


    # ------------------------------------------------------------- markdown
    def fmt(s, nd=2):
        if not s:
            return "–"
        return f"{s['median']:.{nd}f} ({s['min']:.{nd}f}–{s['max']:.{nd}f})"


    md = []
    md.append(f"# Benchmark results: kernel {k} ({kver})\n")
    if clock == "icount":
        method = ("One guest boot under QEMU TCG with **deterministic virtual time** (`-icount shift=0,sleep=off`: "
                  "1 virtual ns per guest instruction, idle time skipped), one vCPU, 2 GiB on 2 NUMA nodes, "
                  "slab debugging off. fio 4k random read, iodepth 32, one job, direct I/O, a fixed number of "
                  "I/Os per run (fixed work, not fixed time). IOPS and ns per I/O are virtual: they measure "
                  "the instructions each I/O costs (path length), independent of the host's load, and "
                  "**not contention** (atomics and cache-line bouncing cost nothing extra under TCG; the "
                  "allocation and call counts below do not depend on any clock). ")
    else:
        method = ("**Wall-clock mode** (`BENCH_CLOCK=wall`): QEMU TCG, 2 vCPUs, fio 2 jobs for a fixed time. "
                  "Absolute IOPS depend on the host's load; only ratios within one round mean something. ")
    md.append(f"Generated by `make bench KERNEL={k}` from tree `{results['rev']}` on {results['date']}. "
              + method +
              "Configurations run back to back in each round, order rotated each round; ratios are taken "
              "within a round, then summarised as median (min–max) over the rounds. How to run it, and what "
              "each section measures: [README, Benchmarks](../README.md#benchmarks); the guest's side is "
              "[`bench/guest`](../bench/guest). This file and the plots are redrawn from "
              f"`bench/results/{k}.json` by `bench/report.py --json bench/results/{k}.json --out bench`.\n")
    if selfcheck:
        md.append("**Self-check** (raw null_blk run twice per round as A and B, must be 1.00 ± 0.02 in every round): "
                  + ", ".join(f"{e} {fmt(v, 4)} {'stable' if v['stable'] else '**UNSTABLE**'}" for e, v in selfcheck.items())
                  + ".\n")
    else:
        md.append("**Self-check**: not run (no overhead section), so nothing here is known to be stable.\n")
    md.append(f"Guest: `{begin}`\n")

    md.append("## Targets\n\n| Target | Measured | Holds |\n|---|---|---|")
    for t in results["targets"]:
        v = t.get("why", "–") if t["value"] is None else t["value"]
        if t.get("detail"):
            v = f"{v} ({t['detail']})"
        h = "not measured" if t["holds"] is None else ("holds" if t["holds"] else "**does not hold**")
        md.append(f"| {t['target']} | {v} | {h} |")
    md.append("")

    desc = {
        "md1/raw": "mpathdemo 1 path / raw null_blk",
        "md2rr/raw": "mpathdemo 2 paths round-robin / raw",
        "dmbio/raw": "dm-multipath bio mode (rr, 2 paths) / raw",
        "dmrq/raw": "dm-multipath request-based (rr, 2 paths, default scheduler) / raw",
        "dmrqnone/raw": "dm-multipath request-based, scheduler none / raw",
        "md2rr/dmbio": "mpathdemo 2 paths rr / dm-multipath bio",
        "md2rr/dmrq": "mpathdemo 2 paths rr / dm-multipath rq (default scheduler)",
        "md2rr/dmrqnone": "mpathdemo 2 paths rr / dm-multipath rq (scheduler none)",
        "remap1/ownraw": "remap mode (no clone), 1 path / the path device alone",
        "clone1/ownraw": "clone mode, 1 path / the path device alone",
        "remap1/clone1": "remap mode / clone mode, 1 path",
        "mdnuma/mdrr": "mpathdemo numa / mpathdemo round-robin",
        "mdqd/mdrr": "mpathdemo queue-depth / mpathdemo round-robin",
        "mdlat/mdqd": "mpathdemo latency / mpathdemo queue-depth",
        "mdlat/mdrr": "mpathdemo latency / mpathdemo round-robin",
        "dmrr/mdrr": "dm-mpath (bio) round-robin / mpathdemo round-robin",
        "dmql/mdrr": "dm-mpath (bio) queue-length / mpathdemo round-robin",
        "dmst/mdrr": "dm-mpath (bio) service-time / mpathdemo round-robin",
        "mdqd/dmql": "mpathdemo queue-depth / dm-mpath queue-length",
        "mdqd/dmst": "mpathdemo queue-depth / dm-mpath service-time",
        "dmql/dmrr": "dm-mpath queue-length / dm-mpath round-robin",
        "mdnvme/native": "mpathdemo rr over the 2 NVMe/TCP paths (nvme_core multipath=N) / native NVMe multipath rr (multipath=Y)",
        "nvhead/nvns": "NVMe native head (multipath=Y, numa) / the namespace alone (multipath=N)",
        "mdnvns/nvns": "mpathdemo 1 path (clone mode) over the namespace / the namespace alone",
        "mdnvns/nvhead": "mpathdemo 1 path (clone mode) over the namespace / NVMe native head",
        "adlat/adqd": "mpathdemo latency / mpathdemo queue-depth",
        "adlat/adrr": "mpathdemo latency / mpathdemo round-robin",
        "adqd/adrr": "mpathdemo queue-depth / mpathdemo round-robin",
        "adlat/adnuma": "mpathdemo latency / mpathdemo numa",
    }


    def ratio_table(title, sec, text):
        d = secs.get(sec)
        if not d:
            return
        md.append(f"## {title}\n\n{text}\n")
        md.append("| Ratio | " + " | ".join(engines) + " |\n|---|" + "---|" * len(engines))
        for name, byeng in d["ratios"].items():
            md.append(f"| {desc.get(name, name)} | " + " | ".join(fmt(byeng.get(e)) for e in engines) + " |")
        md.append("")


    NAMES = {"raw": "raw null_blk", "rawB": "raw null_blk (again, A/A)", "md1": "mpathdemo, 1 path",
             "md2rr": "mpathdemo, 2 paths round-robin", "dmbio": "dm-multipath bio mode, rr, 2 paths",
             "dmrq": "dm-multipath request mode, rr, 2 paths, mq-deadline",
             "dmrqnone": "dm-multipath request mode, rr, 2 paths, scheduler none",
             "native": "NVMe native multipath rr", "mdnvme": "mpathdemo rr over NVMe/TCP paths",
             "mdnuma": "mpathdemo numa", "mdrr": "mpathdemo round-robin", "mdqd": "mpathdemo queue-depth",
             "mdlat": "mpathdemo latency",
             "ownraw": "mpath_owned path device alone", "remap1": "mpath_owned head, remap mode, 1 path",
             "clone1": "mpath_owned head, clone mode, 1 path",
             "dmrr": "dm-multipath round-robin", "dmql": "dm-multipath queue-length",
             "dmst": "dm-multipath service-time", "rawfast": "fast path alone", "rawslow": "slow path alone"}
    for _c in ("mderr", "mdadmin", "dmerr", "dmadmin"):
        NAMES[_c] = fo_name(_c)
    NAMES.update({"nvns": "NVMe namespace alone (multipath=N)", "nvhead": "NVMe native head, 1 path (multipath=Y, numa)",
                  "mdnvns": "mpathdemo 1 path (clone mode) over the NVMe namespace"})
    NAMES.update({c: f"mpathdemo {ADAPT_POLICY[c]}" for c in ADAPT_CFGS})


    def config_table(sec):
        pc = results["per_config"].get(sec)
        if not pc:
            return
        md.append(f"| configuration | engine | IOPS ({VT}time) | {VT}ns per I/O | guest sys+irq+softirq ns per I/O |")
        md.append("|---|---|---|---|---|")
        for cfg in pc:
            for e in engines:
                x = pc[cfg].get(e)
                if x:
                    md.append(f"| {NAMES.get(cfg, cfg)} | {e} | {fmt(x['iops'], 0)} | {fmt(x['ns_per_io'], 0)} | "
                              f"{fmt(x['cpu_ns_per_io'], 0)} |")
        md.append("")


    def fast_share_line(key):
        """the share of the I/O each mpathdemo policy sent to the fast path"""
        shares = results[key]
        if any(v for c in shares.values() for v in c.values()):
            md.append("Share of the I/O each mpathdemo policy sent to the fast path: " + "; ".join(
                f"{NAMES[c]} {e} {fmt(v)}" for c, byE in shares.items() for e, v in byE.items() if v) + ".\n")


    def cap(s):
        return s[:1].upper() + s[1:]


    def figure(fname, alt, caption):
        """a plot and the one line that says what to look at"""
        md.append(f"![{alt}]({fname})\n\n*{caption}*\n")


    slow_ns = info_ns("uneven:", "slow")
    lat_f, lat_s = info_ns("latency:", "fast"), info_ns("latency:", "slow")

    ratio_table("1. Overhead", "overhead",
                "Paths are two null_blk devices (module defaults: softirq completion, no latency); raw is "
                "nullb0 alone. dm-multipath tables as `_dm_up` in `bench/guest` builds them "
                "(`multipath 2 queue_mode bio 0 1 1 round-robin 0 2 1 /dev/nullb0 1 /dev/nullb1 1` in bio mode, "
                "no features in request mode), created and "
                "removed around each run so that every stack uses the same two paths.")
    config_table("overhead")
    if "overhead" in secs:
        figure(f"overhead-{k}.png", "Overhead: IOPS of each stack / raw null_blk",
               "Each stack's IOPS as a fraction of raw null_blk's in the same round (1.00 = costs nothing): "
               "how far a bar falls below 1.00 is what the stack costs per I/O; compare the mpathdemo bars "
               "with the dm-multipath ones.")
    ratio_table("1b. Remap mode (a driver that owns its paths)", "remap",
                "`tests/kmod/mpath_owned.ko`: a driver whose paths are its own in-memory block devices "
                "(256 MiB, bio-based, completing in the submitter's context) under its own head with one "
                "path. In remap mode the head sends the bio itself to the path, as NVMe does, and the path "
                "hands it back through `mpath_bio_endio()`; in clone mode the library clones each bio, as "
                "it must for paths another driver owns (mpathdemo's). The module is reloaded with the "
                "mode each run needs.")
    config_table("remap")
    ratio_table("2. NVMe native multipath", "nvme",
                "nvmet-tcp on 127.0.0.1 with two ports over one null_blk namespace. `nvme_core` is a module on "
                "Debian, so both runs are in the same boot: the NVMe modules are unloaded and reloaded with "
                "`multipath=Y` (native, iopolicy round-robin) or `multipath=N` (two plain namespaces, stacked "
                "by mpathdemo round-robin) before every run.")
    config_table("nvme")
    hc = head_costs(results)
    if hc:
        hc_engs = [e for e in engines if any(e in v for v in hc.values())]
        hc_tr = next((i for i in info if i.startswith("headcost: transport")), "")
        hc_tr = ("NVMe/TCP on 127.0.0.1, one port (this kernel has no nvme_loop module)" if "NVMe/TCP" in hc_tr
                 else "nvme-loop" if "nvme-loop" in hc_tr else "?")
        m_ios_hc = re.search(r" ios=(\d+)", begin)
        md.append("## 2b. Head cost: what a head adds per I/O over its own path\n")
        md.append(f"Each head against the device it stacks on: {VT}ns per I/O (1 / IOPS at depth 32, one job) of the "
                  "stacked device minus that of the device alone, in each round, then median (min–max) over the "
                  "rounds. "
                  + (("NVMe's own head (section `headcost`): one controller over "
                      f"{hc_tr} to a null_blk namespace of its own, read alone with `nvme_core multipath=N`, through "
                      "NVMe's native head with `multipath=Y` (one hidden path `nvme0c0n1`, subsystem iopolicy numa, "
                      "NVMe's default, written explicitly), and through an mpathdemo head (clone mode) over the "
                      "`multipath=N` namespace; `nvme_core` is reloaded for each, rounds rotated. "
                      + ("Every NVMe queue (the namespace's, the hidden path's) without I/O scheduler, as on a drive "
                         "with a queue per CPU (nvme-loop gives the guest's one vCPU one I/O queue, which gets "
                         "mq-deadline by default). " if any("(1q none)" in i for i in info if i.startswith("headcost "))
                         else ""))
                     if "nvme_native" in hc or "md_nvme" in hc else
                     "NVMe's own head: not measured in this run (section `headcost`). ")
                  + "The other rows come from the overhead (mpathdemo over null_blk) and remap (`mpath_owned`) "
                  "sections."
                  + (f" fio counts a run's time in whole ms: at {int(m_ios_hc.group(1))} I/Os per run a figure "
                     f"moves in steps of {1e6 / int(m_ios_hc.group(1)):g} ns." if m_ios_hc and clock == "icount" else "")
                  + "\n")
        md.append("| Head | stacked over | " + " | ".join(f"added {VT}ns per I/O ({e}) | alone ({e})" for e in hc_engs)
                  + " |\n|---|---|" + "---|---|" * len(hc_engs))
        for key, _, _, _, head_, over in HEAD_COSTS:
            if key in hc:
                md.append(f"| {head_} | {over} | " + " | ".join(
                    f"{fmt(hc[key].get(e), 0)} | {hc[key][e]['base_ns']:.0f}" if e in hc[key] else "– | –"
                    for e in hc_engs) + " |")
        md.append("")
        rel = [f"{e} {hc['remap'][e]['median'] / hc['nvme_native'][e]['median']:.2f}" for e in hc_engs
               if e in hc.get("remap", {}) and e in hc.get("nvme_native", {}) and hc["nvme_native"][e]["median"] > 0]
        if rel:
            md.append("Remap mode's head cost / NVMe native head's: " + ", ".join(rel)
                      + " (medians; remap mode over `mpath_owned`'s in-memory path, NVMe's over nvme-loop).\n")
        figure(f"headcost-{k}.png", "Head cost: ns per I/O each head adds over the device under it",
               "What each head adds per I/O over the device it stacks on, per engine: compare NVMe's own head "
               "(left) with mpath_owned's remap mode and with the clone mode of mpathdemo and mpath_owned.")
    ratio_table("2c. NVMe's own head against mpathdemo's, one namespace", "headcost",
                "The ratios of the head-cost runs (IOPS, same round).")
    config_table("headcost")
    ratio_table("3. Uneven paths: one fast, one slow", "uneven",
                "Path 0 is a fast null_blk (nullb0, NUMA node 0 for mpathdemo), path 1 a null_blk with "
                f"`irqmode=2 completion_nsec` (the slow path: every I/O takes {ms_text(slow_ns)}, node 1). "
                "dm-multipath in bio mode (the comparable stack).")
    config_table("uneven")
    fast_share_line("uneven_fast_share")
    if "uneven" in secs:
        figure(f"uneven-{k}.png", "Uneven paths: IOPS per policy",
               "IOPS of each policy over one fast and one slow path; the label on a bar is its fraction of the "
               "best configuration's IOPS (same engine, same round). Policies that keep the I/O off the slow "
               "path reach about 1.00×; round-robin sends half of it there and runs at the slow path's pace.")
    ratio_table("3b. Paths of 4x different latency", "latency",
                "Two null_blk paths completing by timer (`irqmode=2`) after `lat_ns` and 4 x `lat_ns` "
                f"({ms_text(lat_f)} and {ms_text(lat_s)}), "
                "without queueing of their own, both on node 0; mpathdemo's latency policy against its "
                "queue-depth and round-robin at fio's fixed depth (all I/O on the fast path is the best split).")
    config_table("latency")
    fast_share_line("latency_fast_share")
    if "latency" in secs:
        figure(f"latency-{k}.png", "Paths of 4x different latency: IOPS and fast-path share per policy",
               "Left, the IOPS of each policy with the fraction of the best as label; right, the share of the I/O "
               "it sent to the fast path. The more of the I/O on the fast path, the more IOPS at the same depth.")
    adp_pc = results["per_config"].get("adaptive", {})
    if adp_pc:
        adp_engs = [e for e in engines if any(adp_pc.get(c, {}).get(e) for c in ADAPT_CFGS)]
        adp_info = next((i for i in info if i.startswith("adaptive:")), "")
        m_ios = re.search(r"ios=(\d+)", adp_info)
        md.append("## 3c. One path 30 ms slower (the NVMe adaptive-policy scenario)\n")
        m_base = re.search(r"namespace completion_nsec=(\d+)", adp_info)
        base_ns = int(m_base.group(1)) if m_base else 0
        md.append(f"The scenario of the {ADAPT_SOURCE}: its published read throughput per iopolicy beside "
                  "mpathdemo's policies in the same set-up. `nvme_core multipath=N`, two NVMe/TCP controllers "
                  "(127.0.0.1, two ports) to one null_blk namespace"
                  + (f" that completes each I/O after {ms_text(base_ns)} (null_blk `irqmode=2`: the paths are "
                     "bound by their latency, as real NVMe/TCP paths are; without it the fast path is bound by "
                     "the guest's one vCPU, and how much of the depth a policy leaves on it would change nothing)"
                     if base_ns else " (no service time of its own: the fast path is bound by the guest's vCPU)")
                  + "; the second namespace under dm-delay, 30 ms "
                  "for reads and writes (its flush class at 50 ms keeps dm-delay on its timer: with every delay "
                  "under 50 ms it polls in a kthread that would take the guest's one vCPU from fio); an mpathdemo "
                  "head over [first, delayed], both paths on node 0 (numa takes the first of two equally near "
                  "paths, here the fast one). fio 4k random read, depth 32"
                  + (f", {int(m_ios.group(1))} I/Os per run (fewer than the other sections: round-robin sends half "
                     "of them to the 30 ms path)" if m_ios and clock == "icount" else "")
                  + f". MiB/s = IOPS x 4 KiB{' (virtual time)' if VT else ''}. The published figures are wall "
                  "clock on real NVMe/TCP; here the paths' service times are set" + (" and the time is virtual" if VT else "")
                  + ", so compare how each policy stands to the others, not the absolute figures. Their \"adaptive\" "
                  "policy is our latency policy's peer.\n")
        md.append("| policy | published MiB/s | " + " | ".join(f"mpathdemo MiB/s ({e}) | to the fast path ({e})" for e in adp_engs)
                  + " |\n|---|---|" + "---|---|" * len(adp_engs))
        shares = results.get("adaptive_fast_share", {})
        for c in ADAPT_CFGS:
            pub_name, pub = ADAPT_PUBLISHED[c]
            cells = []
            for e in adp_engs:
                x = adp_pc.get(c, {}).get(e)
                mb = {kk: (mib_s(v) if isinstance(v, (int, float)) else [mib_s(y) for y in v])
                      for kk, v in x["iops"].items()} if x and x["iops"] else None
                cells.append(f"{fmt(mb, 1)} | {fmt(shares.get(c, {}).get(e))}")
            pn = f" (published: {pub_name})" if pub_name != ADAPT_POLICY[c] else ""
            md.append(f"| {ADAPT_POLICY[c]}{pn} | {pub} | " + " | ".join(cells) + " |")
        md.append("")
        md.append(f"Published: {ADAPT_SOURCE}; its ratios: adaptive / queue-depth {350 / 230:.2f}, "
                  f"queue-depth / round-robin {230 / 105:.2f}, adaptive / numa {350 / 50:.1f}. numa keeps to one "
                  "path: here the first, the fast one (the published numa figure, below round-robin's, suggests "
                  "that its one path there was the slow one).\n")
        if "io_uring" in adp_engs:
            md.append("With io_uring a bio comes with `REQ_NOWAIT`. dm-delay does not take it: a bio a policy "
                      "sends to the delayed path ends with EAGAIN, and io_uring issues it again from its worker "
                      "without `REQ_NOWAIT`, where the policy chooses again. Round-robin's next choice is then the "
                      "fast path, which is why its io_uring share of the fast path is far above one half.\n")
    ratio_table("3d. One path 30 ms slower: ratios", "adaptive",
                "mpathdemo's policies over the NVMe/TCP namespace and the 30 ms one (IOPS, same round).")
    config_table("adaptive")
    if adp_pc:
        figure(f"adaptive-{k}.png", "One path 30 ms slower: MiB/s per policy, published and mpathdemo",
               "MiB/s per policy: the published figures of the NVMe adaptive iopolicy series (grey) beside "
               "mpathdemo's policies in the same scenario (blue, per engine; black line min–max); right, each "
               "series in % of its own best policy. Look at the order and the ratios between the policies.")
    if fo_sum:
        md.append("## 4. Failover: a path fails under load, then comes back\n")
        rounds = [r for bye in fo_sum.values() for x in bye.values() for r in x["rounds"].values()]
        if all("tstart_rel" in r for r in rounds):
            after = statistics.median([-r["tstart_rel"] / 1e3 for r in rounds])
        else:
            # a JSON written before the rounds kept it: the guest's setting
            m = re.search(r"mpbench\.fo_fail=(\d+)", " ".join(info))
            after = float(m.group(1)) if m else (2.0 if clock == "icount" else 5.0)
        back = statistics.median([r["tback_rel"] / 1e3 for r in rounds])
        method_text = secs["failover"]["method"]
        # JSONs written before the text was corrected: the baseline started
        # WARM (500) ms after the I/O then too
        method_text = method_text.replace("baseline = mean from 1 s after I/O started",
                                          f"baseline = mean from {WARM} ms after I/O started")
        md.append("Four 64 MiB null_blk paths (configfs), round-robin on both stacks (dm-multipath in bio mode). "
                  f"Path 1 fails {after:.1f} s after the I/O starts and comes back {back:.1f} s later"
                  + (" (virtual time)" if clock == "icount" else "") + ", in two ways:\n")
        md.append(f"- **{cap(FO_WHAT['err'])}** (*err* in the JSON): the whole of path 1 becomes null_blk bad "
                  "blocks in one write, so every read on it fails with EIO at once (no table swap, no suspend): the "
                  "stack must see the errors and fail over by itself. When it comes back the bad blocks are cleared "
                  "and the path reinstated (mpathdemo `fault none`, dm-multipath `reinstate_path`).")
        md.append(f"- **{cap(FO_WHAT['admin'])}** (*admin* in the JSON): mpathdemo `fault fail`, which also "
                  "fails the bios in flight on it, like a pulled cable; dm-multipath's `fail_path` message. It comes "
                  "back with `fault none` / `reinstate_path`.\n")
        md.append(method_text + ". The recovery time moves in 10 ms steps from the first 10 ms boundary after "
                  "the failure: under 10 ms means the first 50 ms window after the failure was already at 90%.\n")
        md.append("| Stack: what happens to path 1 | engine | fio errors | back to 90% after failure (ms) | IOPS in the 1 s after failure (% of baseline) | back to 90% after reinstate (ms) | max clat around failure (ms) | run p99 clat (ms) | max / p99 | steady 50 ms windows < 90% |")
        md.append("|---|---|---|---|---|---|---|---|---|---|")
        for cfg in sorted(fo_sum):
            for e in engines:
                x = fo_sum[cfg].get(e)
                if not x:
                    continue

                def ms(s):
                    return None if not s else {kk: (v / 1e3 if isinstance(v, (int, float)) else [y / 1e3 for y in v])
                                               for kk, v in s.items()}

                nr = f" (never in rounds {x['never_recovered_rounds']})" if x["never_recovered_rounds"] else ""
                md.append(f"| {NAMES.get(cfg, cfg)} | {e} | {fmt(x['errors'], 0)} | {fmt(x['recovery_ms'], 0)}{nr} | {fmt(x['first_second_pct'], 0)} | "
                          f"{fmt(x['recovery_after_reinstate_ms'], 0)} | {fmt(ms(x['clat_max_fail_us']), 1)} | {fmt(ms(x['clat_p99_run_us']), 1)} | "
                          f"{fmt(x['spike_over_p99'])} | {fmt(x['steady_windows_below_90pct'])} |")
        md.append("")
        figure(f"failover-recovery-{k}.png", "Failover: time back to 90% of the IOPS, every round",
               "Every round's time from the failure (left) and from the reinstate (right) until a 50 ms window "
               "is back at 90% of the pre-failure IOPS, per stack and engine; the bar is the median. mpathdemo's "
               "target is the dashed 10 ms line.")
        if fo_ser:
            figure(f"failover-{k}.png", "Failover: IOPS around the failure and the reinstate",
                   "IOPS in % of the pre-failure mean, every round (libaio): the whole run (left, 50 ms mean), then "
                   "zoomed to milliseconds around the failure (middle) and the reinstate (right, 10 ms bins); "
                   "look for how long the curves stay under the 90% line, and at the marks of each round's recovery.")
        else:
            md.append("The IOPS timeline around the failure is drawn from the per-round IOPS series, which this "
                      "JSON does not hold (it was written before `report.py` kept them): the next `make bench` "
                      f"draws it as `failover-{k}.png`.\n")
    hsum = secs.get("hung", {}).get("summary", {})
    if hsum:
        if not fo_sum:
            md.append("## 4. Failover: a path fails under load, then comes back\n")
        hinfo = next((i for i in info if i.startswith("hung path:")), "")
        rounds = [r for bye in hsum.values() for x in bye.values() for r in x["rounds"].values()]
        hang_s = statistics.median([r["hang_ms"] for r in rounds]) / 1e3 if rounds else 0
        m = re.search(r"fo_fail=(\d+)", hinfo)
        md.append("### Hung path (no completions, no errors)\n")
        md.append("Two null_blk paths, each under a dm-linear, mpathdemo with each policy and no checker. "
                  + (f"{int(m.group(1))} s after the I/O starts, " if m else "")
                  + "the first path (p0, the one numa uses) gets a dm-delay table with an hour's delay: every bio it "
                  "takes is held, neither completed nor failed (dm `error` or `zero` would answer; a dm device "
                  "suspended with `--noflush` fails io_uring's `REQ_NOWAIT` bios with EAGAIN at once). "
                  f"{hang_s:.1f} s later{' (virtual time)' if VT else ''} the linear table is back and dm-delay lets "
                  "the held bios go. " + secs["hung"]["method"] + ". No target: a policy that keeps sending to a "
                  "path that never answers stalls until the path answers or a checker fails it; the table shows "
                  "which ones do.\n")
        md.append("| policy | engine | fio errors | IOPS during the hang (% of baseline) | bios held on the hung path as it ends "
                  "| back to 90% after the hang began (ms) | back to 90% after the path answers again (ms) | max clat of the run (ms) |")
        md.append("|---|---|---|---|---|---|---|---|")
        for c in HUNG_CFGS:
            for e in engines:
                x = hsum.get(c, {}).get(e)
                if not x:
                    continue
                mx = x["clat_max_run_us"]
                mx = {kk: (v / 1e3 if isinstance(v, (int, float)) else [y / 1e3 for y in v]) for kk, v in mx.items()} if mx else None
                nr = f" (never in rounds {x['never_recovered_rounds']})" if x["never_recovered_rounds"] else ""
                md.append(f"| {HUNG_POLICY[c]} | {e} | {fmt(x['errors'], 0)} | {fmt(x['hang_pct'], 0)} | "
                          f"{fmt(x['held_on_hung_path'], 0)} | {fmt(x['recovery_ms'], 0)} | "
                          f"{fmt(x['recovery_after_resume_ms'], 0)}{nr} | {fmt(mx, 1)} |")
        md.append("")
        figure(f"hung-{k}.png", "Hung path: IOPS kept during the hang and time back after it, per policy",
               "Left, the IOPS each policy keeps while one of its two paths holds every bio it gets (% of the "
               "IOPS before); right, the time until a 50 ms window is back at 90% once the path answers again. "
               "Bars: median over the rounds, black line: min–max.")
    if prof:
        md.append("## 5. Where the time goes (ftrace)\n\n" + secs["profile"]["method"] + ".\n")
        for st, fns in prof.items():
            # I/Os in the trace: calls of the submission entry point
            nio = max([v["calls"] for f, v in fns.items() if f.startswith("TOTAL:") and "submit" in f] or [0])
            md.append(f"**{NAMES.get(st, st)}**\n\n| function | calls | calls per I/O | mean µs | total ms |\n|---|---|---|---|---|")
            for f, v in sorted(fns.items(), key=lambda kv: -kv[1]["calls"] * kv[1]["mean_us"])[:14]:
                per = f"{v['calls'] / nio:.2f}" if nio else "–"
                md.append(f"| `{f}` | {v['calls']} | {per} | {v['mean_us']:.2f} | {v['calls'] * v['mean_us'] / 1e3:.1f} |")
            md.append("")
    if allocs:
        md.append("**Slab allocations per I/O** (kmem_cache_alloc + kmalloc trace events over 20000 libaio I/Os, "
                  "not clock dependent): " + ", ".join(f"{NAMES.get(kk, kk)} {v:.2f}" for kk, v in allocs.items() if v is not None) + ".\n")
    sc = secs.get("scale")
    if sc:
        md.append("## 6. Scale\n")
        md.append("Configfs null_blk devices (not memory backed); the devices' own memory is measured before the "
                  "heads are made and left out. Memory from `/proc/meminfo` deltas (MemFree, all of it: the "
                  "library and mpathdemo's configfs and sysfs objects; Percpu for the part that grows with the "
                  f"number of CPUs, counted once per possible CPU: the guest has {sc.get('cpus_possible', 1)}). Times in "
                  + ("virtual" if clock == "icount" else "wall") + " time, through configfs from a shell.\n")
        b, m = sc.get("paths"), sc.get("heads")

        def torn(what):
            td = sc.get(f"teardown_{what}", {})
            if "disable_us" not in td:
                return f"{td.get('us', 0) / 1e3:.1f} ms"
            return (f"{td['us'] / 1e3:.1f} ms ({'the head' if what == 'paths' else 'the heads'} disabled, "
                    f"{'its paths detached together' if what == 'paths' else 'each detaching its path'}: "
                    f"{td['disable_us'] / 1e3:.1f} ms; then the configfs directories removed: "
                    f"{td['remove_us'] / 1e3:.1f} ms)")
        if b:
            md.append(f"- one head, {b['n']} paths: created in {b['create_us'] / 1e3:.1f} ms, torn down in "
                      + torn("paths"))
        if m:
            md.append(f"- {m['n']} heads of one path: created in {m['create_us'] / 1e3:.1f} ms, torn down in "
                      + torn("heads"))
        if "per_head_bytes" in sc:
            md.append(f"- memory per head (with its one path): {sc['per_head_bytes']:.0f} bytes")
        if "per_path_bytes" in sc:
            nc = sc.get("cpus_possible", 1)
            md.append(f"- memory per path: {sc['per_path_bytes']:.0f} bytes at {nc} possible CPU{'s' if nc > 1 else ''}, "
                      f"of which {sc['per_path_percpu_bytes_per_cpu']:.0f} per CPU; at 256 CPUs about "
                      f"{sc['per_path_bytes_at_256_cpus']:.0f} bytes")
        for pol, v in sc.get("cost_64_over_2", {}).items():
            md.append(f"- {pol}: cost per I/O with 64 paths / with 2 paths {fmt(v)}")
        md.append("")
        tdt = sc.get("teardown_trace")
        if tdt:
            nh = tdt[0]["heads"] or 1
            md.append(f"Where a head's teardown waits: {nh} heads of one path made again and disabled under ftrace "
                      "(function_graph, three levels under `mpdemo_head_disable`; times include sleeps, and "
                      f"tracing slows the rest). Per head, in {VT}ms, the callees that take 1% of it or more:\n")
            md.append("| level | function (under its caller) | calls per head | mean ms | ms per head |\n|---|---|---|---|---|")
            top_ = next((x for x in tdt if x["level"] == 1 and x["fn"] == "mpdemo_head_disable"), None)
            tot = top_["calls"] * top_["mean_us"] / nh if top_ else None
            for x in tdt:
                per = x["calls"] * x["mean_us"] / nh
                if tot and per < 0.01 * tot:
                    continue
                md.append(f"| {x['level']} | {'&nbsp;&nbsp;&nbsp;&nbsp;' * (x['level'] - 1)}`{x['fn']}` | {x['calls'] / nh:.2f} | "
                          f"{x['mean_us'] / 1e3:.2f} | {per / 1e3:.2f} |")
            md.append("")
    if info:
        md.append("## Run notes\n\n" + "\n".join(f"- `{i}`" for i in info) + "\n")

    with open(os.path.join(args.out, "RESULTS.md"), "w") as f:
        f.write("\n".join(md) + "\n")


    # ------------------------------------------------------------- plots
    # gnuplot's pngcairo: fixed pixel sizes, no time stamp in the file
    MDC, DMC, RAWC = "#1f77b4", "#d62728", "#7f7f7f"


    def color_of(cfg):
        return RAWC if cfg.startswith(("raw", "own")) else (DMC if cfg.startswith("dm") else MDC)


    def gnuplot(script):
        try:
            subprocess.run(["gnuplot"], input=script.encode(), check=True)
        except Exception as e:
            print(f"report: gnuplot failed: {e}", file=sys.stderr)


    def q(s):
        """a gnuplot double-quoted string (\\n in s is a line break)"""
        return '"' + s.replace('"', '\\"') + '"'


    tmp = tempfile.mkdtemp(prefix="bench-plot.")


    def head(fname, w, h):
        return [f"set terminal pngcairo noenhanced size {w},{h} font ',10'",
                f"set output {q(os.path.join(args.out, fname))}"]


    def bar_panel(s, fn, cfgs, ticks, ymax, ylabel, title, refs=()):
        """one panel of bars: fn rows 'x median min max label color'"""
        s += [f"set title {q(title)}", f"set ylabel {q(ylabel)}",
              "set style fill solid 0.75 border -1", "set boxwidth 0.7", "unset key",
              f"set xrange [-0.6:{len(cfgs) - 0.4}]", f"set yrange [0:{ymax}]",
              "set grid ytics", "set xtics nomirror scale 0", "set bmargin 4",
              "set xtics (" + ", ".join(f"{q(ticks[c])} {i}" for i, c in enumerate(cfgs)) + ")",
              "unset arrow", "unset label"]
        for i, (y, text) in enumerate(refs):
            s += [f"set arrow {i + 1} from graph 0, first {y} to graph 1, first {y} nohead dt 2 lw 1.5 lc rgb 'black'",
                  f"set label {i + 1} {q(text)} at graph 0.01, first {y} offset 0,0.7 tc rgb 'black'"]
        s.append(f"plot '{fn}' using 1:2:(0.7):6 with boxes lc rgb variable, "
                 f"'' using 1:3:(0):($4-$3) with vectors nohead lw 2 lc rgb 'black', "
                 f"'' using 1:4:5 with labels offset 0,0.8")


    def write_rows(name, rows):
        fn = os.path.join(tmp, name)
        with open(fn, "w") as f:
            for r in rows:
                f.write(" ".join(str(x) for x in r) + "\n")
        return fn


    def policy_bars(sec, cfgs, ticks, fname, title, subtitle):
        """absolute IOPS per configuration, one panel per engine; the label of
        a bar is its ratio to the best configuration of that engine"""
        pc = results["per_config"].get(sec, {})
        engs = [e for e in engines if any(pc.get(c, {}).get(e) for c in cfgs)]
        if not engs:
            return
        fast = secs[sec]["runs"].get("rawfast", {})
        top = max(pc[c][e]["iops"]["max"] for c in cfgs for e in engs if pc.get(c, {}).get(e))
        top = max([top] + [x["iops"] for e in engs for x in fast.get(e, [])])
        ymax = round(top / 1000 * 1.18, 1)
        s = head(fname, 1100, 330 * len(engs) + 90)
        s.append(f"set multiplot layout {len(engs)},1 title " + q(title + "\\n" + subtitle))
        for e in engs:
            have = [c for c in cfgs if pc.get(c, {}).get(e)]
            best = max(have, key=lambda c: pc[c][e]["iops"]["median"])
            rows = []
            for i, c in enumerate(cfgs):
                x = pc.get(c, {}).get(e)
                if not x:
                    continue
                r = ratio(sec, c, best, e)
                lab = f"{r['median']:.2f}×" if r else "?"
                rows.append((i, x["iops"]["median"] / 1000, x["iops"]["min"] / 1000, x["iops"]["max"] / 1000,
                             q(lab), int(color_of(c)[1:], 16)))
            refs = [(x["iops"] / 1000, f"{NAMES['rawfast']} ({x['iops'] / 1000:.0f}k IOPS)") for x in fast.get(e, [])]
            bar_panel(s, write_rows(f"{sec}.{e}.dat", rows), cfgs, ticks, ymax,
                      f"thousand IOPS ({VT}time)", f"fio engine {e}", refs[:1])
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")


    if "uneven" in secs:
        policy_bars("uneven", ["mdnuma", "mdrr", "mdqd", "dmrr", "dmql", "dmst"],
                    {"mdnuma": "mpathdemo\\nnuma", "mdrr": "mpathdemo\\nround-robin", "mdqd": "mpathdemo\\nqueue-depth",
                     "dmrr": "dm-multipath\\nround-robin", "dmql": "dm-multipath\\nqueue-length",
                     "dmst": "dm-multipath\\nservice-time"},
                    f"uneven-{k}.png",
                    f"Uneven paths: a fast null_blk and one completing each I/O after {ms_text(slow_ns)}",
                    "bars: median IOPS (blue mpathdemo, red dm-multipath bio mode), black line: min-max; "
                    "label: IOPS / the best configuration's, same round")

    if "overhead" in secs:
        cfgs = ["raw", "md1", "md2rr", "dmbio", "dmrq", "dmrqnone"]
        ticks = {"raw": "raw\\nnull_blk", "md1": "mpathdemo\\n1 path", "md2rr": "mpathdemo\\n2 paths rr",
                 "dmbio": "dm-multipath\\nbio mode", "dmrq": "dm-multipath rq\\nmq-deadline",
                 "dmrqnone": "dm-multipath rq\\nscheduler none"}
        engs = [e for e in engines if run_iops("overhead", "raw", e)]
        s = head(f"overhead-{k}.png", 1100, 330 * max(1, len(engs)) + 90)
        s.append(f"set multiplot layout {max(1, len(engs))},1 title "
                 + q("Overhead: IOPS of each stack / raw null_blk's (same round), two null_blk paths\\n"
                     "bars and label: median ratio over the rounds, black line: min-max (1.00 = the stack costs nothing)"))
        for e in engs:
            rows = []
            for i, c in enumerate(cfgs):
                r = ratio("overhead", c, "raw", e)
                if r:
                    rows.append((i, r["median"], r["min"], r["max"], q(f"{r['median']:.2f}"), int(color_of(c)[1:], 16)))
            bar_panel(s, write_rows(f"overhead.{e}.dat", rows), cfgs, ticks, 1.2,
                      "IOPS / raw null_blk IOPS", f"fio engine {e}")
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")

    if "latency" in secs:
        cfgs = ["mdlat", "mdqd", "mdrr"]
        ticks = {"mdlat": "latency", "mdqd": "queue-depth", "mdrr": "round-robin"}
        pc = results["per_config"].get("latency", {})
        engs = [e for e in engines if any(pc.get(c, {}).get(e) for c in cfgs)]
        s = head(f"latency-{k}.png", 1200, 480)
        s.append("set multiplot layout 1,2 title " + q(
            f"Paths of 4x different latency: a null_blk completing after {ms_text(lat_f)} and one after "
            f"{ms_text(lat_s)}, mpathdemo's policies, fio at a fixed depth"))
        for e in engs[:1]:
            have = [c for c in cfgs if pc.get(c, {}).get(e)]
            best = max(have, key=lambda c: pc[c][e]["iops"]["median"])
            rows, share = [], []
            for i, c in enumerate(cfgs):
                x = pc.get(c, {}).get(e)
                if not x:
                    continue
                r = ratio("latency", c, best, e)
                rows.append((i, x["iops"]["median"] / 1000, x["iops"]["min"] / 1000, x["iops"]["max"] / 1000,
                             q(f"{r['median']:.2f}× best" if r else "?"), int(MDC[1:], 16)))
                fsh = results["latency_fast_share"].get(c, {}).get(e)
                if fsh:
                    share.append((i, 100 * fsh["median"], 100 * fsh["min"], 100 * fsh["max"],
                                  q(f"{100 * fsh['median']:.0f}%"), int("2ca02c", 16)))
            top = max(r[3] for r in rows)
            bar_panel(s, write_rows(f"latency.{e}.dat", rows), cfgs, ticks, round(top * 1.18, 1),
                      f"thousand IOPS ({VT}time), median, min-max", f"IOPS per policy ({e}); label: IOPS / the best's")
            if share:
                bar_panel(s, write_rows(f"latency.share.{e}.dat", share), cfgs, ticks, 118,
                          "% of the I/O sent to the fast path",
                          f"Share of the I/O sent to the {ms_text(lat_f)} path ({e}): 100% is the best split")
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")


    def group_bars(s, fid, groups, series, ymax, ylabel, title, key="top left"):
        """one panel of grouped bars: groups are the x ticks; series
        [(name, color, [(median, min, max, label) or None per group])]"""
        w = 0.8 / len(series)
        s += [f"set title {q(title)}", f"set ylabel {q(ylabel)}",
              "set style fill solid 0.75 border -1", f"set boxwidth {w * 0.92:.3f}",
              f"set key {key} box opaque samplen 2", f"set xrange [-0.6:{len(groups) - 0.4}]",
              f"set yrange [0:{ymax}]", "set grid ytics", "set xtics nomirror scale 0", "set bmargin 4",
              "set xtics (" + ", ".join(f"{q(g)} {i}" for i, g in enumerate(groups)) + ")",
              "unset arrow", "unset label"]
        plots = []
        for j, (name, col, vals) in enumerate(series):
            rows = [(f"{i - 0.4 + w * (j + 0.5):.3f}", v[0], v[1], v[2], q(v[3]))
                    for i, v in enumerate(vals) if v is not None]
            if not rows:
                continue
            fn = write_rows(f"{fid}.{j}.dat", rows)
            plots += [f"'{fn}' using 1:2 with boxes lc rgb '{col}' title {q(name)}",
                      f"'{fn}' using 1:3:(0):($4-$3) with vectors nohead lw 2 lc rgb 'black' notitle",
                      f"'{fn}' using 1:4:5 with labels offset 0,0.8 notitle"]
        s.append("plot " + (", ".join(plots) if plots else "NaN notitle"))


    hc = head_costs(results)
    if hc:
        keys = [h for h in HEAD_COSTS if h[0] in hc]
        engs = [e for e in engines if any(e in hc[h[0]] for h in keys)]
        ECOL = ["#1f77b4", "#6baed6", "#9ecae1"]
        HCT = {"nvme_native": "NVMe native head\\nover its namespace", "md_nvme": "mpathdemo (clone)\\nover the namespace",
               "md_nullb": "mpathdemo (clone)\\nover null_blk", "remap": "mpath_owned remap\\nover its path",
               "owned_clone": "mpath_owned clone\\nover its path"}
        series = []
        for i, e in enumerate(engs):
            vals = []
            for h in keys:
                x = hc[h[0]].get(e)
                vals.append((x["median"], x["min"], x["max"], f"{x['median']:.0f}") if x else None)
            series.append((e, ECOL[i % len(ECOL)], vals))
        top = max([v[2] for _, _, vals in series for v in vals if v] + [1])
        s = head(f"headcost-{k}.png", 1200, 480)
        group_bars(s, "headcost", [HCT.get(h[0], h[0]) for h in keys], series, round(top * 1.25),
                   f"{VT}ns per I/O added by the head",
                   "Head cost: ns per I/O of the head minus that of the device under it, same round\\n"
                   "bars: median over the rounds, black line: min-max")
        gnuplot("\n".join(s) + "\n")

    adp_pc = results["per_config"].get("adaptive", {})
    if adp_pc:
        engs = [e for e in engines if any(adp_pc.get(c, {}).get(e) for c in ADAPT_CFGS)]
        ECOL = ["#1f77b4", "#6baed6", "#9ecae1"]
        series = [("published (wall clock, real NVMe/TCP)", RAWC,
                   [(ADAPT_PUBLISHED[c][1],) * 3 + (f"{ADAPT_PUBLISHED[c][1]}",) for c in ADAPT_CFGS])]
        for i, e in enumerate(engs):
            vals = []
            for c in ADAPT_CFGS:
                x = adp_pc.get(c, {}).get(e)
                vals.append((mib_s(x["iops"]["median"]), mib_s(x["iops"]["min"]), mib_s(x["iops"]["max"]),
                             f"{mib_s(x['iops']['median']):.0f}") if x and x["iops"] else None)
            series.append((f"mpathdemo, {e}" + (" (virtual time)" if VT else ""), ECOL[i % len(ECOL)], vals))
        top = max(v[2] for _, _, vals in series for v in vals if v)
        s = head(f"adaptive-{k}.png", 1500, 520)
        s.append("set multiplot layout 1,2 title " + q(
            "One of two NVMe/TCP paths 30 ms slower: read throughput per policy\\n"
            f"published: {ADAPT_SOURCE}; mpathdemo: median over the rounds, black line min-max"))
        groups = [f"{ADAPT_POLICY[c]}\\n(published: {ADAPT_PUBLISHED[c][0]})" if ADAPT_PUBLISHED[c][0] != ADAPT_POLICY[c]
                  else ADAPT_POLICY[c] for c in ADAPT_CFGS]
        group_bars(s, "adaptive", groups, series, round(top * 1.2, 1), "MiB/s, 4 KiB random reads, depth 32",
                   "MiB/s" + (" (mpathdemo's in virtual time)" if VT else ""))
        # the same, each series in % of its own best policy: the shapes, side by side
        rel = []
        for name, col, vals in series:
            best = max(v[0] for v in vals if v)
            rel.append((name, col, [(100 * v[0] / best, 100 * v[1] / best, 100 * v[2] / best,
                                     f"{100 * v[0] / best:.0f}%") if v else None for v in vals]))
        group_bars(s, "adaptive.rel", groups, rel, 125, "% of the series' best policy",
                   "each series in % of its best policy", key="top left")
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")

    hsum = secs.get("hung", {}).get("summary", {})
    if hsum:
        cfgs = [c for c in HUNG_CFGS if c in hsum]
        engs = [e for e in engines if any(e in hsum[c] for c in cfgs)]
        ECOL = ["#1f77b4", "#6baed6", "#9ecae1"]
        s = head(f"hung-{k}.png", 1200, 470)
        s.append("set multiplot layout 1,2 title " + q(
            "A hung path: one of two paths holds every bio it gets (no completion, no error), no checker\\n"
            "bars: median over the rounds, black line: min-max"))
        panels = (("hang_pct", "IOPS during the hang, % of the IOPS before", "IOPS kept while the path hangs", "{:.0f}%",
                   "top left"),
                  ("recovery_after_resume_ms", f"ms ({VT}time)", "back to 90% IOPS after the path answers again", "{:.0f}",
                   "top right"))
        for key, ylabel, title, lab, kpos in panels:
            series = []
            for i, e in enumerate(engs):
                vals = []
                for c in cfgs:
                    x = hsum[c].get(e, {}).get(key)
                    vals.append((x["median"], x["min"], x["max"], lab.format(x["median"])) if x else None)
                series.append((e, ECOL[i % len(ECOL)], vals))
            top = max([v[2] for _, _, vals in series for v in vals if v] + [1])
            group_bars(s, f"hung.{key}", [HUNG_POLICY[c] for c in cfgs], series,
                       max(118, round(top * 1.2)) if key == "hang_pct" else round(top * 1.2 + 1), ylabel, title,
                       key=kpos)
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")


    def fo_cfgs(var):
        return [c for c in ("md" + var, "dm" + var) if c in fo_sum]


    if fo_sum:
        # every round's recovery time, per stack and engine, one row per variant
        rows_of = [(c, e) for c in ("md", "dm") for e in engines]
        vars_ = [v for v in ("err", "admin") if fo_cfgs(v)]
        n = len(rows_of)
        allv = [v for c in fo_sum.values() for x in c.values()
                for key in ("recovery_ms", "recovery_after_reinstate_ms") if x[key] for v in x[key]["runs"]]
        xmax = max(15, max(allv or [0]) + 3)
        s = head(f"failover-recovery-{k}.png", 1300, 330 * len(vars_) + 60)
        s.append(f"set multiplot layout {len(vars_)},2 title "
                 + q("Failover: time until the IOPS are back to 90% of the pre-failure mean (first 50 ms window), "
                     f"every round ({VT}time)\\ndots: rounds; bar: median"))
        for var in vars_:
            for key, what, target in (("recovery_ms", "after the failure", 10),
                                      ("recovery_after_reinstate_ms", "after the reinstate", None)):
                pts, medl = [], []
                for i, (c, e) in enumerate(rows_of):
                    x = fo_sum.get(c + var, {}).get(e)
                    if not x:
                        continue
                    y = n - 1 - i
                    col = int((MDC if c == "md" else DMC)[1:], 16)
                    rr = [x["rounds"][r][key] for r in sorted(x["rounds"], key=int)]
                    for j, v in enumerate(rr):
                        if v is not None:
                            pts.append((v, y + (j - (len(rr) - 1) / 2) * 0.1, col))
                    if x[key]:
                        medl.append((x[key]["median"], y - 0.35, 0, 0.7, col))
                s += [f"set title {q(FO_SHORT[var] + ': ' + what)}",
                      f"set xlabel {q(f'ms ({VT}time) until back to 90% IOPS')}", "unset ylabel",
                      f"set xrange [-0.5:{xmax}]", f"set yrange [-0.6:{n - 0.1}]", "unset key",
                      "set ytics (" + ", ".join(f"{q(STACK[c] + ', ' + e)} {n - 1 - i}"
                                                for i, (c, e) in enumerate(rows_of)) + ")",
                      "set xtics 1", "set grid xtics", "unset arrow", "unset label"]
                if target:
                    s += [f"set arrow 1 from {target}, graph 0 to {target}, graph 1 nohead dt 2 lw 2 lc rgb 'black'",
                          f"set label 1 {q(f'mpathdemo target: {target} ms')} at {target}, graph 1 offset 0.5,-0.8 tc rgb 'black'"]
                plot = []
                if pts:
                    plot.append(f"'{write_rows(f'fo.{var}.{key}.pts', pts)}' using 1:2:3 with points pt 7 ps 1.1 lc rgb variable")
                if medl:
                    plot.append(f"'{write_rows(f'fo.{var}.{key}.med', medl)}' using 1:2:3:4:5 with vectors nohead lw 3 lc rgb variable")
                s.append("plot " + (", ".join(plot) if plot else "NaN notitle"))
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")

    if fo_ser:
        # IOPS in % of the pre-failure mean: the whole run, and zoomed (ms) on
        # the failure and on the reinstate; libaio rounds (or the first engine)
        vars_ = [v for v in ("err", "admin") if fo_cfgs(v)]
        ZOOM = (-60, 160)  # ms around the event
        s = head(f"failover-{k}.png", 1500, 380 * len(vars_) + 40)
        s.append(f"set multiplot layout {len(vars_)},3 title "
                 + q(f"Failover: IOPS in % of the pre-failure mean, every round ({VT}time); path 1 of 4 fails at 0"))
        for var in vars_:
            curves = {"all": [], "fail": [], "back": []}
            tback = None
            for c in fo_cfgs(var):
                eng = "libaio" if "libaio" in fo_ser.get(c, {}) else next(iter(fo_ser.get(c, {})), None)
                if not eng:
                    continue
                col = MDC if c.startswith("md") else DMC
                summ_c = fo_sum[c][eng]
                for j, rnd in enumerate(sorted(fo_ser[c][eng], key=int)):
                    ser = fo_ser[c][eng][rnd]
                    rd = summ_c["rounds"][rnd]
                    base = rd["iops_baseline"]
                    if not base:
                        continue
                    pct = [100 * v / base for v in ser["iops"]]
                    ts = [ser["t0_ms"] + i * ser["bin_ms"] for i in range(len(pct))]
                    tback = rd["tback_rel"]
                    # the whole run: 50 ms moving mean, at the window's middle
                    mov = [(ts[i] + SMOOTH * ser["bin_ms"] / 2, sum(pct[i:i + SMOOTH]) / SMOOTH)
                           for i in range(len(pct) - SMOOTH + 1)]
                    fa = write_rows(f"fo.{c}.{rnd}.all", [(f"{t / 1000:.3f}", f"{v:.1f}") for t, v in mov])
                    fb = write_rows(f"fo.{c}.{rnd}.bins", [(t, f"{v:.1f}") for t, v in zip(ts, pct)])
                    first = j == 0
                    stack = STACK[c[:2]]
                    curves["all"].append(f"'{fa}' using 1:2 with lines lw 1 lc rgb '{col}' "
                                         + (f"title {q(stack)}" if first else "notitle"))
                    for ev, key, t0 in (("fail", "recovery_ms", 0), ("back", "recovery_after_reinstate_ms", tback)):
                        fz = fb if ev == "fail" else write_rows(f"fo.{c}.{rnd}.bins.back",
                                                                [(t - tback, f"{v:.1f}") for t, v in zip(ts, pct)])
                        r = summ_c[key]
                        lab = f"{stack}: {fmt(r, 0)}" if r else stack
                        curves[ev].append(f"'{fz}' using 1:2 with steps lw 1 lc rgb '{col}' "
                                          + (f"title {q(lab)}" if first else "notitle"))
                        if rd[key] is not None:
                            curves[ev].append(f"'{write_rows(f'fo.{c}.{rnd}.{ev}.rec', [(rd[key], 90)])}' using 1:2 "
                                              f"with points pt 13 ps 1.6 lc rgb '{col}' notitle")
            if not curves["all"]:
                continue
            tb = (tback or 0) / 1000
            common = ["set grid", "set yrange [0:130]", "set ytics 10",
                      "set ylabel 'IOPS, % of the pre-failure mean'", "set key bottom right box opaque samplen 2",
                      "unset arrow", "unset label",
                      "set arrow 9 from graph 0, first 90 to graph 1, first 90 nohead dt 2 lw 2 lc rgb 'black'",
                      "set label 9 '90%' at graph 0.01, first 90 offset 0,-0.9 tc rgb 'black'"]
            s += common + [f"set title {q(f'{FO_SHORT[var]}: whole run, {eng} (50 ms mean)')}", "set key notitle",
                           f"set xlabel {q(f's ({VT}time) since the failure')}", "set xtics autofreq", "set xrange [*:*]",
                           "set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 3 lc rgb 'black'",
                           f"set arrow 2 from {tb}, graph 0 to {tb}, graph 1 nohead dt 3 lc rgb 'black'",
                           "set label 1 'fails' at 0, graph 0.97 offset 0.5,0",
                           f"set label 2 'back' at {tb}, graph 0.97 offset 0.5,0",
                           "plot " + ", ".join(curves["all"])]
            for ev, what in (("fail", "zoom on the failure"), ("back", "zoom on the reinstate")):
                s += common + [f"set title {q(f'{FO_SHORT[var]}: {what} (10 ms bins)')}",
                               f"set xlabel {q(f'ms ({VT}time) since the path ' + ('failed' if ev == 'fail' else 'came back'))}",
                               f"set xrange [{ZOOM[0]}:{ZOOM[1]}]", "set xtics 20",
                               "set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 3 lc rgb 'black'",
                               "set label 1 " + q("path fails" if ev == "fail" else "path back") + " at 0, graph 0.97 offset 0.5,0",
                               "set key title " + q("back at 90% after, ms:"),
                               "plot " + ", ".join(curves[ev])
                               + ", keyentry with points pt 13 ps 1.6 lc rgb 'black' title "
                               + q("(each round)"),
                               "set key notitle"]
        s.append("unset multiplot")
        gnuplot("\n".join(s) + "\n")

    shutil.rmtree(tmp, ignore_errors=True)

    if not stable:
        print("report: the self-check failed (raw/raw outside 1.00 +- 0.02 or not run): the method is UNSTABLE",
              file=sys.stderr)
    print(f"report: {args.out}/RESULTS.md and the plots drawn from "
          + (args.json if args.json else f"{args.out}/results/{k}.json"))
    for t in results["targets"]:
        print(f"  {t['target']}: {t['value']} {'' if t['holds'] is None else ('holds' if t['holds'] else 'MISSED')}")
    return stable


if args.json:
    with open(args.json) as f:
        results = json.load(f)
    # the target rows again, with this version's labels: the same numbers
    tg = targets(results)
    # rows this version added or renamed are left out: a JSON written
    # before them does not hold them (the rows both name are compared)
    now = {t["target"]: (t["value"], t["holds"]) for t in tg if t["target"] not in NEW_TARGETS}
    held = {t["target"]: (t["value"], t["holds"]) for t in results.get("targets", [])}
    if any(now[n] != held[n] for n in now if n in held):
        print("report: the targets recomputed from the JSON differ from those it holds", file=sys.stderr)
    results["targets"] = tg
    sys.exit(0 if render(results) else 3)

# ---------------------------------------------------------------- parsing
lines = []
with open(args.log, "rb") as f:
    for raw in f:
        s = raw.decode("utf-8", "replace").replace("\r", "").rstrip("\n")
        s = re.sub(r"^\s*\| ?", "", s)  # guest-run.sh's "  | " prefix
        lines.append(s)

files = {}
events = []
cur = None
buf = []
for s in lines:
    if cur is not None:
        if s.startswith("@@BENCHEND "):
            data = "".join(buf)
            try:
                files[cur] = gzip.decompress(base64.b64decode(data)).decode("utf-8", "replace")
            except Exception as e:  # a corrupted block: note it, go on
                print(f"report: cannot decode {cur}: {e}", file=sys.stderr)
            cur = None
            continue
        if re.fullmatch(r"[A-Za-z0-9+/=]+", s.strip()):
            buf.append(s.strip())
        continue
    m = re.search(r"@@BENCHFILE (\S+)", s)
    if m:
        cur, buf = m.group(1), []
        continue
    m = re.search(r"@@BENCH (.*)", s)
    if m:
        events.append(m.group(1))


def fio_json(name):
    t = files.get(name)
    if t is None:
        return None
    i = t.find("{")  # fio may print notes before the JSON
    try:
        return json.loads(t[i:])
    except Exception as e:
        print(f"report: bad json {name}: {e}", file=sys.stderr)
        return None


def fio_summary(j):
    job = j["jobs"][0]
    rd = job["read"]
    clat = rd.get("clat_ns", {})
    pct = clat.get("percentile", {})
    return {
        "iops": rd["iops"],
        "ios": rd.get("total_ios", 0),
        "errors": job.get("total_err", 0),
        "clat_mean_us": clat.get("mean", 0) / 1e3,
        "clat_p99_us": pct.get("99.000000", 0) / 1e3,
        "clat_max_us": clat.get("max", 0) / 1e3,
        "usr_cpu": job.get("usr_cpu"),
        "sys_cpu": job.get("sys_cpu"),
    }


runs = {}  # (section, cfg, engine, round) -> summary
for ev in events:
    p = ev.split()
    if p[0] != "RUN":
        continue
    sec, cfg, eng, rnd = p[1], p[2], p[3], int(p[4])
    j = fio_json(f"{sec}.{cfg}.{eng}.{rnd}.json")
    if j is None:
        continue
    s = fio_summary(j)
    s["rc"] = int(p[5].split("=")[1])
    kv = dict(x.split("=", 1) for x in p[5:] if "=" in x)
    # guest system + irq + softirq time per I/O (USER_HZ = 100: 10 ms a tick)
    if "ticks" in kv and s["ios"]:
        s["cpu_ns_per_io"] = int(kv["ticks"]) * 1e7 / s["ios"]
    # time per I/O: one job at iodepth 32, so 1 / IOPS (virtual under icount)
    if s["iops"]:
        s["ns_per_io"] = 1e9 / s["iops"]
    s["guest_load"] = " ".join(p[-3:]).replace("load=", "")
    runs[(sec, cfg, eng, rnd)] = s

info = [e[5:] for e in events if e.startswith("INFO ")]
begin = next((e for e in events if e.startswith("BEGIN ")), "")
kver = re.search(r"kernel=(\S+)", begin)
kver = kver.group(1) if kver else "?"
clock = re.search(r"clock=(\S+)", begin)
clock = clock.group(1) if clock else "wall"
engines = sorted({k[2] for k in runs if k[3] > 0}, key=lambda e: (e != "libaio", e))


def ratio(sec, a, b, eng):
    """a/b within each round in which both ran."""
    vals = []
    for (s, c, e, r), v in sorted(runs.items(), key=lambda kv: kv[0][3]):
        if s == sec and c == a and e == eng and r > 0:
            o = runs.get((sec, b, eng, r))
            if o and o["iops"] > 0:
                vals.append(v["iops"] / o["iops"])
    return summ(vals)


def iops_runs(sec, cfg, eng):
    return [runs[k]["iops"] for k in sorted(runs) if k[0] == sec and k[1] == cfg and k[2] == eng and k[3] > 0]


results = {
    "kernel": args.kernel, "kver": kver, "rev": args.rev,
    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "guest": begin, "info": info,
    "clock": clock,
    "note": ("icount: the guest ran in deterministic virtual time (QEMU -icount shift=0, 1 ns per "
             "instruction, one vCPU), each run a fixed number of I/Os; IOPS and ns per I/O are in "
             "virtual time and measure path length (instructions), not contention: atomics and "
             "cache-line bouncing cost nothing extra under TCG"
             if clock == "icount" else
             "wall clock: IOPS depend on the host's load; trust ratios taken within one round only"),
    "sections": {}, "targets": [],
}

if args.load and os.path.exists(args.load):
    ld = [l.split() for l in open(args.load) if l.strip()]
    one = [float(x[1]) for x in ld]
    results["host_load"] = {"samples": len(one), "min": min(one) if one else None,
                            "median": statistics.median(one) if one else None,
                            "max": max(one) if one else None}

# ------------------------------------------------------------- sections
OVR = [("md1/raw", "md1", "raw"), ("md2rr/raw", "md2rr", "raw"),
       ("dmbio/raw", "dmbio", "raw"), ("dmrq/raw", "dmrq", "raw"),
       ("dmrqnone/raw", "dmrqnone", "raw"),
       ("md2rr/dmbio", "md2rr", "dmbio"), ("md2rr/dmrq", "md2rr", "dmrq"),
       ("md2rr/dmrqnone", "md2rr", "dmrqnone")]
UNV = [("mdnuma/mdrr", "mdnuma", "mdrr"), ("mdqd/mdrr", "mdqd", "mdrr"),
       ("dmrr/mdrr", "dmrr", "mdrr"), ("dmql/mdrr", "dmql", "mdrr"),
       ("dmst/mdrr", "dmst", "mdrr"), ("mdqd/dmql", "mdqd", "dmql"),
       ("mdqd/dmst", "mdqd", "dmst"), ("dmql/dmrr", "dmql", "dmrr")]
NVM = [("mdnvme/native", "mdnvme", "native")]
LAT = [("mdlat/mdqd", "mdlat", "mdqd"), ("mdlat/mdrr", "mdlat", "mdrr"), ("mdqd/mdrr", "mdqd", "mdrr")]
REM = [("remap1/ownraw", "remap1", "ownraw"), ("clone1/ownraw", "clone1", "ownraw"),
       ("remap1/clone1", "remap1", "clone1")]
HCR = [("nvhead/nvns", "nvhead", "nvns"), ("mdnvns/nvns", "mdnvns", "nvns"), ("mdnvns/nvhead", "mdnvns", "nvhead")]
ADP = [("adlat/adqd", "adlat", "adqd"), ("adlat/adrr", "adlat", "adrr"), ("adqd/adrr", "adqd", "adrr"),
       ("adlat/adnuma", "adlat", "adnuma")]

for sec, table in (("overhead", OVR), ("remap", REM), ("uneven", UNV), ("nvme", NVM), ("latency", LAT),
                   ("headcost", HCR), ("adaptive", ADP)):
    d = {"ratios": {}, "runs": {}}
    for name, a, b in table:
        for e in engines:
            r = ratio(sec, a, b, e)
            if r:
                d["ratios"].setdefault(name, {})[e] = r
    for (s, c, e, rnd), v in sorted(runs.items()):
        if s == sec:
            d["runs"].setdefault(c, {}).setdefault(e, []).append(
                dict(round=rnd, **{k: (round(x, 2) if isinstance(x, float) else x) for k, x in v.items()}))
    if d["ratios"] or d["runs"]:
        results["sections"][sec] = d

# per configuration: IOPS, time and CPU per I/O, median (min-max) over rounds
percfg = {}
for (sec, cfg, eng, rnd), v in runs.items():
    if rnd > 0:
        percfg.setdefault(sec, {}).setdefault(cfg, {}).setdefault(eng, []).append(v)
for sec, byc in percfg.items():
    for cfg, bye in byc.items():
        for eng, vs in bye.items():
            bye[eng] = {k: summ([x.get(k) for x in vs]) for k in ("iops", "ns_per_io", "cpu_ns_per_io")}
results["per_config"] = percfg

# The method's self-check: raw and rawB are the same configuration, run in
# the same rounds; every round's ratio must be 1.00 +- 0.02.
selfcheck = {}
for e in engines:
    r = ratio("overhead", "raw", "rawB", e)
    if r:
        selfcheck[e] = dict(r, stable=all(abs(x - 1) <= 0.02 for x in r["runs"]))
results["selfcheck"] = selfcheck

# path distribution of mpathdemo runs (submitted per path)
pathstats = {}
for ev in events:
    if ev.startswith("PATHSTATS "):
        p = ev.split()
        kv = dict(zip(p[3::2], p[4::2]))
        pathstats.setdefault(p[1], {})[p[2]] = kv
results["pathstats"] = pathstats


def fast_share(cfg, eng, sec="uneven"):
    """share of I/O sent to p0 (the fast path) in the runs of @sec"""
    vals = []
    for lab, paths in pathstats.items():
        p = lab.split(".")
        if len(p) == 4 and p[0] == sec and p[1] == cfg and p[2] == eng and "p0" in paths:
            tot = sum(int(x.get("submitted", 0)) for x in paths.values())
            if tot:
                vals.append(int(paths["p0"]["submitted"]) / tot)
    return summ(vals)


results["uneven_fast_share"] = {c: {e: fast_share(c, e) for e in engines}
                                for c in ("mdnuma", "mdrr", "mdqd")}
results["latency_fast_share"] = {c: {"libaio": fast_share(c, "libaio", "latency")}
                                 for c in ("mdlat", "mdqd", "mdrr")}
if "adaptive" in results["sections"]:
    results["adaptive_fast_share"] = {c: {e: fast_share(c, e, "adaptive") for e in engines}
                                      for c in ADAPT_CFGS}
if head_costs(results):
    results["head_cost"] = head_costs(results)
allocs = {}
for ev in events:
    if ev.startswith("ALLOCS "):
        p = ev.split()
        allocs[p[1]] = int(p[2]) / int(p[3]) if int(p[3]) else None
results["allocs_per_io"] = allocs

# scale: memory, create and teardown time, selection cost with 64 paths
scale = {}
for ev in events:
    if ev.startswith("SCALE "):
        p = ev.split()
        scale[p[1]] = {k: int(v) for k, v in (x.split("=", 1) for x in p[2:] if "=" in x)}
if scale:
    heads, paths = scale.get("heads"), scale.get("paths")
    if heads and heads["n"]:
        scale["per_head_bytes"] = heads["free_kb"] * 1024 / heads["n"]
    if paths and paths["n"]:
        # the head of these paths is one more head: left out
        scale["per_path_bytes"] = (paths["free_kb"] * 1024 - scale.get("per_head_bytes", 0)) / paths["n"]
        # Percpu counts each per-CPU allocation once per possible CPU (the
        # guest says how many it has; 1 before it said): the part that
        # grows with the CPUs
        ncpu = paths.get("cpus_possible") or 1
        scale["cpus_possible"] = ncpu
        scale["per_path_percpu_bytes_per_cpu"] = paths["percpu_kb"] * 1024 / paths["n"] / ncpu
        scale["per_path_bytes_at_256_cpus"] = (scale["per_path_bytes"]
                                               + (256 - ncpu) * scale["per_path_percpu_bytes_per_cpu"])
    # the traced disable of a few heads of one path: level, function,
    # calls, mean us (bench/guest, _scale_teardown_trace)
    tdp = []
    for ev in events:
        if ev.startswith("TDPROF "):
            p = ev.split()
            if len(p) == 7:  # level caller function calls mean_us heads
                tdp.append({"level": int(p[1]), "caller": p[2], "fn": p[3], "calls": int(p[4]),
                            "mean_us": float(p[5]), "heads": int(p[6])})
    if tdp:
        # the call tree: each function after its caller, the biggest first
        def subtree(lv, caller):
            kids = sorted((x for x in tdp if x["level"] == lv and x["caller"] == caller),
                          key=lambda x: -x["calls"] * x["mean_us"])
            return [y for x in kids for y in [x] + subtree(lv + 1, x["fn"])]
        scale["teardown_trace"] = subtree(1, "-")
    for pol in ("queue-depth", "round-robin", "numa"):
        r = ratio("scale", "p64" + pol, "p2" + pol, "libaio")
        if r:
            # cost per I/O is 1/IOPS: 64 paths / 2 paths
            scale.setdefault("cost_64_over_2", {})[pol] = summ([1 / x for x in r["runs"]])
    results["sections"]["scale"] = scale
prof = {}
for ev in events:
    if ev.startswith("PROFILE "):
        p = ev.split()
        if len(p) == 5:
            prof.setdefault(p[1], {})[p[2]] = {"calls": int(p[3]), "mean_us": float(p[4])}
if prof:
    results["sections"]["profile"] = {
        "method": "ftrace function_graph, max depth 2, on the entry points, 1 s libaio run; "
                  "mean duration (us, inflated by tracing under TCG) and count of each direct callee; "
                  "TOTAL:<fn> is the entry point itself",
        "stacks": prof}
results["dmstatus"] = {e.split()[1]: " ".join(e.split()[2:]) for e in events if e.startswith("DMSTATUS ")}

# ------------------------------------------------------------- failover
fotimes = {}
for ev in events:
    if ev.startswith("FOTIME "):
        p = ev.split()
        fotimes[p[1]] = {k: int(v) for k, v in (x.split("=") for x in p[2:])}


def read_log(text):
    out = []
    for l in text.splitlines():
        f = [x.strip() for x in l.split(",")]
        if len(f) >= 2 and f[0].isdigit():
            out.append((int(f[0]), float(f[1])))
    return out


def rate_bins(samples, bins):
    """fio logs an IOPS sample when a completion finds the averaging time
    elapsed: the value is the rate over the time since the previous sample.
    Spread it over that interval, in BIN ms bins (zero where nothing ran).
    A gap of more than GAP ms between two samples is a stall (nothing
    completed, so nothing was logged): the sample that ends it is the rate
    of the completions that ended it, over its last BIN ms only (spread
    over the whole gap, a hung path's 32 held bios finishing at once
    would read as tens of thousands of IOPS through the hang)."""
    prev = None
    for ts, v in sorted(samples):
        if prev is None or ts - prev > GAP:
            prev = ts - BIN
        a, b = prev, ts
        t = a
        while t < b:
            e = min(b, (t // BIN + 1) * BIN)
            bins[t // BIN] = bins.get(t // BIN, 0.0) + v * (e - t) / BIN
            t = e
        prev = ts


def failover_analysis(name, hung=False):
    ft = fotimes.get(name)
    j = fio_json(name + ".json")
    if not ft or j is None:
        return None
    s = fio_summary(j)
    bins = {}
    for jn in (1, 2):
        t = files.get(f"{name}.iops.{jn}")
        if t is not None:
            rate_bins(read_log(t), bins)
    lat = {}
    for jn in (1, 2):
        t = files.get(f"{name}.clat.{jn}")
        if t is None:
            continue
        for ts, v in read_log(t):
            lat[ts // BIN] = max(lat.get(ts // BIN, 0), v)
    if not bins:
        return None
    b0, b1 = min(bins), max(bins)
    series = [(b * BIN, bins.get(b, 0.0)) for b in range(b0, b1 + 1)]
    tfail = ft["fail"] // 1000
    tback = ft["back"] // 1000
    tstart = ft["start"] // 1000
    steady = [v for t, v in series if tstart + WARM <= t < tfail]
    base = statistics.mean(steady) if steady else 0
    vals = [v for _, v in series]
    mov = []  # SMOOTH-bin moving mean, by window start
    for i in range(len(series) - SMOOTH + 1):
        mov.append((series[i][0], sum(vals[i:i + SMOOTH]) / SMOOTH))
    # the first 50 ms window starting at or after the failure that is back
    # at 90% of the pre-failure mean: how long the failure held I/O down
    rec = next((max(0, t - tfail) for t, m in mov if t >= tfail and m >= 0.9 * base), None)
    recb = next((max(0, t - tback) for t, m in mov if t >= tback and m >= 0.9 * base), None)
    pre = [m for t, m in mov if tstart + WARM <= t < tfail - SMOOTH * BIN]
    noise = (sum(1 for m in pre if m < 0.9 * base) / len(pre)) if pre else None
    first_s = [v for t, v in series if tfail <= t < tfail + 1000]
    dip = [m for t, m in mov if tfail <= t < tfail + 1000]

    def latmax(a, b):
        return max([x for k, x in lat.items() if a <= k * BIN < b] or [0]) / 1e3

    steady_max = [v for k, v in lat.items() if tstart + WARM <= k * BIN < tfail]
    key = tuple(name.split(".")[0:3]) + (int(name.split(".")[3]),)
    if hung:
        # the hang: from the moment the delay table is live to the moment
        # the linear one is asked back
        during = [v for t, v in series if ft["failed"] // 1000 <= t < tback]
        tfin = ft["backed"] // 1000
        return {
            "errors": s["errors"], "rc": runs.get(key, {}).get("rc"),
            "iops_baseline": base,
            "hang_pct": round(100 * statistics.mean(during) / base, 1) if during and base else None,
            "held_on_hung_path": hungqd.get(name, {}).get("p0"),
            "in_flight_other_path": hungqd.get(name, {}).get("p1"),
            "recovery_ms": rec,
            "recovery_after_resume_ms": next((max(0, t - tfin) for t, m in mov if t >= tfin and m >= 0.9 * base), None),
            "clat_max_run_us": s["clat_max_us"],
            "clat_p99_run_us": s["clat_p99_us"],
            "cmd_ms": {"hang": (ft["failed"] - ft["fail"]) / 1e3, "resume": (ft["backed"] - ft["back"]) / 1e3},
            "hang_ms": tback - ft["failed"] // 1000,
        }
    return {
        "errors": s["errors"], "rc": runs.get(key, {}).get("rc"),
        "iops_baseline": base,
        "recovery_ms": rec,
        "recovery_after_reinstate_ms": recb,
        "first_second_pct": round(100 * statistics.mean(first_s) / base, 1) if first_s and base else None,
        "dip_min_pct": round(100 * min(dip) / base, 1) if dip and base else None,
        "steady_windows_below_90pct": round(noise, 3) if noise is not None else None,
        "clat_p99_run_us": s["clat_p99_us"],
        "clat_max_run_us": s["clat_max_us"],
        "clat_max_fail_us": latmax(tfail - 100, tfail + 1000),
        "clat_max_reinstate_us": latmax(tback - 100, tback + 1000),
        "clat_winmax_steady_median_us": statistics.median(steady_max) / 1e3 if steady_max else None,
        "cmd_ms": {"fail": (ft["failed"] - ft["fail"]) / 1e3, "back": (ft["backed"] - ft["back"]) / 1e3},
        "series": [(t - tfail, v) for t, v in series],
        "tback_rel": tback - tfail,
        "tstart_rel": tstart - tfail,
    }


hungqd = {}
for ev in events:
    if ev.startswith("HUNGQD "):
        p = ev.split()
        hungqd[p[1]] = {k: int(v) for k, v in (x.split("=", 1) for x in p[2:] if "=" in x)}

fo = {}
for name in sorted(n for n in fotimes if n.startswith("failover.")):
    _, cfg, eng, rnd = name.split(".")
    a = failover_analysis(name)
    if a:
        fo.setdefault(cfg, {}).setdefault(eng, {})[int(rnd)] = a
if fo:
    fsum = {}
    fser = {}
    for cfg, byeng in fo.items():
        for eng, byr in byeng.items():
            keys = ["errors", "recovery_ms", "recovery_after_reinstate_ms", "first_second_pct", "dip_min_pct",
                    "clat_max_fail_us", "clat_p99_run_us", "clat_max_run_us", "steady_windows_below_90pct",
                    "clat_max_reinstate_us"]
            e = {}
            for k in keys:
                vals = [byr[r][k] for r in sorted(byr) if byr[r][k] is not None]
                e[k] = summ(vals)
            e["spike_over_p99"] = summ([byr[r]["clat_max_fail_us"] / byr[r]["clat_p99_run_us"]
                                        for r in sorted(byr) if byr[r]["clat_p99_run_us"]])
            e["never_recovered_rounds"] = [r for r in sorted(byr) if byr[r]["recovery_ms"] is None]
            e["rounds"] = {r: {k: v for k, v in byr[r].items() if k != "series"} for r in sorted(byr)}
            fsum.setdefault(cfg, {})[eng] = e
            # the IOPS of each round in BIN ms bins, from t0_ms after the
            # failure: what the timeline plots are drawn from
            for r in sorted(byr):
                ser = byr[r]["series"]
                fser.setdefault(cfg, {}).setdefault(eng, {})[r] = {
                    "t0_ms": ser[0][0], "bin_ms": BIN, "iops": [round(v) for _, v in ser]}
    results["sections"]["failover"] = {
        "method": "fio iops logs (10 ms averaging; each sample spread over the time since the previous "
                  "one) summed over both jobs into 10 ms bins; baseline = mean from "
                  f"{WARM} ms after I/O started to the failure; recovery = start of the first 50 ms "
                  "window at or after the failure "
                  "whose mean IOPS is >= 90% of baseline, minus the failure time; first-second = mean "
                  "IOPS over the 1 s after the failure, % of baseline; latency = "
                  "max completion latency (fio clat log, per-10 ms max) from 100 ms before to 1 s after "
                  "the failure, vs the run's p99",
        "summary": fsum,
        "series": fser,
    }

# ------------------------------------------------------------- hung path
hung = {}
for name in sorted(n for n in fotimes if n.startswith("hung.")):
    _, cfg, eng, rnd = name.split(".")
    a = failover_analysis(name, hung=True)
    if a:
        hung.setdefault(cfg, {}).setdefault(eng, {})[int(rnd)] = a
if hung:
    hsum = {}
    for cfg in HUNG_CFGS:
        for eng, byr in sorted(hung.get(cfg, {}).items()):
            e = {k: summ([byr[r][k] for r in sorted(byr) if byr[r][k] is not None])
                 for k in ("errors", "hang_pct", "held_on_hung_path", "in_flight_other_path", "recovery_ms",
                           "recovery_after_resume_ms", "clat_max_run_us", "clat_p99_run_us", "hang_ms")}
            e["never_recovered_rounds"] = [r for r in sorted(byr) if byr[r]["recovery_after_resume_ms"] is None]
            e["rounds"] = {r: byr[r] for r in sorted(byr)}
            hsum.setdefault(cfg, {})[eng] = e
    results["sections"]["hung"] = {
        "method": "fio iops logs in 10 ms bins as in the failover section; baseline = mean from "
                  f"{WARM} ms after I/O started to the hang; during the hang = mean IOPS from the moment the "
                  "delay table is live to the moment the linear table is asked back, % of baseline; held = bios "
                  "in flight on the hung path (p0) as the hang ends; back to 90% = start of the first 50 ms window "
                  "whose mean IOPS is >= 90% of baseline, after the hang began and after the path answers again "
                  "(the linear table is live)",
        "summary": hsum,
    }
results["targets"] = targets(results)
os.makedirs(os.path.join(args.out, "results"), exist_ok=True)
dump_json(results, os.path.join(args.out, "results", f"{args.kernel}.json"))
print(f"report: {len(runs)} fio runs, {sum(n.startswith('failover.') for n in fotimes)} failover runs, "
      f"{sum(n.startswith('hung.') for n in fotimes)} hung-path runs -> {args.out}/results/{args.kernel}.json")
# the report is drawn from what the JSON holds, as with --json
sys.exit(0 if render(json.loads(json.dumps(results))) else 3)
