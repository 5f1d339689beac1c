#!/usr/bin/env python3
"""Prints (and with --follow, keeps printing) an App Runner service's logs from Runway's
CloudWatch Logs API: its application output (/aws/apprunner/<name>/<id>/application) and its
service log (/aws/apprunner/<name>/<id>/service: the events stream and one stream per
deployment). Called by `./runway logs <service>`.

Environment: as runway_api.py.
"""
import argparse
import datetime
import sys
import time

from runway_api import ApiError, json_call as call


def service_arn(name):
    token = None
    while True:
        page = call("AppRunner.ListServices", {"NextToken": token} if token else {})
        for s in page.get("ServiceSummaryList", []):
            if name in (s["ServiceName"], s["ServiceArn"]):
                return s["ServiceArn"]
        token = page.get("NextToken")
        if not token:
            return None


def read(groups, start, seen):
    """New lines of the groups since start (ms), oldest first; seen: event ids already printed."""
    lines = []
    for group, streams in groups:
        body = {"logGroupName": group, "startTime": start}
        if streams:
            body["logStreamNamePrefix"] = streams
        while True:
            try:
                page = call("Logs_20140328.FilterLogEvents", body)
            except ApiError as e:
                if e.error_type == "ResourceNotFoundException":
                    break  # nothing written there yet
                raise
            for event in page.get("events", []):
                key = group + "/" + event["eventId"]
                if key not in seen:
                    seen.add(key)
                    lines.append(event)
            if not page.get("nextToken"):
                break
            body["nextToken"] = page["nextToken"]
    lines.sort(key=lambda e: (e["timestamp"], int(e["eventId"])))
    return lines


def main():
    parser = argparse.ArgumentParser(prog="./runway logs", description="An App Runner service's logs.")
    parser.add_argument("service", help="the service's name or ARN")
    parser.add_argument("--follow", "-f", action="store_true", help="keep printing new lines (Ctrl-C stops)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--application", action="store_true", help="only the instances' output")
    which.add_argument("--deployment", action="store_true", help="only the deployments' logs")
    which.add_argument("--events", action="store_true", help="only the service's events")
    parser.add_argument("--since", type=int, default=60, metavar="MINUTES",
                        help="start this many minutes back (default 60)")
    args = parser.parse_args()
    try:
        arn = service_arn(args.service)
        if not arn:
            sys.exit("error: no service named %s (aws apprunner list-services lists them)" % args.service)
        name, service_id = arn.split(":service/", 1)[1].split("/")
        base = "/aws/apprunner/%s/%s/" % (name, service_id)
        groups = []
        if not (args.deployment or args.events):
            groups.append((base + "application", None))
        if not args.application:
            groups.append((base + "service", "deployment/" if args.deployment else "events" if args.events else None))
        start = int((time.time() - args.since * 60) * 1000)
        seen = set()
        while True:
            for event in read(groups, start, seen):
                stamp = datetime.datetime.fromtimestamp(event["timestamp"] / 1000, datetime.timezone.utc)
                print("%s %s %s" % (stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z", event["logStreamName"],
                                    event["message"]), flush=True)
                start = max(start, event["timestamp"])
            if not args.follow:
                return
            time.sleep(2)
    except ApiError as e:
        sys.exit("error: " + str(e))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
