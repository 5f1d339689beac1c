package dev.runway.events.wire;

import dev.runway.events.Message;
import dev.runway.events.build.BuildRevision;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccessKeyDeleted;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.InstancesReplaced;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.log.LogLine;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.reply.CommandAccepted;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.report.BuildFailed;
import dev.runway.events.report.BuildSucceeded;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionsRetired;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit list of wire type names. Names are part of stored history: renaming a Java class
 * must never change them, so they are written out here rather than derived from class names.
 */
public final class TypeRegistry {

    private static final Map<String, Class<? extends Message>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<? extends Message>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        // commands
        register("CreateService", CreateService.class);
        register("DeleteService", DeleteService.class);
        register("UpdateService", UpdateService.class);
        register("StartDeployment", StartDeployment.class);
        register("PauseService", PauseService.class);
        register("ResumeService", ResumeService.class);
        register("PutEventRule", dev.runway.events.command.PutEventRule.class);
        register("SetEventRuleState", dev.runway.events.command.SetEventRuleState.class);
        register("DeleteEventRule", dev.runway.events.command.DeleteEventRule.class);
        register("PutEventTargets", dev.runway.events.command.PutEventTargets.class);
        register("RemoveEventTargets", dev.runway.events.command.RemoveEventTargets.class);
        register("ScaleService", dev.runway.events.command.ScaleService.class);
        register("WakeService", dev.runway.events.command.WakeService.class);
        register("UpdateTraffic", dev.runway.events.command.UpdateTraffic.class);
        // events
        register("ServiceCreated", ServiceCreated.class);
        register("OperationStarted", OperationStarted.class);
        register("ServiceStatusChanged", ServiceStatusChanged.class);
        register("DeploymentStarted", DeploymentStarted.class);
        register("RevisionActivated", RevisionActivated.class);
        register("DeploymentFailed", DeploymentFailed.class);
        register("OperationSucceeded", OperationSucceeded.class);
        register("OperationFailed", OperationFailed.class);
        register("ServiceInstancesStopped", ServiceInstancesStopped.class);
        register("ServiceDeleted", ServiceDeleted.class);
        register("ServiceConfigurationChanged", ServiceConfigurationChanged.class);
        register("InstancesReplaced", InstancesReplaced.class);
        register("ServiceScaled", dev.runway.events.event.ServiceScaled.class);
        register("ServiceScalingLimitsChanged", dev.runway.events.event.ServiceScalingLimitsChanged.class);
        register("TrafficShiftStarted", dev.runway.events.event.TrafficShiftStarted.class);
        register("TrafficRevisionReady", dev.runway.events.event.TrafficRevisionReady.class);
        register("RevisionInstancesLost", dev.runway.events.report.RevisionInstancesLost.class);
        register("TrafficShifted", dev.runway.events.event.TrafficShifted.class);
        register("RolloutStarted", dev.runway.events.event.RolloutStarted.class);
        register("RolloutStepped", dev.runway.events.event.RolloutStepped.class);
        register("RolloutRolledBack", dev.runway.events.event.RolloutRolledBack.class);
        register("AdvanceRollout", dev.runway.events.command.AdvanceRollout.class);
        register("RollBackRollout", dev.runway.events.command.RollBackRollout.class);
        // account events (credentials)
        register("AccessKeyCreated", AccessKeyCreated.class);
        register("AccessKeyDeleted", AccessKeyDeleted.class);
        // account resources: commands, then events (dev.runway.events.resource)
        register("CreateAutoScalingConfiguration", dev.runway.events.resource.CreateAutoScalingConfiguration.class);
        register("DeleteAutoScalingConfiguration", dev.runway.events.resource.DeleteAutoScalingConfiguration.class);
        register("UpdateDefaultAutoScalingConfiguration", dev.runway.events.resource.UpdateDefaultAutoScalingConfiguration.class);
        register("CreateObservabilityConfiguration", dev.runway.events.resource.CreateObservabilityConfiguration.class);
        register("DeleteObservabilityConfiguration", dev.runway.events.resource.DeleteObservabilityConfiguration.class);
        register("CreateVpcConnector", dev.runway.events.resource.CreateVpcConnector.class);
        register("DeleteVpcConnector", dev.runway.events.resource.DeleteVpcConnector.class);
        register("CreateVpcIngressConnection", dev.runway.events.resource.CreateVpcIngressConnection.class);
        register("UpdateVpcIngressConnection", dev.runway.events.resource.UpdateVpcIngressConnection.class);
        register("DeleteVpcIngressConnection", dev.runway.events.resource.DeleteVpcIngressConnection.class);
        register("AssociateCustomDomain", dev.runway.events.resource.AssociateCustomDomain.class);
        register("DisassociateCustomDomain", dev.runway.events.resource.DisassociateCustomDomain.class);
        register("TagResource", dev.runway.events.resource.TagResource.class);
        register("UntagResource", dev.runway.events.resource.UntagResource.class);
        register("AutoScalingConfigurationCreated", dev.runway.events.resource.AutoScalingConfigurationCreated.class);
        register("AutoScalingConfigurationDefaultChanged", dev.runway.events.resource.AutoScalingConfigurationDefaultChanged.class);
        register("AutoScalingConfigurationDeleted", dev.runway.events.resource.AutoScalingConfigurationDeleted.class);
        register("ObservabilityConfigurationCreated", dev.runway.events.resource.ObservabilityConfigurationCreated.class);
        register("ObservabilityConfigurationDeleted", dev.runway.events.resource.ObservabilityConfigurationDeleted.class);
        register("VpcConnectorCreated", dev.runway.events.resource.VpcConnectorCreated.class);
        register("VpcConnectorDeleted", dev.runway.events.resource.VpcConnectorDeleted.class);
        register("VpcIngressConnectionCreated", dev.runway.events.resource.VpcIngressConnectionCreated.class);
        register("VpcIngressConnectionUpdated", dev.runway.events.resource.VpcIngressConnectionUpdated.class);
        register("VpcIngressConnectionDeleted", dev.runway.events.resource.VpcIngressConnectionDeleted.class);
        register("CustomDomainAssociated", dev.runway.events.resource.CustomDomainAssociated.class);
        register("CustomDomainDisassociated", dev.runway.events.resource.CustomDomainDisassociated.class);
        register("CustomDomainStatusChanged", dev.runway.events.resource.CustomDomainStatusChanged.class);
        register("CustomDomainCertificateIssued", dev.runway.events.resource.CustomDomainCertificateIssued.class);
        register("PlatformCertificateIssued", dev.runway.events.resource.PlatformCertificateIssued.class);
        register("ResourceTagged", dev.runway.events.resource.ResourceTagged.class);
        register("ResourceUntagged", dev.runway.events.resource.ResourceUntagged.class);
        // event rules (EventBridge-style subscriptions)
        register("EventRuleChanged", dev.runway.events.event.EventRuleChanged.class);
        register("EventRuleDeleted", dev.runway.events.event.EventRuleDeleted.class);
        // SSM parameters and Secrets Manager secrets (values only as ciphertext)
        register("ParameterPut", dev.runway.events.secret.ParameterPut.class);
        register("ParameterDeleted", dev.runway.events.secret.ParameterDeleted.class);
        register("SecretCreated", dev.runway.events.secret.SecretCreated.class);
        register("SecretValuePut", dev.runway.events.secret.SecretValuePut.class);
        register("SecretDescribed", dev.runway.events.secret.SecretDescribed.class);
        register("SecretDeletionScheduled", dev.runway.events.secret.SecretDeletionScheduled.class);
        register("SecretRestored", dev.runway.events.secret.SecretRestored.class);
        register("SecretDeleted", dev.runway.events.secret.SecretDeleted.class);
        register("SecretTagged", dev.runway.events.secret.SecretTagged.class);
        register("SecretUntagged", dev.runway.events.secret.SecretUntagged.class);
        // source builds
        register("SourceBuilt", SourceBuilt.class);
        register("BuildRevision", BuildRevision.class);
        register("BuildSucceeded", BuildSucceeded.class);
        register("BuildFailed", BuildFailed.class);
        register("LogLine", LogLine.class);
        // connections
        register("CreateConnection", dev.runway.events.command.CreateConnection.class);
        register("DeleteConnection", dev.runway.events.command.DeleteConnection.class);
        register("ConnectionCreated", dev.runway.events.event.ConnectionCreated.class);
        register("ConnectionHandshakeCompleted", dev.runway.events.event.ConnectionHandshakeCompleted.class);
        register("ConnectionDeleted", dev.runway.events.event.ConnectionDeleted.class);
        // deploy-worker commands
        register("DeployRevision", DeployRevision.class);
        register("StopService", StopService.class);
        register("RetireRevisions", RetireRevisions.class);
        register("ScaleRevision", dev.runway.events.deploy.ScaleRevision.class);
        // reports
        register("RevisionDeployed", RevisionDeployed.class);
        register("RevisionDeployFailed", RevisionDeployFailed.class);
        register("InstancesStopped", InstancesStopped.class);
        register("InstancesStopFailed", InstancesStopFailed.class);
        register("InstancesRestored", InstancesRestored.class);
        register("RevisionsRetired", RevisionsRetired.class);
        register("RevisionScaled", dev.runway.events.report.RevisionScaled.class);
        // replies
        register("CommandAccepted", CommandAccepted.class);
        register("CommandRejected", CommandRejected.class);
        // metrics
        register("TrafficMeasured", TrafficMeasured.class);
        register("InstancesMeasured", dev.runway.events.metrics.InstancesMeasured.class);
    }

    private static void register(String name, Class<? extends Message> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    /** The wire name of a payload class; fails loudly for an unregistered class. */
    public static String typeOf(Class<?> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered wire type");
        }
        return name;
    }

    /** The payload class of a wire name, or an exception naming the unknown type. */
    public static Class<? extends Message> classOf(String name) {
        Class<? extends Message> type = BY_NAME.get(name);
        if (type == null) {
            throw new UnknownMessageTypeException(name);
        }
        return type;
    }

    /** Every registered wire name, in registration order. */
    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    private TypeRegistry() {
    }
}
