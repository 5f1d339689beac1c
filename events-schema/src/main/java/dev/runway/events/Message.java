package dev.runway.events;

/**
 * Anything that travels on a Runway topic inside an {@link Envelope}. Every message names the
 * resource it is about; that ARN is also its Kafka key, so one resource's messages stay in order.
 */
public interface Message {
    String resourceArn();
}
