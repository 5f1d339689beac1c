package dev.runway.events.secret;

import dev.runway.events.Message;

/**
 * A fact about an SSM parameter, appended by the service-registry to the parameter's stream (its
 * ARN). A value travels only as ciphertext under the registry's credentials key.
 */
public sealed interface ParameterEvent extends Message permits ParameterPut, ParameterDeleted {

    String parameterArn();

    @Override
    default String resourceArn() {
        return parameterArn();
    }
}
