package dev.runway.buildworker.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.File;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Docker adapter of the build-worker (docker-java, engine API 1.41): builds an image from a
 * context directory with the legacy builder, never pulling, and pushes it to the platform registry.
 */
public final class ImageBuilder implements AutoCloseable {

    /** A build or push that failed; the message is for the user. */
    public static final class ImageBuildException extends Exception {
        public ImageBuildException(String message) {
            super(message, null, false, false);
        }
    }

    /** Memory (and swap: none beyond it) one build step may use. */
    static final long BUILD_MEMORY_BYTES = 2L * 1024 * 1024 * 1024;
    /** Docker CPU shares of a build: half of the default 1024 every container has. */
    static final String BUILD_CPU_SHARES = "512";

    private final DockerClient client;
    private final java.util.function.Supplier<com.github.dockerjava.api.model.AuthConfig> login;

    public ImageBuilder(String dockerHost) {
        this(dockerHost, () -> null);
    }

    /**
     * {@code login}: the build-worker's own credential for the platform registry, asked at each
     * push (null: none, the engine's own settings apply).
     */
    public ImageBuilder(String dockerHost, java.util.function.Supplier<com.github.dockerjava.api.model.AuthConfig> login) {
        this.login = login;
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost)
                .withApiVersion("1.41").build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).maxConnections(8).connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(30)).build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    public boolean hasImage(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Builds {@code dockerfile} in {@code context} as {@code tag}; every output line goes to {@code log}. */
    public void build(File context, File dockerfile, String tag, Duration timeout, Consumer<String> log)
            throws ImageBuildException {
        AtomicReference<String> error = new AtomicReference<>();
        StringBuilder partial = new StringBuilder();
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    partial.append(item.getStream());
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        log.accept(partial.substring(0, nl));
                        partial.delete(0, nl + 1);
                    }
                }
                if (item.getErrorDetail() != null) {
                    error.set(item.getErrorDetail().getMessage());
                }
                super.onNext(item);
            }
        };
        try {
            client.buildImageCmd().withBaseDirectory(context).withDockerfile(dockerfile).withTags(Set.of(tag))
                    .withPull(false).withRemove(true).withForcerm(true)
                    // a build step runs the repository's commands: no network (not the platform's
                    // loopback ports either), bounded memory, and half the CPU weight of anything
                    // else, so a build never starves the instances and the platform (the engine's
                    // build API has no pids or CPU-quota limit; memory and the build timeout bound a fork bomb)
                    .withNetworkMode("none").withMemory(BUILD_MEMORY_BYTES).withMemswap(BUILD_MEMORY_BYTES)
                    .withCpushares(BUILD_CPU_SHARES)
                    .exec(callback)
                    .awaitImageId(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (DockerClientException | DockerException e) {
            if (partial.length() > 0) {
                log.accept(partial.toString());
            }
            String reason = error.get() != null ? error.get() : e.getMessage();
            throw new ImageBuildException(reason == null ? "the image build failed" : reason.strip());
        } finally {
            try {
                callback.close();
            } catch (java.io.IOException ignored) {
                // closing a finished stream
            }
        }
    }

    /** Pushes {@code repository:tag} and returns the digest the registry gave it. */
    public String push(String repository, String tag, Duration timeout) throws ImageBuildException {
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        com.github.dockerjava.api.model.AuthConfig auth;
        try {
            auth = login.get();
        } catch (IllegalStateException e) {
            throw new ImageBuildException(e.getMessage());
        }
        try {
            var push = client.pushImageCmd(repository).withTag(tag);
            if (auth != null) {
                push.withAuthConfig(auth);
            }
            boolean done = push.exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest.set(item.getAux().getDigest());
                    }
                    if (item.getErrorDetail() != null) {
                        error.set(item.getErrorDetail().getMessage());
                    }
                }
            }).awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                throw new ImageBuildException("pushing " + repository + ":" + tag + " took longer than " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while pushing " + repository + ":" + tag);
        } catch (DockerClientException | DockerException e) {
            throw new ImageBuildException("could not push " + repository + ":" + tag + " to the platform registry: "
                    + (error.get() != null ? error.get() : e.getMessage()));
        }
        if (error.get() != null) {
            throw new ImageBuildException("could not push " + repository + ":" + tag + ": " + error.get());
        }
        if (digest.get() == null) {
            throw new ImageBuildException("the registry accepted " + repository + ":" + tag + " but named no digest");
        }
        return digest.get();
    }

    /** Removes the local copy of a pushed image (the deploy-worker pulls it by digest). */
    public void removeQuietly(String image) {
        try {
            client.removeImageCmd(image).withNoPrune(false).exec();
        } catch (RuntimeException ignored) {
            // still used, or gone already
        }
    }

    @Override
    public void close() throws java.io.IOException {
        client.close();
    }
}
