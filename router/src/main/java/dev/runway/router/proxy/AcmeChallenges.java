package dev.runway.router.proxy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where the router finds the key authorization an ACME CA asks for at {@code /.well-known/acme-challenge/<token>}. */
@FunctionalInterface
public interface AcmeChallenges {

    AcmeChallenges NONE = token -> CompletableFuture.completedFuture(Optional.empty());

    /** The key authorization for {@code token}, empty when none is pending; never blocks. */
    CompletionStage<Optional<String>> answer(String token);
}
