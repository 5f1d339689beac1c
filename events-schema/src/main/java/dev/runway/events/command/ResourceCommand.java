package dev.runway.events.command;

/**
 * A command about an account-level App Runner resource other than a service (auto scaling and
 * observability configurations, VPC connectors and ingress connections, custom domains, tags).
 * Non-sealed so that the resource commands can live in their own package,
 * {@code dev.runway.events.resource}; the registry's resource decider handles each of them.
 */
public non-sealed interface ResourceCommand extends Command {
}
