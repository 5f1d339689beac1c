package dev.runway.gateway.protocol;

import java.util.Map;

/**
 * A feature's App Runner operations by name. Every CDI bean implementing it is served by
 * {@link AppRunnerProtocol}, so a feature adds operations without touching the dispatcher.
 */
public interface OperationSet {
    Map<String, Operation> operations();
}
