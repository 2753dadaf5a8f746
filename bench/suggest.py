"""Did-you-mean cost: a generated site where every page has one broken internal link.

    python bench/suggest.py [--pages 2000] [--runs 3]

Generates ``bench/.work/suggest-<pages>`` with ``bench/corpus.py`` and appends to
each page one link to a URL that is not a page, cycling through the mistakes
authors make: a one-letter typo of another page, a page moved to another folder
(same last segment), a case difference, a missing segment, and a URL like no
page at all.  Prints the median wall time of ``eduforge lint --no-cache``
(fresh processes) and how many of the link-target problems carry a suggestion.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
_LINK = re.compile(r"\]\((/pusat-belajar/[^)#\s]+/)\)")


def _broken(url: str, other_folder: str, rng: random.Random, kind: int) -> str:
    parts = url.strip("/").split("/")
    if kind == 0:  # one letter changed in the last segment
        last = parts[-1]
        spot = rng.randrange(len(last))
        parts[-1] = last[:spot] + ("x" if last[spot] != "x" else "y") + last[spot + 1 :]
    elif kind == 1:  # moved: the same page name in another folder
        parts = ["pusat-belajar", *other_folder.split("/"), parts[-1]]
    elif kind == 2:  # a case difference
        parts[-1] = parts[-1].capitalize()
    elif kind == 3:  # a folder left out
        parts = [parts[0], *parts[2:]]
    else:  # nothing like it
        parts = ["pusat-belajar", "tidak", f"ada-{rng.randrange(10**6)}"]
    return "/" + "/".join(parts) + "/"


def generate(pages: int) -> Path:
    out = HERE / ".work" / f"suggest-{pages}"
    subprocess.run(
        [sys.executable, str(HERE / "corpus.py"), str(out), "--pages", str(pages), "--seed", "1"], check=True
    )
    files = sorted((out / "src/content/docs").rglob("*.md*"))
    urls = [match for file in files for match in _LINK.findall(file.read_text(encoding="utf-8"))[:1]]
    folders = sorted({url.strip("/").split("/", 1)[1].rsplit("/", 1)[0] for url in urls})
    rng = random.Random(7)
    for index, file in enumerate(files):
        url = rng.choice(urls)
        link = _broken(url, rng.choice(folders), rng, index % 5)
        with file.open("a", encoding="utf-8") as stream:
            stream.write(f"\nLihat juga [halaman lain]({link}).\n")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = generate(args.pages)
    command = [sys.executable, "-m", "eduforge", "lint", "--no-cache", "--format", "json"]
    times, output = [], ""
    for _ in range(args.runs):
        started = time.perf_counter()
        output = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False).stdout
        times.append(time.perf_counter() - started)
    problems = [p for p in json.loads(output)["problems"] if p["rule"] == "link-target"]
    suggested = sum("did you mean" in p["message"] for p in problems)
    print(f"{args.pages} pages: median {statistics.median(times):.2f} s over {args.runs} runs")
    print(f"link-target problems: {len(problems)}, with a suggestion: {suggested}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
