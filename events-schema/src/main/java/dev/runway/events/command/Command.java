package dev.runway.events.command;

import dev.runway.events.Message;

/** An imperative for the service-registry, on {@code runway.commands}. The registry answers each with a reply. */
public sealed interface Command extends Message permits CreateService, DeleteService, UpdateService,
        StartDeployment, PauseService, ResumeService, ResourceCommand, CreateConnection, DeleteConnection,
        PutEventRule, SetEventRuleState, DeleteEventRule, PutEventTargets, RemoveEventTargets, ScaleService,
        WakeService, UpdateTraffic, AdvanceRollout, RollBackRollout {
}
