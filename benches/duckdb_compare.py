#!/usr/bin/env python3
"""The dashboard aggregations of `jobmarket bench index`, in DuckDB over the Parquet export of
the same offers: p50 / p99 over N runs, to compare with the embedded store.

    cargo run --release -- bench index --offers 1000000 --parquet /tmp/offers.parquet
    pip install duckdb
    python3 benches/duckdb_compare.py /tmp/offers.parquet [runs]

The file is loaded into an in-memory DuckDB table first (as the embedded store has its index
loaded), so the timings are query times, not Parquet decoding.
"""
import statistics
import sys
import time

import duckdb

DAY = "coalesce(published_at, first_seen_at)"
QUERIES = {
    "roles": "select role, count(*) c from o group by role order by c desc, role limit 20",
    "departments": "select department, count(*) c from o group by department order by c desc, department limit 110",
    "regions": "select region, count(*) c from o group by region order by c desc, region limit 20",
    "skills": "select s, count(*) c from (select unnest(skills) s from o) group by s order by c desc, s limit 50",
    "companies": "select company_normalized, count(*) c from o group by 1 order by c desc, 1 limit 20",
    "contracts": "select contract_type, count(*) c from o group by 1 order by c desc, 1 limit 10",
    "remote": "select remote, count(*) c from o group by 1 order by c desc, 1 limit 10",
    "per_week": f"select date_trunc('week', {DAY}) w, count(*) from o group by w order by w",
    "per_month": f"select date_trunc('month', {DAY}) m, count(*) from o group by m order by m",
    "salary_percentiles": "select quantile_cont(salary_mid_annual_eur, [0.1, 0.25, 0.5, 0.75, 0.9]) from o where salary_mid_annual_eur is not null",
    "salary_histogram": "select floor(salary_mid_annual_eur / 5000) b, count(*) from o where salary_mid_annual_eur is not null group by b order by b",
    "with_python": "select s, count(*) c from (select unnest(skills) s from o where list_contains(skills, 'python')) where s <> 'python' group by s order by c desc, s limit 20",
    "new_vs_active": """
        with weeks as (select distinct date_trunc('week', first_seen_at) w from o),
        spans as (select date_trunc('week', first_seen_at) f, date_trunc('week', greatest(last_seen_at, first_seen_at)) l from o)
        select w,
               (select count(*) from spans where f = w) new,
               (select count(*) from spans where f <= w and l >= w) active
        from weeks order by w""",
}


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    con = duckdb.connect()
    con.execute("set threads = 2")
    con.execute(f"create table o as select * from read_parquet('{path}')")
    n = con.execute("select count(*) from o").fetchone()[0]
    print(f"duckdb {duckdb.__version__}: {n} offers from {path}, 2 threads, p50 / p99 of {runs} runs")
    for name, sql in QUERIES.items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            con.execute(sql).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p99 = times[round((len(times) - 1) * 0.99)]
        print(f"    {name:<24} {statistics.median(times):>7.1f} ms / {p99:>7.1f} ms")


if __name__ == "__main__":
    main()
