package dev.runway.deployworker.socketproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.socketproxy.JsonPolicy.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The engine calls one worker may make through its proxy socket: a method and a path pattern
 * each (any {@code /v1.NN} prefix allowed), some with a check of the query or the body. Everything
 * else is refused. The lists are the calls in the workers' docker-java code: DockerEngine (the
 * deploy-worker) and ImageBuilder (the build-worker); a new call there needs an entry here.
 */
public final class EnginePolicy {

    /** A container's id or name. */
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.-]*";
    /** An image reference: [registry[:port]/]name[:tag][@digest]. */
    private static final String IMAGE = "[A-Za-z0-9][A-Za-z0-9_.:/@+-]*";

    /** A check of a request that matched a rule; throws with the reason it is refused. */
    @FunctionalInterface
    interface Check {
        void check(EngineRequest request, JsonNode body) throws Refused;
    }

    /** One allowed call; {@code readsBody}: the check needs the (small, JSON) request body. */
    record Rule(String method, Pattern path, boolean readsBody, Check check) {
    }

    private final String worker;
    private final List<Rule> rules;

    private EnginePolicy(String worker, List<Rule> rules) {
        this.worker = worker;
        this.rules = List.copyOf(rules);
    }

    public String worker() {
        return worker;
    }

    /** The rule a request falls under; null: the call is not on the list. */
    Rule rule(EngineRequest request) {
        for (Rule rule : rules) {
            if (rule.method().equals(request.method()) && rule.path().matcher(request.path()).matches()) {
                return rule;
            }
        }
        return null;
    }

    /** The policy by worker name: deploy-worker or build-worker. */
    public static EnginePolicy named(String worker, String registry) {
        return switch (worker) {
            case "deploy-worker" -> deployWorker();
            case "build-worker" -> buildWorker(registry);
            default -> throw new IllegalArgumentException("no policy for '" + worker
                    + "': the proxy knows deploy-worker and build-worker");
        };
    }

    /** DockerEngine's calls: pull, inspect and remove images; instances' whole life; exit events. */
    public static EnginePolicy deployWorker() {
        var rules = new ArrayList<Rule>();
        ping(rules);
        rules.add(rule("GET", "/version"));
        rules.add(rule("GET", "/images/" + IMAGE + "/json"));
        rules.add(rule("DELETE", "/images/" + IMAGE));
        rules.add(new Rule("POST", Pattern.compile("/images/create"), false, (request, body) -> {
            // fromSrc imports a tarball from a URL or the body: a request to anywhere from the engine
            if (request.param("fromImage") == null || request.query().containsKey("fromSrc")) {
                throw new Refused("only pulls (fromImage) are allowed, not imports (fromSrc)");
            }
        }));
        rules.add(rule("GET", "/containers/json"));
        rules.add(rule("GET", "/networks"));
        rules.add(new Rule("POST", Pattern.compile("/networks/create"), true, (request, body) -> checkNetwork(body)));
        rules.add(new Rule("POST", Pattern.compile("/containers/create"), true, (request, body) -> {
            for (String name : request.query().keySet()) {
                if (!name.equals("name")) {
                    throw new Refused("the query parameter " + name + " is not allowed (only name)");
                }
            }
            ContainerCreatePolicy.check(body);
        }));
        rules.add(new Rule("POST", Pattern.compile("/containers/" + ID + "/start"), true, (request, body) -> {
            // the engine's old API took a HostConfig here too
            if (!JsonPolicy.empty(body)) {
                throw new Refused("a start takes no body (the HostConfig belongs to the create)");
            }
        }));
        rules.add(rule("GET", "/containers/" + ID + "/json"));
        rules.add(rule("GET", "/containers/" + ID + "/stats"));
        rules.add(rule("GET", "/containers/" + ID + "/logs"));
        rules.add(rule("POST", "/containers/" + ID + "/stop"));
        rules.add(rule("DELETE", "/containers/" + ID));
        rules.add(rule("GET", "/events"));
        return new EnginePolicy("deploy-worker", rules);
    }

    /**
     * ImageBuilder's calls: inspect an image, build (without network: a build runs the
     * repository's commands), push to the platform registry, remove the local copy.
     */
    public static EnginePolicy buildWorker(String registry) {
        var rules = new ArrayList<Rule>();
        ping(rules);
        rules.add(rule("GET", "/images/" + IMAGE + "/json"));
        rules.add(rule("DELETE", "/images/" + IMAGE));
        rules.add(new Rule("POST", Pattern.compile("/build"), false, (request, body) -> {
            if (!"none".equals(request.param("networkmode"))) {
                throw new Refused("a build must run without network (networkmode=none), as the build-worker's do");
            }
            for (String name : List.of("remote", "extrahosts", "cgroupparent")) {
                if (request.query().containsKey(name)) {
                    throw new Refused("the query parameter " + name + " is not allowed: the build-worker never sets it");
                }
            }
            if (request.flag("pull")) {
                throw new Refused("a build may not pull (pull=" + request.param("pull") + "): the build-worker's never do");
            }
        }));
        rules.add(new Rule("POST", Pattern.compile("/images/(" + IMAGE + ")/push"), false, (request, body) -> {
            if (registry != null && !registry.isEmpty() && !request.path().startsWith("/images/" + registry + "/")) {
                throw new Refused("pushes go to the platform registry " + registry + " only");
            }
        }));
        return new EnginePolicy("build-worker", rules);
    }

    /** The engine's liveness answer, which docker's CLI asks first: harmless for both. */
    private static void ping(List<Rule> rules) {
        rules.add(rule("GET", "/_ping"));
        rules.add(rule("HEAD", "/_ping"));
    }

    private static Rule rule(String method, String path) {
        return new Rule(method, Pattern.compile(path), false, (request, body) -> {
        });
    }

    /** The instances' bridge as DockerEngine makes it: a bridge, isolated, publishing on loopback. */
    private static void checkNetwork(JsonNode body) throws Refused {
        if (body == null) {
            throw new Refused("it has no body");
        }
        for (var field : JsonPolicy.fields(body, "the body")) {
            JsonNode value = field.value();
            switch (field.key()) {
                case "name" -> {
                    if (!value.isTextual() || !value.textValue().matches("runway-[A-Za-z0-9_.-]+-instances")) {
                        throw new Refused("only a platform's instance bridge (runway-<platform>-instances) may be made");
                    }
                }
                case "driver" -> {
                    if (!"bridge".equals(value.asText())) {
                        throw new Refused("Driver " + value + " is not allowed: only bridge");
                    }
                }
                case "options" -> {
                    if (!value.isObject()) {
                        throw new Refused("Options must be an object");
                    }
                    for (var it = value.fields(); it.hasNext(); ) {
                        var option = it.next();
                        if (!option.getValue().asText().equals(DockerEngine.BRIDGE_OPTIONS.get(option.getKey()))) {
                            throw new Refused("the option " + option.getKey() + "=" + option.getValue()
                                    + " is not allowed; only " + DockerEngine.BRIDGE_OPTIONS);
                        }
                    }
                    if (value.size() != DockerEngine.BRIDGE_OPTIONS.size()) {
                        throw new Refused("the bridge must be made with " + DockerEngine.BRIDGE_OPTIONS);
                    }
                }
                case "labels" -> {
                    // names for people
                }
                default -> {
                    if (!JsonPolicy.empty(value)) {
                        throw new Refused(field.name() + " " + value + " is not allowed: the deploy-worker never sets it");
                    }
                }
            }
        }
    }
}
