"""The ten-year and demo databases: built, reused or migrated; measured in their own process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench._common import PG_BASE, PYTHON, ROOT, bench_env, manage
from bench.scale.targets import BASE_DB, BIG_DB, BUILD_VERSION, DEMO_DB, log

DATA_SCALE = ROOT / "bench" / "data_scale.py"


def _psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{PG_BASE}/{database}", "-v", "ON_ERROR_STOP=1", "-tAq", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def big_database_name(scale: float, *, base: str = BIG_DB) -> str:
    return base if scale == 1 else f"{base}_{str(scale).replace('.', '_')}"


def _description(name: str) -> str:
    return _psql(f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'")


def _copy_of_base(*, name: str, scale: float, marker: str) -> bool:
    """Make `name` a copy of the base ten-year database when that one is built with the same marker."""
    base = big_database_name(scale, base=BASE_DB)
    found = _description(base)
    if base == name or found.split(" built=")[0] != marker:
        return False
    log(f"copying {base} into {name}")
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _psql(f"CREATE DATABASE {name} TEMPLATE {base}")
    _psql(f"COMMENT ON DATABASE {name} IS '{found}'")
    return True


def _marker(scale: float, seed: int) -> str:
    return f"netvaerk data_scale v{BUILD_VERSION} scale={scale:g} seed={seed}"


def database_env(url: str, **extra: str) -> dict[str, str]:
    # Uncached (the page cache off), no Redis (tasks eager, local-memory cache), DEBUG off.
    return {"DATABASE_URL": url, "REDIS_URL": "", "PAGE_CACHE_SECONDS": "0", "MFA_REQUIRED_FOR_STAFF": "0", **extra}


def _script(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, str(DATA_SCALE), *args], cwd=ROOT, env=bench_env(env), check=True)


def ensure_big_database(*, scale: float, seed: int, rebuild: bool) -> tuple[str, float | None]:
    """The ten-year database's URL, and the build time in seconds when it was (re)built now."""
    name = big_database_name(scale)
    url = f"{PG_BASE}/{name}"
    marker = _marker(scale, seed)
    found = _description(name)
    if found.split(" built=")[0] != marker and not rebuild and _copy_of_base(name=name, scale=scale, marker=marker):
        found = marker
    if found.split(" built=")[0] == marker and not rebuild:
        log(f"reusing {name} ({found}); applying new migrations")
        manage("migrate", "--noinput", "-v0", env=database_env(url))
        return url, None
    log(f"building {name} at scale {scale:g} (seed {seed})")
    started = time.perf_counter()
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _psql(f"CREATE DATABASE {name}")
    manage("migrate", "--noinput", "-v0", env=database_env(url))
    _script("--build-into", url, "--scale", str(scale), "--seed", str(seed), env=database_env(url))
    log("  VACUUM ANALYZE")
    _psql("VACUUM ANALYZE", name)
    seconds = time.perf_counter() - started
    _psql(f"COMMENT ON DATABASE {name} IS '{marker} built={dt.datetime.now():%Y-%m-%dT%H:%M} in {seconds:.0f}s'")
    size = _psql(f"SELECT pg_size_pretty(pg_database_size('{name}'))")
    log(f"built {name} in {seconds:.0f} s ({size})")
    return url, seconds


def ensure_demo_database() -> str:
    url = f"{PG_BASE}/{DEMO_DB}"
    _psql(f"DROP DATABASE IF EXISTS {DEMO_DB} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DEMO_DB}")
    manage("migrate", "--noinput", "-v0", env=database_env(url))
    manage("load_demo", env=database_env(url))
    return url


def measure_database(url: str, name: str, args, *, companions: bool, shapes: dict | None = None) -> dict:
    """``shapes``: the demo run's objects of the change forms (Context.demo_shapes), for the ten-year run."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    command = ["--measure-from", url, "--name", name, "--out", out, "--runs", str(args.runs)]
    if shapes:
        shapes_file = out + ".shapes"
        Path(shapes_file).write_text(json.dumps(shapes))
        command += ["--shapes", shapes_file]
    command += ["--explain", str(args.explain if companions else 0)]
    command += [f"--only={text}" for text in args.only]
    if companions:
        command.append("--companions")
    _script(*command, env=database_env(url, LOG_LEVEL="ERROR"))
    data = json.loads(Path(out).read_text())
    os.unlink(out)
    return data
