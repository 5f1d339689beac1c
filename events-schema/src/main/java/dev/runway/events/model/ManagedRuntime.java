package dev.runway.events.model;

import java.util.List;
import java.util.Optional;

/**
 * A managed runtime this installation offers for source-code services (SPEC.md §3.3), on base
 * images built from Debian bookworm's packages (deploy/images/runtime/build.sh). Where Debian has
 * no package of the version App Runner names, the nearest newer one runs it, and says so.
 *
 * @param id          App Runner's {@code Runtime} enum value, e.g. {@code PYTHON_311}
 * @param yamlName    the {@code runtime} value in apprunner.yaml, e.g. {@code python311}
 * @param language    what runs the code, e.g. {@code Python}
 * @param versionUsed the version the image carries
 * @param exact       true when that is the version App Runner names; false when it is the nearest newer one
 * @param revised     true for the revised build process (multi-stage, {@code run.pre-run}); false for the original
 * @param recipe      the base image recipe it runs on ({@code base} or {@code go})
 */
public record ManagedRuntime(String id, String yamlName, String language, String versionUsed, boolean exact,
        boolean revised, String recipe) {

    /** Every runtime offered, in App Runner's table order. */
    public static final List<ManagedRuntime> OFFERED = List.of(
            new ManagedRuntime("PYTHON_311", "python311", "Python", "3.11 (Debian python3 3.11.2)", true, true, "base"),
            new ManagedRuntime("PYTHON_3", "python3", "Python", "3.11 (Debian python3 3.11.2)", false, false, "base"),
            new ManagedRuntime("NODEJS_18", "nodejs18", "Node.js", "18 (Debian nodejs 18.19)", true, true, "base"),
            new ManagedRuntime("NODEJS_16", "nodejs16", "Node.js", "18 (Debian nodejs 18.19)", false, false, "base"),
            new ManagedRuntime("CORRETTO_11", "corretto11", "Java", "OpenJDK 17 (Debian openjdk-17; no Corretto 11 here)",
                    false, false, "base"),
            new ManagedRuntime("CORRETTO_8", "corretto8", "Java", "OpenJDK 17 (Debian openjdk-17; no Corretto 8 here)",
                    false, false, "base"),
            new ManagedRuntime("GO_1", "go1", "Go", "1.19 (Debian golang-1.19)", false, false, "go"));

    /** A runtime by its API id or its apprunner.yaml name. */
    public static Optional<ManagedRuntime> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        return OFFERED.stream().filter(r -> r.id.equalsIgnoreCase(n) || r.yamlName.equalsIgnoreCase(n)).findFirst();
    }

    /** "PYTHON_311, PYTHON_3, ..." for messages that name what is offered. */
    public static String offeredIds() {
        return String.join(", ", OFFERED.stream().map(ManagedRuntime::id).toList());
    }

    /** "python311, python3, ..." for apprunner.yaml messages. */
    public static String offeredYamlNames() {
        return String.join(", ", OFFERED.stream().map(ManagedRuntime::yamlName).toList());
    }

    /** One line for the build log and {@code runway runtimes}. */
    public String describe() {
        return id + " (" + yamlName + "): " + language + " " + versionUsed + ", "
                + (exact ? "the version App Runner names" : "the nearest newer version Debian offers") + "; "
                + (revised ? "revised" : "original") + " build process";
    }
}
