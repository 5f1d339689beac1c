package dev.runway.deployworker.socketproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.socketproxy.JsonPolicy.Refused;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code POST /containers/create} may ask for through the deploy-worker's proxy socket: what
 * DockerEngine asks for an instance (its hostConfig and createCommand), and nothing more. A field
 * the deploy-worker never sets may only be absent or empty, so a privileged container, the host's
 * PID/IPC/UTS namespaces, devices, bind mounts and volumes (the Docker socket above all), another
 * container's network, an extra capability, a looser security option or root as the user are all
 * refused.
 */
final class ContainerCreatePolicy {

    /** Top-level fields the deploy-worker sets (lower case, as compared). */
    private static final Set<String> TOP = Set.of("image", "env", "labels", "entrypoint", "cmd", "exposedports",
            "hostconfig", "user");

    /** HostConfig fields the deploy-worker sets. */
    private static final Set<String> HOST = Set.of("networkmode", "init", "memory", "memoryswap", "nanocpus",
            "capdrop", "capadd", "securityopt", "pidslimit", "portbindings", "sysctls");

    /** The capabilities DockerEngine gives back to an instance after dropping them all. */
    static final Set<String> CAPABILITIES = Arrays.stream(DockerEngine.WEB_APP_CAPABILITIES)
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());

    static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";

    /** host (RUNWAY_INSTANCE_NETWORK=host), none (namespace) or a platform's instance bridge. */
    private static final Pattern NETWORK = Pattern.compile("host|none|runway-[A-Za-z0-9_.-]+-instances");

    private ContainerCreatePolicy() {
    }

    static void check(JsonNode body) throws Refused {
        if (body == null) {
            throw new Refused("it has no body");
        }
        JsonNode hostConfig = null;
        for (var field : JsonPolicy.fields(body, "the body")) {
            String name = field.key();
            JsonNode value = field.value();
            if (!TOP.contains(name) || value.isNull()) {
                if (!JsonPolicy.empty(value)) {
                    throw notAsked(field.name(), value);
                }
                continue;
            }
            switch (name) {
                case "image" -> requireText(value, "Image");
                case "user" -> {
                    // the deploy-worker names a user only to keep an app from running as root; empty
                    // is the image's own user, as when it is absent
                    requireText(value, "User");
                    if (!value.textValue().isEmpty() && ContainerSpec.namesRoot(value.textValue())) {
                        throw new Refused("User " + value + " is not allowed: the deploy-worker never runs an app as root");
                    }
                }
                case "env", "entrypoint", "cmd" -> requireStrings(value, name);
                case "labels" -> requireStringMap(value, "Labels");
                case "exposedports" -> {
                    if (!value.isObject() && !value.isNull()) {
                        throw new Refused("ExposedPorts must be an object");
                    }
                }
                case "hostconfig" -> hostConfig = value;
                default -> throw new IllegalStateException(name);
            }
        }
        if (hostConfig == null) {
            throw new Refused("it has no HostConfig, and so none of the limits the deploy-worker always sets");
        }
        checkHostConfig(hostConfig);
    }

    private static void checkHostConfig(JsonNode hostConfig) throws Refused {
        boolean droppedAll = false;
        boolean noNewPrivileges = false;
        boolean pidsLimited = false;
        for (var field : JsonPolicy.fields(hostConfig, "HostConfig")) {
            String name = field.key();
            JsonNode value = field.value();
            if (!HOST.contains(name) || value.isNull()) {
                if (!JsonPolicy.empty(value)) {
                    throw notAsked("HostConfig." + field.name(), value);
                }
                continue;
            }
            switch (name) {
                case "networkmode" -> {
                    if (!value.isTextual() || !NETWORK.matcher(value.textValue()).matches()) {
                        throw new Refused("HostConfig.NetworkMode " + value + " is not allowed: only host, none or a"
                                + " platform's instance bridge (runway-<platform>-instances)");
                    }
                }
                case "init" -> {
                    if (!value.isBoolean() && !value.isNull()) {
                        throw new Refused("HostConfig.Init must be a boolean");
                    }
                }
                case "memory", "memoryswap", "nanocpus" -> {
                    if (!value.isIntegralNumber() || value.longValue() < 0) {
                        throw new Refused("HostConfig." + field.name() + " must be a number of at least 0");
                    }
                }
                case "capdrop" -> {
                    requireStrings(value, "HostConfig.CapDrop");
                    for (JsonNode cap : value) {
                        droppedAll |= capability(cap.textValue()).equals("ALL");
                    }
                }
                case "capadd" -> {
                    requireStrings(value, "HostConfig.CapAdd");
                    for (JsonNode cap : value) {
                        if (!CAPABILITIES.contains(capability(cap.textValue()))) {
                            throw new Refused("HostConfig.CapAdd " + cap.textValue() + " is not allowed: the"
                                    + " deploy-worker gives an instance only " + String.join(", ", CAPABILITIES.stream().sorted().toList()));
                        }
                    }
                }
                case "securityopt" -> {
                    requireStrings(value, "HostConfig.SecurityOpt");
                    for (JsonNode option : value) {
                        if (!option.textValue().equals(NO_NEW_PRIVILEGES)) {
                            throw new Refused("HostConfig.SecurityOpt " + option.textValue() + " is not allowed: only "
                                    + NO_NEW_PRIVILEGES);
                        }
                        noNewPrivileges = true;
                    }
                }
                case "pidslimit" -> {
                    if (!value.isIntegralNumber() || value.longValue() < 1 || value.longValue() > DockerEngine.PIDS_LIMIT) {
                        throw new Refused("HostConfig.PidsLimit must be 1 to " + DockerEngine.PIDS_LIMIT);
                    }
                    pidsLimited = true;
                }
                case "portbindings" -> checkPortBindings(value);
                case "sysctls" -> {
                    // the one the deploy-worker sets, and only for a namespace of the container's own
                    if (!value.isObject() || value.size() != DockerEngine.NAMESPACE_SYSCTLS.size()
                            || DockerEngine.NAMESPACE_SYSCTLS.entrySet().stream().anyMatch(wanted ->
                                    !wanted.getValue().equals(value.path(wanted.getKey()).textValue()))) {
                        throw new Refused("HostConfig.Sysctls may only be " + DockerEngine.NAMESPACE_SYSCTLS);
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        }
        if (!droppedAll) {
            throw new Refused("HostConfig.CapDrop must drop ALL capabilities, as the deploy-worker always does");
        }
        if (!noNewPrivileges) {
            throw new Refused("HostConfig.SecurityOpt must hold " + NO_NEW_PRIVILEGES + ", as the deploy-worker always does");
        }
        if (!pidsLimited) {
            throw new Refused("HostConfig.PidsLimit must be set (1 to " + DockerEngine.PIDS_LIMIT + ")");
        }
    }

    /** Ports are published on the host's loopback only. */
    private static void checkPortBindings(JsonNode value) throws Refused {
        if (!value.isObject()) {
            throw new Refused("HostConfig.PortBindings must be an object");
        }
        for (var it = value.fields(); it.hasNext(); ) {
            var port = it.next();
            if (port.getValue().isNull()) {
                continue;
            }
            if (!port.getValue().isArray()) {
                throw new Refused("HostConfig.PortBindings." + port.getKey() + " is not a list");
            }
            for (JsonNode binding : port.getValue()) {
                String ip = null;
                for (var field : JsonPolicy.fields(binding, "a port binding")) {
                    switch (field.key()) {
                        case "hostip" -> ip = field.value().asText();
                        case "hostport" -> {
                            // any port: which one is the deploy-worker's choice
                        }
                        default -> throw new Refused("a port binding may hold HostIp and HostPort only");
                    }
                }
                if (!"127.0.0.1".equals(ip)) {
                    throw new Refused("HostConfig.PortBindings may publish on 127.0.0.1 only, not " + ip);
                }
            }
        }
    }

    private static String capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    private static Refused notAsked(String name, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new Refused(name + " " + shown + " is not allowed: the deploy-worker never asks for it");
    }

    private static void requireText(JsonNode value, String name) throws Refused {
        if (!value.isTextual()) {
            throw new Refused(name + " must be a string");
        }
    }

    private static void requireStrings(JsonNode value, String name) throws Refused {
        if (value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            throw new Refused(name + " must be a list of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new Refused(name + " must be a list of strings");
            }
        }
    }

    private static void requireStringMap(JsonNode value, String name) throws Refused {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw new Refused(name + " must be an object of strings");
        }
        // a map in the engine, not a struct: names keep their case
        for (var it = value.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isTextual()) {
                throw new Refused(name + "." + field.getKey() + " must be a string");
            }
        }
    }
}
