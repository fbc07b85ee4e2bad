"""Put the figures of several runs of bench_province.py side by side, as
the Markdown table the README shows:

    python3 benchmarks/compare.py n1000.json n10000.json n50000.json

For each step: CPU seconds, queries, queries a form and peak memory (MB)
of each run, the baseline's ratios for the generation, and the job's
largest batch.  Needs only the JSON files (no Odoo).
"""
import argparse
import json


def load(path):
    with open(path) as handle:
        data = json.load(handle)
    data["by_step"] = {step["step"]: step for step in data["steps"]}
    return data


def number(value, digits=2):
    if value is None:
        return "–"
    if isinstance(value, int) or digits == 0:
        return "{:,}".format(int(round(value)))
    return "{:,.{}f}".format(value, digits)


def table(runs):
    steps = []
    for run in runs:
        for step in run["steps"]:
            if step["step"] not in steps:
                steps.append(step["step"])
    sizes = ["{:,}".format(run["n"]) for run in runs]
    header = ["step"]
    for label in ("CPU s", "queries", "queries a form", "peak MB"):
        header += ["%s %s" % (label, size) for size in sizes]
    lines = ["| " + " | ".join(header) + " |",
             "|---|" + "---:|" * (len(header) - 1)]
    for name in steps:
        cells = [name if ":" not in name else name.replace(":", ": ")]
        found = [run["by_step"].get(name) for run in runs]
        cells += [number(step and step["cpu_s"]) for step in found]
        cells += [number(step and step["queries"], 0) for step in found]
        cells += [
            number(step["queries"] / step["records"], 2)
            if step and step.get("records") and not name.startswith("open_form") else "–"
            for step in found
        ]
        cells += [number(step and step["peak_mb"], 1) for step in found]
        lines.append("| `%s` | %s |" % (cells[0], " | ".join(cells[1:])))
    return "\n".join(lines)


def notes(runs):
    lines = []
    for run in runs:
        generate = run["by_step"].get("generate", {})
        ratio = generate.get("ratio_to_baseline") or {}
        job = generate.get("job") or {}
        lines.append(
            "- N = {:,}: generation {}× the baseline's CPU and {}× its queries; "
            "{} batches of {}, queries first {} / last {} / at most {}; "
            "largest batch {} s wall.".format(
                run["n"], ratio.get("cpu"), ratio.get("queries"), job.get("batches"),
                job.get("batch_size"), job.get("first_batch_queries"),
                job.get("last_batch_queries"), job.get("max_batch_queries"),
                job.get("max_batch_wall_s"),
            ))
    machine = runs[0]["machine"]
    lines.append(
        "- Machine: {} cores ({}), {} GB, Python {}; commit {}; {}.".format(
            machine.get("nproc"), machine.get("cpu"), machine.get("memory_gb"),
            machine.get("python"), ", ".join(sorted({r["machine"].get("commit", "?")
                                                    for r in runs})),
            ", ".join(sorted({r["date"] for r in runs}))))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="JSON files written by --json")
    args = parser.parse_args()
    runs = sorted((load(path) for path in args.files), key=lambda run: run["n"])
    print(table(runs))
    print()
    print(notes(runs))


if __name__ == "__main__":
    main()
