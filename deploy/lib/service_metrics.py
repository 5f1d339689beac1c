#!/usr/bin/env python3
"""Prints one metric of an App Runner service from Runway's metric store, read through the
api-gateway's GET /runway/metrics. Called by `./runway metrics` once per metric.

Usage: service_metrics.py <service> <metric> <period seconds> <start> <end>
Environment: as runway_api.py.
"""
import sys

from runway_api import ApiError, call


def main():
    service, metric, period, start, end = sys.argv[1:]
    try:
        d = call("GET", "/runway/metrics", "apprunner", query={
            "service": service, "metric": metric, "period": period, "start": start, "end": end})
    except ApiError as e:
        sys.exit("error: " + str(e))
    points = d["datapoints"]
    print("%s of %s (%s), %d s periods:%s" % (d["metricName"], d["serviceName"], d["serviceId"], d["period"],
                                              "" if points else " no data"))
    for p in points:
        print("  %s  sum %-12g avg %-10.2f min %-10.2f max %-10.2f samples %d %s" % (
            p["timestamp"], p["sum"], p["average"], p["minimum"], p["maximum"], p["sampleCount"], p["unit"]))


if __name__ == "__main__":
    main()
