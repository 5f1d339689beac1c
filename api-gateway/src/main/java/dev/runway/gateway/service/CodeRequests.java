package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.model.CodeSource;
import dev.runway.events.model.ManagedRuntime;
import dev.runway.events.model.Tag;
import dev.runway.gateway.protocol.ApiError;
import java.util.List;
import java.util.Locale;

/**
 * A CodeRepository source (SPEC.md §3.1) → {@link CodeSource}: the checks the API model cannot
 * express, with messages that say what to change.
 */
final class CodeRequests {

    /** The service tag that asks for a build from the repository's own Dockerfile (Runway's extension). */
    static final String BUILD_FROM_TAG = "runway:build-from";

    static CodeSource code(JsonNode source, List<Tag> tags) {
        JsonNode repo = source.path("CodeRepository");
        String url = repo.path("RepositoryUrl").asText().trim();
        requireSupportedUrl(url);
        JsonNode version = repo.path("SourceCodeVersion");
        if (!"BRANCH".equalsIgnoreCase(version.path("Type").asText("BRANCH"))) {
            throw ApiError.invalidRequest("SourceCodeVersion.Type must be BRANCH.");
        }
        String branch = version.path("Value").asText().trim();
        if (branch.isEmpty()) {
            throw ApiError.invalidRequest("SourceCodeVersion.Value must name the branch to build, e.g. main.");
        }
        String directory = directory(ServiceRequests.text(repo, "SourceDirectory", "/"));
        String connection = ServiceRequests.text(source.path("AuthenticationConfiguration"), "ConnectionArn", null);

        String buildFrom = tags.stream().filter(t -> t.key().equals(BUILD_FROM_TAG)).map(Tag::value).findFirst()
                .orElse(null);
        if (buildFrom != null && !buildFrom.equalsIgnoreCase("Dockerfile")) {
            throw ApiError.invalidRequest("The tag " + BUILD_FROM_TAG + " only takes the value Dockerfile (build the"
                    + " repository's Dockerfile instead of a managed runtime); it was '" + buildFrom + "'.");
        }

        JsonNode config = repo.path("CodeConfiguration");
        if (config.isMissingNode() || config.isNull()) {
            throw ApiError.invalidRequest("CodeRepository needs a CodeConfiguration: ConfigurationSource REPOSITORY"
                    + " (read apprunner.yaml from the source directory) or API (with CodeConfigurationValues).");
        }
        String configurationSource = config.path("ConfigurationSource").asText();
        CodeSource.Values values = values(config.path("CodeConfigurationValues"), configurationSource);
        return new CodeSource(url, branch, directory, connection, configurationSource, values,
                buildFrom == null ? null : CodeSource.DOCKERFILE);
    }

    private static CodeSource.Values values(JsonNode v, String configurationSource) {
        boolean api = CodeSource.API.equals(configurationSource);
        if (v.isMissingNode() || v.isNull()) {
            if (api) {
                throw ApiError.invalidRequest("ConfigurationSource API needs CodeConfigurationValues with at least"
                        + " Runtime and StartCommand (or use REPOSITORY and an apprunner.yaml).");
            }
            return null;
        }
        String runtime = v.path("Runtime").asText();
        if (api && ManagedRuntime.find(runtime).isEmpty()) {
            throw ApiError.invalidRequest("Runtime " + runtime + " is not offered by this Runway installation. Offered"
                    + " runtimes: " + ManagedRuntime.offeredIds() + " (./runway runtimes lists the versions used).");
        }
        String start = ServiceRequests.text(v, "StartCommand", null);
        if (api && (start == null || start.isBlank())) {
            throw ApiError.invalidRequest("CodeConfigurationValues.StartCommand is required: the command that"
                    + " starts your application, e.g. python3 server.py.");
        }
        var env = ServiceRequests.strings(v.path("RuntimeEnvironmentVariables"));
        if (env.keySet().stream().anyMatch(k -> k.equals("PORT"))) {
            throw ApiError.invalidRequest("PORT is reserved: Runway sets it to the port your application must"
                    + " listen on. Remove it from RuntimeEnvironmentVariables.");
        }
        return new CodeSource.Values(runtime, ServiceRequests.text(v, "BuildCommand", null), start,
                ServiceRequests.text(v, "Port", "8080"), env,
                ServiceRequests.strings(v.path("RuntimeEnvironmentSecrets")));
    }

    private static void requireSupportedUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("file://"))) {
            throw ApiError.invalidRequest("RepositoryUrl '" + url + "' is not a git URL Runway can clone: use"
                    + " https://host/owner/repo (with a connection for private repositories) or file:///path/to/repo"
                    + " on this machine.");
        }
    }

    /** "/", "/app", "app/" → "/" and "/app"; a path that climbs out of the repository is refused. */
    static String directory(String given) {
        String d = given.trim().replace('\\', '/');
        if (!d.startsWith("/")) {
            d = "/" + d;
        }
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String part : d.split("/")) {
            if (part.equals("..")) {
                throw ApiError.invalidRequest("SourceDirectory '" + given + "' leaves the repository; give a path"
                        + " inside it, e.g. /services/web.");
            }
        }
        return d;
    }

    private CodeRequests() {
    }
}
