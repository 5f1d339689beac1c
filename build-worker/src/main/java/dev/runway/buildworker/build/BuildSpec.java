package dev.runway.buildworker.build;

import dev.runway.events.model.ManagedRuntime;
import java.util.List;
import java.util.Map;

/**
 * What to build and how to run it, from apprunner.yaml or the API's CodeConfigurationValues
 * (SPEC.md §4.1), validated. Lists are empty rather than null; maps keep their order.
 *
 * @param runtime        the managed runtime
 * @param runtimeVersion run.runtime-version as given (only the major is honoured: one version per runtime here)
 * @param portEnv        run.network.env: another variable that receives the port, or null
 */
public record BuildSpec(
        ManagedRuntime runtime,
        List<String> preBuild,
        List<String> build,
        List<String> postBuild,
        Map<String, String> buildEnv,
        String runtimeVersion,
        List<String> preRun,
        String command,
        String port,
        String portEnv,
        Map<String, String> runEnv,
        Map<String, String> secrets) {
}
