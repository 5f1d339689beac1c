"""Reads runway.deadletters (as printed by Kafka's console consumer, one JSON record a line) and
lists the dead letters or shows one: ./runway deadletters list|show <id>. `since COMPONENT=EPOCH...`
prints, for ./runway status, how many each running component dead-lettered since it started."""
import base64
import json
import sys


def letters(lines, settled=False):
    """The dead letters, oldest first; without `settled`, those an operator retried or dropped are left
    out (./runway deadletters retry|drop writes a marker record with the letter's id and an action)."""
    seen = {}
    done = {}
    for line in lines:
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            letter = json.loads(line)
        except ValueError:
            continue
        if "action" in letter:
            done[letter.get("id")] = letter
            continue
        # one message dead-lettered twice (a crash before the commit) is one dead letter
        seen.setdefault(letter.get("id"), letter)
    for letter_id, marker in done.items():
        if letter_id in seen:
            seen[letter_id] = dict(seen[letter_id], settled=marker["action"] + " " + marker.get("time", ""))
    found = [l for l in seen.values() if settled or "settled" not in l]
    return sorted(found, key=lambda l: l.get("time", ""))


def value_text(letter):
    raw = base64.b64decode(letter.get("value") or "")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "(not UTF-8; base64) " + letter.get("value", "")


def component_of(consumer):
    """The Runway service a consumer name belongs to (consumers are named after their service)."""
    for service in ("service-registry", "api-gateway", "deploy-worker", "build-worker", "autoscaler", "router"):
        if consumer == service or consumer.startswith(service + "-"):
            return service
    return None


def since(found, started):
    """started: {component: epoch seconds}. One line per component with dead letters since then."""
    import datetime
    counts = {}
    for l in found:
        component = component_of(l.get("consumer") or "")
        if component not in started:
            continue
        try:
            at = datetime.datetime.fromisoformat(l.get("time", "").replace("Z", "+00:00")).timestamp()
        except ValueError:
            continue
        if at >= started[component]:
            counts[component] = counts.get(component, 0) + 1
    for component in sorted(counts):
        print("%s %d" % (component, counts[component]))


def settle(letter, action):
    """Prints, for Kafka's console producer (key TAB value), the original message for `retry` to its
    topic, then the marker that settles the letter, each line prefixed with the topic it goes to."""
    import datetime
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if action == "retry":
        try:
            value = value_text(letter) if letter.get("value") else ""
            base64.b64decode(letter.get("value") or "").decode("utf-8")
        except UnicodeDecodeError:
            print("dead letter %s is not UTF-8 text; it cannot be sent again from here" % letter["id"], file=sys.stderr)
            return 1
        if "\n" in value or "\t" in (letter.get("key") or "") or letter.get("partition", 0) < 0:
            print("dead letter %s cannot be sent again as one line (or came from the outbox)" % letter["id"], file=sys.stderr)
            return 1
        print("%s %s\t%s" % (letter["topic"], letter.get("key") or "", value))
    marker = {"id": letter["id"], "action": "retried" if action == "retry" else "dropped", "time": now}
    print("runway.deadletters %s\t%s" % (letter.get("key") or "", json.dumps(marker)))
    return 0


def main(argv):
    action = argv[1]
    found = letters(sys.stdin, settled=action == "show")
    if action == "since":
        since(found, {k: float(v) for k, v in (a.split("=", 1) for a in argv[2:])})
        return 0
    if action == "list":
        if not found:
            print("no dead letters")
            return 0
        print("%-8s  %-20s  %-22s  %-30s  %s" % ("id", "time", "consumer", "message", "reason"))
        for l in found:
            where = "%s-%s@%s" % (l.get("topic"), l.get("partition"), l.get("offset"))
            reason = (l.get("reason") or "").replace("\n", " ")
            print("%-8s  %-20s  %-22s  %-30s  %s" % (l["id"][:8], l.get("time", "")[:19], l.get("consumer"), where,
                                                    reason[:160]))
        print("%d dead letter(s); ./runway deadletters show <id> for one" % len(found))
        return 0
    wanted = argv[2]
    matches = [l for l in found if l["id"].startswith(wanted)]
    if len(matches) != 1:
        print("%s dead letter(s) have an id starting with %s" % (len(matches) or "no", wanted), file=sys.stderr)
        return 1
    if action in ("retry", "drop"):
        return settle(matches[0], action)
    l = dict(matches[0])
    l["value"] = value_text(l)
    print(json.dumps(l, indent=2, ensure_ascii=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
