package dev.runway.buildworker.runtime;

import dev.runway.buildworker.build.ImageBuilder;
import dev.runway.buildworker.config.BuildConfig;
import dev.runway.events.model.ManagedRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The runtime base images, built lazily: the first build that needs a recipe runs
 * deploy/images/runtime/build.sh (debootstrap, a few minutes, once per machine); later builds
 * find the image by its recipe's tag and start at once.
 */
@ApplicationScoped
public class RuntimeImages {

    /** The base image cannot be had; the message is for the user. */
    public static final class RuntimeUnavailable extends Exception {
        public RuntimeUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final Path script;
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    public RuntimeImages(BuildConfig config) {
        this.script = Path.of(config.root(), "deploy", "images", "runtime", "build.sh");
    }

    /** The image of {@code runtime}'s recipe, built first when missing. */
    public synchronized String ensure(ManagedRuntime runtime, ImageBuilder docker, Consumer<String> log)
            throws RuntimeUnavailable {
        String image = tag(runtime.recipe());
        if (docker.hasImage(image)) {
            return image;
        }
        log.accept("Runtime image " + image + " is not built on this machine yet: building it from Debian"
                + " packages (a few minutes, once).");
        List<String> out = run(List.of(script.toString(), runtime.recipe()), 30, log);
        if (!docker.hasImage(image)) {
            throw new RuntimeUnavailable("The runtime image " + image + " could not be built: "
                    + String.join(" / ", out.subList(Math.max(0, out.size() - 3), out.size())));
        }
        return image;
    }

    /** The image name of a recipe, as build.sh computes it. */
    public String tag(String recipe) throws RuntimeUnavailable {
        String known = tags.get(recipe);
        if (known != null) {
            return known;
        }
        List<String> out = run(List.of(script.toString(), "--tag", recipe), 1, line -> {
        });
        if (out.isEmpty() || !out.get(out.size() - 1).startsWith("runway/runtime-")) {
            throw new RuntimeUnavailable("Runway's runtime recipe " + script + " did not name an image for " + recipe);
        }
        String tag = out.get(out.size() - 1).trim();
        tags.put(recipe, tag);
        return tag;
    }

    private static List<String> run(List<String> command, int minutes, Consumer<String> log) throws RuntimeUnavailable {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new java.util.ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    log.accept(line);
                }
            }
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new RuntimeUnavailable(command + " took longer than " + minutes + " min");
            }
            if (p.exitValue() != 0) {
                throw new RuntimeUnavailable("building the runtime image failed (exit " + p.exitValue() + "): "
                        + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
            return lines;
        } catch (IOException e) {
            throw new RuntimeUnavailable("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeUnavailable("interrupted while building the runtime image");
        }
    }
}
