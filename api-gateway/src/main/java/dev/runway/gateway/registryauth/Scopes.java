package dev.runway.gateway.registryauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code scope} parameters of a token request ({@code repository:<name>:<action>[,<action>]},
 * several per request, as Docker's token specification has them) and what a caller is granted of
 * them: the actions it asked for that it may do, on repositories only.
 */
public final class Scopes {

    /** At most this many scopes in one request (a push asks for two or three). */
    static final int MAX_SCOPES = 32;

    /** Distribution's repository name grammar (path components of lowercase alphanumerics and separators). */
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern ACTION = Pattern.compile("[a-z*]+");

    /** One requested or granted access: a resource and actions on it. */
    public record Grant(String type, String name, List<String> actions) {
    }

    /** A scope that cannot be read: the message says which and why. */
    public static final class BadScope extends Exception {
        BadScope(String message) {
            super(message);
        }
    }

    private Scopes() {
    }

    /** Every scope of the request's {@code scope} parameters (each may hold several, space-separated). */
    public static List<Grant> parse(List<String> params) throws BadScope {
        List<Grant> scopes = new ArrayList<>();
        for (String param : params == null ? List.<String>of() : params) {
            for (String scope : param.trim().split(" +")) {
                if (scope.isEmpty()) {
                    continue;
                }
                if (scopes.size() == MAX_SCOPES) {
                    throw new BadScope("a token request may name at most " + MAX_SCOPES + " scopes");
                }
                scopes.add(parseOne(scope));
            }
        }
        return scopes;
    }

    static Grant parseOne(String scope) throws BadScope {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first) {
            throw new BadScope("scope '" + abbreviate(scope) + "' is not <type>:<name>:<actions>, e.g."
                    + " repository:my-app:pull,push");
        }
        String type = scope.substring(0, first);
        String name = scope.substring(first + 1, last);
        String actions = scope.substring(last + 1);
        // "repository(plugin)" names a resource class; the class changes nothing here
        String baseType = type.replaceFirst("\\([a-z0-9]+\\)$", "");
        if (!baseType.equals("repository") && !baseType.equals("registry")) {
            throw new BadScope("scope '" + abbreviate(scope) + "': unknown resource type '" + abbreviate(type)
                    + "' (repository or registry)");
        }
        if (baseType.equals("repository") && (name.length() > 255 || !NAME.matcher(name).matches())) {
            throw new BadScope("scope '" + abbreviate(scope) + "': '" + abbreviate(name) + "' is not a repository name"
                    + " (lowercase letters, digits, separators . _ - and / between components, at most 255 characters)");
        }
        Set<String> list = new LinkedHashSet<>();
        for (String action : actions.split(",")) {
            if (!ACTION.matcher(action).matches()) {
                throw new BadScope("scope '" + abbreviate(scope) + "': '" + abbreviate(action) + "' is not an action"
                        + " (pull, push, delete or *)");
            }
            list.add(action);
        }
        return new Grant(baseType, name, List.copyOf(list));
    }

    /**
     * What is granted: of each repository scope the requested actions among {@code allowed}
     * ({@code *} asks for all of them); nothing on the registry itself (the catalog). Scopes naming
     * the same repository are merged.
     */
    public static List<Grant> grant(List<Grant> requested, Set<String> allowed) {
        Map<String, Set<String>> granted = new LinkedHashMap<>();
        for (Grant g : requested) {
            if (!g.type().equals("repository")) {
                continue;
            }
            Set<String> actions = granted.computeIfAbsent(g.name(), n -> new LinkedHashSet<>());
            for (String a : g.actions()) {
                if (a.equals("*")) {
                    allowed.stream().sorted().forEach(actions::add);
                } else if (allowed.contains(a)) {
                    actions.add(a);
                }
            }
        }
        List<Grant> out = new ArrayList<>();
        granted.forEach((name, actions) -> out.add(new Grant("repository", name, List.copyOf(actions))));
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
