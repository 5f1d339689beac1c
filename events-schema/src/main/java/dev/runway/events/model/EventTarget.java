package dev.runway.events.model;

import java.util.Map;

/**
 * One target of an event rule: an HTTP(S) endpoint (EventBridge's {@code Target} with its
 * {@code Arn} holding the URL), what to send and how hard to try.
 *
 * @param id               the target's id within its rule
 * @param url              where deliveries are POSTed
 * @param headers          extra request headers (EventBridge's HttpParameters.HeaderParameters), e.g. auth
 * @param input            constant JSON sent instead of the event (EventBridge's Input), or null
 * @param inputPath        JSONPath ({@code $.detail.x}) selecting what to send, or null
 * @param inputPathsMap    InputTransformer's names to paths, or null
 * @param inputTemplate    InputTransformer's template with {@code <name>} placeholders, or null
 * @param maximumRetryAttempts     retries after the first attempt before dead-lettering
 * @param maximumEventAgeInSeconds how long after the event's time delivery is still tried
 * @param deadLetterArn    DeadLetterConfig.Arn: the label of the dead-letter list, or null
 */
public record EventTarget(
        String id,
        String url,
        Map<String, String> headers,
        String input,
        String inputPath,
        Map<String, String> inputPathsMap,
        String inputTemplate,
        int maximumRetryAttempts,
        int maximumEventAgeInSeconds,
        String deadLetterArn) {

    /** EventBridge's defaults: 185 retries over 24 hours. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 185;
    public static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;

    public EventTarget {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
