#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reduce the serial log of a "make bench" guest into results.

Writes <out>/results/<kernel>.json (every ratio with the per-round values
it comes from), <out>/RESULTS.md (tables) and gnuplot PNGs in <out>/.
Ratios are taken within one round (the configurations of a round run
back to back), then summarised over the rounds as median and min-max.
"""
import argparse
import base64
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("--kernel", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--load", default="")
ap.add_argument("--rev", default="unknown")
ap.add_argument("--out", required=True)
args = ap.parse_args()

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


def summ(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
            "runs": [round(v, 4) for v in vals]}


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

for sec, table in (("overhead", OVR), ("remap", REM), ("uneven", UNV), ("nvme", NVM), ("latency", LAT)):
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
stable = bool(selfcheck) and all(v["stable"] for v in selfcheck.values())

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
        # Percpu counts each per-CPU allocation once per possible CPU, and
        # the guest has one: this is the part that grows with the CPUs
        scale["per_path_percpu_bytes_per_cpu"] = paths["percpu_kb"] * 1024 / paths["n"]
        scale["per_path_bytes_at_256_cpus"] = (scale["per_path_bytes"]
                                               + 255 * scale["per_path_percpu_bytes_per_cpu"])
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


BIN = 10      # ms, fio log_avg_msec
SMOOTH = 5    # bins: 50 ms moving mean
WARM = 500    # ms after the I/O started before the baseline is taken


def rate_bins(samples, bins):
    """fio logs an IOPS sample when a completion finds the averaging time
    elapsed: the value is the rate over the time since the previous sample.
    Spread it over that interval, in BIN ms bins (zero where nothing ran)."""
    prev = None
    for ts, v in sorted(samples):
        if prev is None:
            prev = ts - BIN
        a, b = prev, ts
        t = a
        while t < b:
            e = min(b, (t // BIN + 1) * BIN)
            bins[t // BIN] = bins.get(t // BIN, 0.0) + v * (e - t) / BIN
            t = e
        prev = ts


def failover_analysis(name):
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
    key = ("failover",) + tuple(name.split(".")[1:3]) + (int(name.split(".")[3]),)
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
    }


fo = {}
for name in sorted(fotimes):
    _, cfg, eng, rnd = name.split(".")
    a = failover_analysis(name)
    if a:
        fo.setdefault(cfg, {}).setdefault(eng, {})[int(rnd)] = a
if fo:
    fsum = {}
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
    results["sections"]["failover"] = {
        "method": "fio iops logs (10 ms averaging; each sample spread over the time since the previous "
                  "one) summed over both jobs into 10 ms bins; baseline = mean from 1 s after I/O started "
                  "to the failure; recovery = start of the first 50 ms window at or after the failure "
                  "whose mean IOPS is >= 90% of baseline, minus the failure time; first-second = mean "
                  "IOPS over the 1 s after the failure, % of baseline; latency = "
                  "max completion latency (fio clat log, per-10 ms max) from 100 ms before to 1 s after "
                  "the failure, vs the run's p99",
        "summary": fsum,
    }

# ------------------------------------------------------------- targets
def tgt(name, val, thr, holds_if):
    if val is None:
        results["targets"].append({"target": name, "value": None, "holds": None})
        return
    results["targets"].append({"target": name, "value": round(val, 3), "threshold": thr,
                               "holds": bool(holds_if(val, thr))})


ge = lambda v, t: v >= t
le = lambda v, t: v <= t
ovr = results["sections"].get("overhead", {}).get("ratios", {})
unv = results["sections"].get("uneven", {}).get("ratios", {})


def med(d, name, e):
    return d.get(name, {}).get(e, {}).get("median")


def missing(name, why):
    results["targets"].append({"target": name, "value": None, "holds": False, "why": why})


for e in engines:
    tgt(f"1 path / raw null_blk >= 0.97 ({e})", med(ovr, "md1/raw", e), 0.97, ge)
rem = results["sections"].get("remap", {}).get("ratios", {})
for e in engines:
    tgt(f"no-clone (remap) mode, 1 path / raw >= 0.99 ({e})", med(rem, "remap1/ownraw", e), 0.99, ge)
tgt("2 paths rr / dm-multipath bio >= 1.20 (libaio)", med(ovr, "md2rr/dmbio", "libaio"), 1.20, ge)
tgt("2 paths rr / dm-multipath request mode, scheduler none >= 1.50 (libaio)",
    med(ovr, "md2rr/dmrqnone", "libaio"), 1.50, ge)
tgt("uneven: queue-depth / round-robin >= 2.0 (libaio)", med(unv, "mdqd/mdrr", "libaio"), 2.0, ge)
fsh = results["uneven_fast_share"].get("mdqd", {}).get("libaio")
tgt("uneven: queue-depth sends >= 95% of I/O to the fast path (libaio)", fsh["median"] if fsh else None, 0.95, ge)
lat = results["sections"].get("latency", {}).get("ratios", {})
tgt("latency policy / queue-depth, paths of 4x different latency >= 1.4 (libaio)",
    med(lat, "mdlat/mdqd", "libaio"), 1.4, ge)
for cfg in sorted(fo):
    if not cfg.startswith("md"):
        continue
    for e in sorted(fo[cfg]):
        fs = results["sections"]["failover"]["summary"][cfg][e]
        tgt(f"failover {cfg}: fio errors == 0 ({e})", fs["errors"]["max"] if fs["errors"] else None, 0, le)
        worst = None if fs["never_recovered_rounds"] else (fs["recovery_ms"]["max"] if fs["recovery_ms"] else None)
        tgt(f"failover {cfg}: back to 90% IOPS within 10 ms, worst round ({e})", worst, 10, le)
sc = results["sections"].get("scale", {})
qd = sc.get("cost_64_over_2", {}).get("queue-depth")
tgt("64 paths: queue-depth cost per I/O / 2 paths <= 1.5 (libaio)", qd["median"] if qd else None, 1.5, le)
mp = sc.get("per_path_bytes_at_256_cpus")
tgt("memory per path at 256 CPUs <= 4096 bytes (measured at 1 CPU + 255 x its per-CPU part)", mp, 4096, le)
for e, v in selfcheck.items():
    tgt(f"same configuration A/B (raw/raw) = 1.00 +- 0.02, every round ({e})",
        max(abs(x - 1) for x in v["runs"]) + 1, 1.02, le)

os.makedirs(os.path.join(args.out, "results"), exist_ok=True)
with open(os.path.join(args.out, "results", f"{args.kernel}.json"), "w") as f:
    json.dump(results, f, indent=1, sort_keys=False)
    f.write("\n")

# ------------------------------------------------------------- markdown
def fmt(s, nd=2):
    if not s:
        return "–"
    return f"{s['median']:.{nd}f} ({s['min']:.{nd}f}–{s['max']:.{nd}f})"


md = []
md.append(f"# Benchmark results: kernel {args.kernel} ({kver})\n")
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
md.append(f"Generated by `make bench KERNEL={args.kernel}` from tree `{args.rev}` on {results['date']}. "
          + method +
          "Configurations run back to back in each round, order rotated each round; ratios are taken "
          "within a round, then summarised as median (min–max) over the rounds.\n")
sc = results["selfcheck"]
if sc:
    md.append("**Self-check** (raw null_blk run twice per round as A and B, must be 1.00 ± 0.02 in every round): "
              + ", ".join(f"{e} {fmt(v, 4)} {'stable' if v['stable'] else '**UNSTABLE**'}" for e, v in sc.items())
              + ".\n")
else:
    md.append("**Self-check**: not run (no overhead section), so nothing here is known to be stable.\n")
md.append(f"Guest: `{begin}`\n")

md.append("## Targets\n\n| Target | Measured | Holds |\n|---|---|---|")
for t in results["targets"]:
    v = t.get("why", "–") if t["value"] is None else t["value"]
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
}


def ratio_table(title, sec, text):
    d = results["sections"].get(sec)
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
         "dmst": "dm-multipath service-time", "rawfast": "fast path alone", "rawslow": "slow path alone",
         "mderr": "mpathdemo, path error", "mdadmin": "mpathdemo, path failed by admin",
         "dmerr": "dm-multipath, path error", "dmadmin": "dm-multipath, path failed by admin"}


def config_table(sec):
    pc = results["per_config"].get(sec)
    if not pc:
        return
    unit = "virtual " if clock == "icount" else ""
    md.append(f"| configuration | engine | IOPS ({unit}time) | {unit}ns per I/O | guest sys+irq+softirq ns per I/O |")
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


ratio_table("1. Overhead", "overhead",
            "Paths are two null_blk devices (module defaults: softirq completion, no latency); raw is "
            "nullb0 alone. dm-multipath tables as in TESTING.md §8 (`round-robin 0 2 1 …`), created and "
            "removed around each run so that every stack uses the same two paths.")
config_table("overhead")
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
ratio_table("3. Uneven paths", "uneven",
            "Path 0 is a fast null_blk (nullb0, NUMA node 0 for mpathdemo), path 1 a null_blk with "
            "`irqmode=2 completion_nsec` (the slow path, node 1). dm-multipath in bio mode (the "
            "comparable stack).")
config_table("uneven")
fast_share_line("uneven_fast_share")
ratio_table("3b. Paths of 4x different latency", "latency",
            "Two null_blk paths completing by timer (`irqmode=2`) after `lat_ns` and 4 x `lat_ns`, "
            "without queueing of their own, both on node 0; mpathdemo's latency policy against its "
            "queue-depth and round-robin at fio's fixed depth (all I/O on the fast path is the best split).")
config_table("latency")
fast_share_line("latency_fast_share")
fs = results["sections"].get("failover")
if fs:
    md.append("## 4. Failover timeline\n")
    ft = list(fotimes.values())
    after = statistics.median([(x["fail"] - x["start"]) / 1e6 for x in ft]) if ft else 0
    back = statistics.median([(x["back"] - x["fail"]) / 1e6 for x in ft]) if ft else 0
    md.append("Four 64 MiB null_blk paths (configfs), round-robin on both stacks (dm-multipath in bio mode). "
              f"Path 1 fails {after:.1f} s after the I/O starts and comes back {back:.1f} s later"
              + (" (virtual time)" if clock == "icount" else "") + ". "
              "*err*: the whole of path 1 becomes null_blk bad blocks, so every read on it fails with EIO "
              "at once (no table swap, no suspend): the stack must see the error and fail over by itself; "
              "when it comes back the bad blocks are cleared and the path reinstated (mpathdemo `fault none`, dm "
              "`reinstate_path`). *admin*: the path is failed administratively (mpathdemo `fault fail`, "
              "which also fails the bios in flight like a pulled cable; dm `fail_path` message). "
              + fs["method"] + ".\n")
    md.append("| Stack / variant | engine | fio errors | back to 90% after failure (ms) | IOPS in the 1 s after failure (% of baseline) | back to 90% after reinstate (ms) | max clat around failure (ms) | run p99 clat (ms) | max / p99 | steady 50 ms windows < 90% |")
    md.append("|---|---|---|---|---|---|---|---|---|---|")
    for cfg in sorted(fs["summary"]):
        for e in engines:
            x = fs["summary"][cfg].get(e)
            if not x:
                continue
            ms = lambda s: None if not s else {k: (v / 1e3 if isinstance(v, (int, float)) else [y / 1e3 for y in v]) for k, v in s.items()}
            nr = f" (never in rounds {x['never_recovered_rounds']})" if x["never_recovered_rounds"] else ""
            md.append(f"| {NAMES.get(cfg, cfg)} | {e} | {fmt(x['errors'], 0)} | {fmt(x['recovery_ms'], 0)}{nr} | {fmt(x['first_second_pct'], 0)} | "
                      f"{fmt(x['recovery_after_reinstate_ms'], 0)} | {fmt(ms(x['clat_max_fail_us']), 1)} | {fmt(ms(x['clat_p99_run_us']), 1)} | "
                      f"{fmt(x['spike_over_p99'])} | {fmt(x['steady_windows_below_90pct'])} |")
    md.append("\n![IOPS across the failover](failover-%s.png)\n" % args.kernel)
if "uneven" in results["sections"]:
    md.append("![Uneven paths per policy](uneven-%s.png)\n" % args.kernel)
if "overhead" in results["sections"]:
    md.append("![Overhead](overhead-%s.png)\n" % args.kernel)
if prof:
    md.append("## 5. Where the time goes (ftrace)\n\n" + results["sections"]["profile"]["method"] + ".\n")
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
              "not clock dependent): " + ", ".join(f"{NAMES.get(k, k)} {v:.2f}" for k, v in allocs.items() if v is not None) + ".\n")
sc = results["sections"].get("scale")
if sc:
    md.append("## 6. Scale\n")
    md.append("Configfs null_blk devices (not memory backed); the devices' own memory is measured before the "
              "heads are made and left out. Memory from `/proc/meminfo` deltas (MemFree, all of it: the "
              "library and mpathdemo's configfs and sysfs objects; Percpu for the part that grows with the "
              "number of CPUs, the guest has one). Times in "
              + ("virtual" if clock == "icount" else "wall") + " time, through configfs from a shell.\n")
    b, m = sc.get("paths"), sc.get("heads")
    if b:
        md.append(f"- one head, {b['n']} paths: created in {b['create_us'] / 1e3:.1f} ms, torn down in "
                  f"{sc.get('teardown_paths', {}).get('us', 0) / 1e3:.1f} ms")
    if m:
        md.append(f"- {m['n']} heads of one path: created in {m['create_us'] / 1e3:.1f} ms, torn down in "
                  f"{sc.get('teardown_heads', {}).get('us', 0) / 1e3:.1f} ms")
    if "per_head_bytes" in sc:
        md.append(f"- memory per head (with its one path): {sc['per_head_bytes']:.0f} bytes")
    if "per_path_bytes" in sc:
        md.append(f"- memory per path: {sc['per_path_bytes']:.0f} bytes at 1 CPU, of which "
                  f"{sc['per_path_percpu_bytes_per_cpu']:.0f} per CPU; at 256 CPUs about "
                  f"{sc['per_path_bytes_at_256_cpus']:.0f} bytes")
    for pol, v in sc.get("cost_64_over_2", {}).items():
        md.append(f"- {pol}: cost per I/O with 64 paths / with 2 paths {fmt(v)}")
    md.append("")
if info:
    md.append("## Run notes\n\n" + "\n".join(f"- `{i}`" for i in info) + "\n")

with open(os.path.join(args.out, "RESULTS.md"), "w") as f:
    f.write("\n".join(md) + "\n")

# ------------------------------------------------------------- plots
def gnuplot(script):
    try:
        subprocess.run(["gnuplot"], input=script.encode(), check=True)
    except Exception as e:
        print(f"report: gnuplot failed: {e}", file=sys.stderr)


tmp = tempfile.mkdtemp(prefix="bench-plot.")
k = args.kernel
if fo:
    # every round of each stack, aligned at the failure (t = 0)
    plots = []
    for var in ("err", "admin"):
        cur = []
        tback = None
        for sys_ in ("md", "dm"):
            cfg = sys_ + var
            eng = "libaio" if "libaio" in fo.get(cfg, {}) else next(iter(fo.get(cfg, {})), None)
            if not eng:
                continue
            for i, rnd in enumerate(sorted(fo[cfg][eng])):
                a = fo[cfg][eng][rnd]
                fn = os.path.join(tmp, f"{cfg}.{rnd}.dat")
                with open(fn, "w") as f:
                    ser = a["series"]
                    for j in range(len(ser) - SMOOTH + 1):
                        t = ser[j][0] + SMOOTH * BIN / 2
                        v = sum(x[1] for x in ser[j:j + SMOOTH]) / SMOOTH
                        f.write(f"{t / 1000:.3f} {100 * v / a['iops_baseline'] if a['iops_baseline'] else 0:.1f}\n")
                label = (("mpathdemo" if sys_ == "md" else "dm-multipath bio") + f" ({eng})") if i == 0 else ""
                color = "#1f77b4" if sys_ == "md" else "#d62728"
                cur.append(f"'{fn}' using 1:2 with lines lc rgb '{color}' title '{label}'"
                           if label else f"'{fn}' using 1:2 with lines lc rgb '{color}' notitle")
                tback = a["tback_rel"] / 1000
        if cur:
            plots.append((var, cur, tback))
    unit = "virtual " if clock == "icount" else ""
    s = [f"set terminal pngcairo noenhanced size 1100,{380 * max(1, len(plots))} font ',10'",
         f"set output '{os.path.join(args.out, f'failover-{k}.png')}'",
         f"set multiplot layout {max(1, len(plots))},1",
         "set grid", f"set xlabel '{unit}time since the path failure (s), every round'",
         "set ylabel 'IOPS, % of pre-failure mean (50 ms mean)'",
         "set yrange [0:130]", "set key outside right top"]
    for var, cur, tback in plots:
        s.append(f"set title 'Failover ({var}): path 1 of 4 fails at 0 s, back at {tback:.1f} s'")
        s.append("set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2")
        s.append(f"set arrow 2 from {tback}, graph 0 to {tback}, graph 1 nohead dt 2")
        s.append("plot " + ", ".join(cur) + ", 90 with lines dt 2 lw 2 lc rgb 'black' title '90%'")
    s.append("unset multiplot")
    gnuplot("\n".join(s) + "\n")


def bars(sec, cfgs, labels, base, fname, title, ylabel):
    d = results["sections"].get(sec)
    if not d:
        return
    fn = os.path.join(tmp, f"{sec}.dat")
    with open(fn, "w") as f:
        f.write("# cfg " + " ".join(f"{e} {e}_min {e}_max" for e in engines) + "\n")
        for c in cfgs:
            row = [labels[c]]
            for e in engines:
                r = ratio(sec, c, base, e) if c != base else summ([1.0])
                row += ([f"{r['median']:.3f}", f"{r['min']:.3f}", f"{r['max']:.3f}"] if r else ["0", "0", "0"])
            f.write(" ".join(row) + "\n")
    cols = []
    for i, e in enumerate(engines):
        c = 2 + 3 * i
        cols.append(f"'{fn}' using {c}:{c + 1}:{c + 2}:xtic(1) title '{e}'")
    gnuplot("\n".join([
        "set terminal pngcairo noenhanced size 1000,420 font ',10'",
        f"set output '{os.path.join(args.out, fname)}'",
        f"set title '{title}'", f"set ylabel '{ylabel}'",
        "set style data histogram", "set style histogram errorbars gap 2 lw 1",
        "set style fill solid 0.6 border -1", "set yrange [0:*]", "set grid ytics",
        "set key outside right top", "set xtics rotate by -15",
        "plot " + ", ".join(cols)]) + "\n")


bars("uneven", ["mdnuma", "mdrr", "mdqd", "dmrr", "dmql", "dmst"],
     {"mdnuma": "mpathdemo-numa", "mdrr": "mpathdemo-round-robin", "mdqd": "mpathdemo-queue-depth",
      "dmrr": "dm-round-robin", "dmql": "dm-queue-length", "dmst": "dm-service-time"},
     "mdrr", f"uneven-{k}.png", "Uneven paths (one slow): IOPS relative to mpathdemo round-robin, median and min-max",
     "ratio to mpathdemo round-robin")
bars("overhead", ["raw", "md1", "md2rr", "dmbio", "dmrq", "dmrqnone"],
     {"raw": "raw-null_blk", "md1": "mpathdemo-1-path", "md2rr": "mpathdemo-2-paths-rr",
      "dmbio": "dm-mpath-bio", "dmrq": "dm-mpath-rq", "dmrqnone": "dm-mpath-rq-none"},
     "raw", f"overhead-{k}.png", "Overhead: IOPS relative to raw null_blk, median and min-max", "ratio to raw null_blk")

if not stable:
    print("report: the self-check failed (raw/raw outside 1.00 +- 0.02 or not run): the method is UNSTABLE",
          file=sys.stderr)
print(f"report: {len(runs)} fio runs, {len(fotimes)} failover runs -> {args.out}/results/{k}.json, RESULTS.md")
for t in results["targets"]:
    print(f"  {t['target']}: {t['value']} {'' if t['holds'] is None else ('holds' if t['holds'] else 'MISSED')}")
sys.exit(0 if stable else 3)
