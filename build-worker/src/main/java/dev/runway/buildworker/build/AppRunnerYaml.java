package dev.runway.buildworker.build;

import dev.runway.events.model.CodeSource;
import dev.runway.events.model.ManagedRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads apprunner.yaml (SPEC.md §4) or CodeConfigurationValues into a {@link BuildSpec}. Every
 * refusal names the key and what would be accepted, so the user can fix the file from the message.
 */
public final class AppRunnerYaml {

    /** A configuration that cannot be built; the message is for the user. */
    public static final class InvalidConfiguration extends Exception {
        public InvalidConfiguration(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> TOP = Set.of("version", "runtime", "build", "run");
    private static final Set<String> BUILD = Set.of("commands", "env");
    private static final Set<String> COMMANDS = Set.of("pre-build", "build", "post-build");
    private static final Set<String> RUN = Set.of("runtime-version", "pre-run", "command", "network", "env", "secrets");
    private static final Set<String> NETWORK = Set.of("port", "env");

    private AppRunnerYaml() {
    }

    public static BuildSpec parse(String text) throws InvalidConfiguration {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InvalidConfiguration("apprunner.yaml is not valid YAML: " + e.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")")
                    + ".");
        } catch (YAMLException e) {
            throw new InvalidConfiguration("apprunner.yaml is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> root = map(doc, "the file");
        known(root, TOP, "");
        Object version = root.get("version");
        if (version == null) {
            throw new InvalidConfiguration("apprunner.yaml: 'version' is required; use version: 1.0.");
        }
        if (!String.valueOf(version).equals("1.0") && !String.valueOf(version).equals("1")) {
            throw new InvalidConfiguration("apprunner.yaml: version " + version + " is not supported; use version: 1.0.");
        }
        String runtimeName = string(root.get("runtime"), "runtime");
        if (runtimeName == null) {
            throw new InvalidConfiguration("apprunner.yaml: 'runtime' is required, one of "
                    + ManagedRuntime.offeredYamlNames() + ".");
        }
        ManagedRuntime runtime = ManagedRuntime.find(runtimeName).filter(r -> r.yamlName().equals(runtimeName.trim()))
                .orElseThrow(() -> new InvalidConfiguration("apprunner.yaml: runtime '" + runtimeName
                        + "' is not offered by this Runway installation. Offered runtimes: "
                        + ManagedRuntime.offeredYamlNames() + " (./runway runtimes lists the versions used)."));

        Map<String, Object> build = map(required(root, "build", ""), "build");
        known(build, BUILD, "build.");
        Map<String, Object> commands = map(required(build, "commands", "build."), "build.commands");
        known(commands, COMMANDS, "build.commands.");
        List<String> buildCommands = strings(commands.get("build"), "build.commands.build");
        Map<String, String> buildEnv = pairs(build.get("env"), "build.env", "value");

        Map<String, Object> run = map(required(root, "run", ""), "run");
        known(run, RUN, "run.");
        String command = string(run.get("command"), "run.command");
        if (command == null || command.isBlank()) {
            throw new InvalidConfiguration("apprunner.yaml: 'run.command' is required: the command that starts your"
                    + " application, e.g. python3 server.py.");
        }
        List<String> preRun = strings(run.get("pre-run"), "run.pre-run");
        if (!preRun.isEmpty() && !runtime.revised()) {
            throw new InvalidConfiguration("apprunner.yaml: 'run.pre-run' is only for runtimes with the revised build"
                    + " process (python311, nodejs18); " + runtime.yamlName() + " uses the original one. Move these"
                    + " commands to build.commands.build.");
        }
        Map<String, Object> network = run.get("network") == null ? Map.of() : map(run.get("network"), "run.network");
        known(network, NETWORK, "run.network.");
        Object port = network.get("port");
        if (port != null && !String.valueOf(port).matches("[0-9]{1,5}")) {
            throw new InvalidConfiguration("apprunner.yaml: run.network.port must be a port number; it is '" + port + "'.");
        }
        Map<String, String> runEnv = pairs(run.get("env"), "run.env", "value");
        if (runEnv.containsKey("PORT")) {
            throw new InvalidConfiguration("apprunner.yaml: PORT is reserved in run.env: Runway sets it to the port"
                    + " your application must listen on.");
        }
        return new BuildSpec(runtime,
                strings(commands.get("pre-build"), "build.commands.pre-build"),
                buildCommands,
                strings(commands.get("post-build"), "build.commands.post-build"),
                buildEnv,
                string(run.get("runtime-version"), "run.runtime-version"),
                preRun,
                command,
                port == null ? "8080" : String.valueOf(port),
                string(network.get("env"), "run.network.env"),
                runEnv,
                pairs(run.get("secrets"), "run.secrets", "value-from"));
    }

    /** ConfigurationSource API: the values the service was created with. */
    public static BuildSpec fromApi(CodeSource.Values v) throws InvalidConfiguration {
        if (v == null) {
            throw new InvalidConfiguration("ConfigurationSource is API but the service has no CodeConfigurationValues.");
        }
        ManagedRuntime runtime = ManagedRuntime.find(v.runtime()).orElseThrow(() -> new InvalidConfiguration(
                "Runtime " + v.runtime() + " is not offered. Offered runtimes: " + ManagedRuntime.offeredIds() + "."));
        List<String> build = v.buildCommand() == null || v.buildCommand().isBlank() ? List.of() : List.of(v.buildCommand());
        return new BuildSpec(runtime, List.of(), build, List.of(), Map.of(), null, List.of(), v.startCommand(),
                v.port() == null ? "8080" : v.port(), null, new LinkedHashMap<>(v.environment()),
                new LinkedHashMap<>(v.secrets()));
    }

    private static Object required(Map<String, Object> m, String key, String prefix) throws InvalidConfiguration {
        Object v = m.get(key);
        if (v == null) {
            throw new InvalidConfiguration("apprunner.yaml: '" + prefix + key + "' is required"
                    + (key.equals("commands") ? " (with at least build.commands.build)" : "") + ".");
        }
        return v;
    }

    private static void known(Map<String, Object> m, Set<String> allowed, String prefix) throws InvalidConfiguration {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidConfiguration("apprunner.yaml: unknown key '" + prefix + key + "'. Keys allowed"
                        + (prefix.isEmpty() ? " at the top" : " in " + prefix.substring(0, prefix.length() - 1)) + ": "
                        + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String what) throws InvalidConfiguration {
        if (!(v instanceof Map)) {
            throw new InvalidConfiguration("apprunner.yaml: " + what + " must be a mapping of keys to values"
                    + (v == null ? " (it is empty)." : ", not " + describe(v) + "."));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    private static String string(Object v, String key) throws InvalidConfiguration {
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            throw new InvalidConfiguration("apprunner.yaml: " + key + " must be a single value, not " + describe(v) + ".");
        }
        return String.valueOf(v);
    }

    private static List<String> strings(Object v, String key) throws InvalidConfiguration {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            if (v instanceof Map) {
                throw new InvalidConfiguration("apprunner.yaml: " + key + " must be a list of commands.");
            }
            return List.of(String.valueOf(v));
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            out.add(string(item, key + " item"));
        }
        return out;
    }

    private static Map<String, String> pairs(Object v, String key, String valueKey) throws InvalidConfiguration {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidConfiguration("apprunner.yaml: " + key + " must be a list of {name, " + valueKey + "}.");
        }
        for (Object item : list) {
            Map<String, Object> pair = map(item, key + " item");
            known(pair, Set.of("name", valueKey), key + ".");
            String name = string(pair.get("name"), key + ".name");
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidConfiguration("apprunner.yaml: every " + key + " item needs a name that is a valid"
                        + " variable name; got '" + name + "'.");
            }
            Object value = pair.get(valueKey);
            out.put(name, value == null ? "" : String.valueOf(value));
        }
        return out;
    }

    private static String describe(Object v) {
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        return "'" + v + "'";
    }
}
