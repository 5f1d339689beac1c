package dev.runway.gateway.delivery;

import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Matching throughput of the delivery's rule index (bench/event-latency.sh runs it):
 * {@code <rules>} rules in the shapes subscribers write (per service name, per operation status,
 * with prefix and anything-but), App Runner events of as many services, matched for
 * {@code <seconds>}. Prints events matched per second, and what applying one rule change costs.
 */
public final class RuleMatchingBench {

    public static void main(String[] args) throws Exception {
        int ruleCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        EventTarget target = new EventTarget("t", "http://127.0.0.1:1/", null, null, null, null, null, 0, 60, null);
        List<EventRuleSnapshot.Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            String pattern;
            switch (i % 4) {
                case 0:
                    pattern = "{\"source\":[\"aws.apprunner\"],\"detail\":{\"serviceName\":[\"svc-" + i + "\"]}}";
                    break;
                case 1:
                    pattern = "{\"detail-type\":[\"AppRunner Service Operation Status Change\"],\"detail\":"
                            + "{\"operationStatus\":[\"DeploymentFailed\",\"UpdateServiceFailed\"],\"serviceName\":[\"svc-" + i + "\"]}}";
                    break;
                case 2:
                    pattern = "{\"detail\":{\"serviceName\":[{\"prefix\":\"svc-" + i + "-\"}]}}";
                    break;
                default:
                    pattern = "{\"detail\":{\"serviceName\":[\"svc-" + i + "\"],\"severity\":[{\"anything-but\":\"INFO\"}]}}";
                    break;
            }
            rules.add(new EventRuleSnapshot.Rule("arn:aws:events:us-east-1:0:rule/r" + i, "r" + i, pattern, "ENABLED",
                    null, List.of(target)));
        }
        long compileStart = System.nanoTime();
        RuleSet index = RuleSet.of(new EventRuleSnapshot(1, rules));
        long compileMs = (System.nanoTime() - compileStart) / 1_000_000;
        List<String> events = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            events.add("{\"version\":\"0\",\"id\":\"" + i + "\",\"detail-type\":\"AppRunner Service Operation Status Change\","
                    + "\"source\":\"aws.apprunner\",\"account\":\"000000000000\",\"time\":\"2026-01-01T00:00:00Z\","
                    + "\"region\":\"us-east-1\",\"resources\":[\"arn:aws:apprunner:us-east-1:0:service/svc-" + i + "/x\"],"
                    + "\"detail\":{\"operationStatus\":\"" + (i % 2 == 0 ? "DeploymentFailed" : "UpdateServiceStarted")
                    + "\",\"serviceName\":\"svc-" + i + "\",\"serviceId\":\"x\",\"message\":\"m\",\"severity\":\""
                    + (i % 2 == 0 ? "ERROR" : "INFO") + "\"}}");
        }
        for (String e : events) {
            index.matching(e); // warm-up pass
        }
        long matched = 0;
        long hits = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (String e : events) {
                hits += index.matching(e).size();
                matched++;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        // one rule changed (as a PutRule does): applied alone, not by rebuilding the whole set
        long changeStart = System.nanoTime();
        int changes = 200;
        for (int i = 0; i < changes; i++) {
            EventRuleSnapshot.Rule old = rules.get(i % ruleCount);
            index.put(old.ruleArn(), new EventRuleSnapshot.Rule(old.ruleArn(), old.name(),
                    "{\"detail\":{\"serviceName\":[\"changed-" + i + "\"]}}", "ENABLED", null, old.targets()));
        }
        double changeMicros = (System.nanoTime() - changeStart) / 1e3 / changes;
        System.out.printf("rules: %d (loaded in %d ms; one rule change applied in %.0f µs); events matched: %d in %.1f s; %.0f events/s; %.2f rules matched per event%n",
                ruleCount, compileMs, changeMicros, matched, secs, matched / secs, (double) hits / Math.max(1, matched));
    }

    private RuleMatchingBench() {
    }
}
