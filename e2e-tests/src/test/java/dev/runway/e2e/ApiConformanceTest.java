package dev.runway.e2e;

import static dev.runway.e2e.JavaSdkTest.APP_RUNNER;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apprunner.model.AutoScalingConfiguration;
import software.amazon.awssdk.services.apprunner.model.CreateServiceResponse;
import software.amazon.awssdk.services.apprunner.model.ImageRepositoryType;
import software.amazon.awssdk.services.apprunner.model.ServiceStatus;
import software.amazon.awssdk.services.apprunner.model.Tag;
import software.amazon.awssdk.services.apprunner.model.TracingVendor;

/**
 * Every App Runner operation (all 37; the connection handshake and push webhook are in
 * ConnectionTest), through the AWS SDK for Java v2 and the aws CLI: the happy path, and for each at least three bad
 * inputs (a missing required member, a broken rule, an unknown resource or a wrong state). The SDK
 * parsing every response is the proof that the shapes conform.
 */
class ApiConformanceTest {

    static final String BASE = "arn:aws:apprunner:" + Platform.REGION + ":000000000000:";
    static final String UNKNOWN_SERVICE = BASE + "service/nobody/0123456789abcdef0123456789abcdef";
    static final String UNKNOWN_ASC = BASE + "autoscalingconfiguration/nobody/1/0123456789abcdef0123456789abcdef";
    static final String UNKNOWN_OBS = BASE + "observabilityconfiguration/nobody/1/0123456789abcdef0123456789abcdef";
    static final String UNKNOWN_VPC = BASE + "vpcconnector/nobody/1/0123456789abcdef0123456789abcdef";
    static final String UNKNOWN_VIC = BASE + "vpcingressconnection/nobody/0123456789abcdef0123456789abcdef";
    static final String BAD_ARN = "not-an-arn";
    static final String INVALID = "InvalidRequestException";
    static final String NOT_FOUND = "ResourceNotFoundException";
    static final String STATE = "InvalidStateException";
    static final String QUOTA = "ServiceQuotaExceededException";

    static CreateServiceResponse createService(String name, String autoScalingArn) {
        return APP_RUNNER.createService(b -> b.serviceName(name).autoScalingConfigurationArn(autoScalingArn)
                .tags(Tag.builder().key("suite").value("conformance").build())
                .sourceConfiguration(s -> s.autoDeploymentsEnabled(false).imageRepository(i -> i
                        .imageIdentifier(Platform.HELLO_IMAGE).imageRepositoryType(ImageRepositoryType.ECR)
                        .imageConfiguration(c -> c.port("8080")))));
    }

    static ServiceStatus settle(String arn) {
        return Platform.eventually("service to settle", Duration.ofSeconds(120), () -> {
            ServiceStatus s = APP_RUNNER.describeService(b -> b.serviceArn(arn)).service().status();
            return s == ServiceStatus.OPERATION_IN_PROGRESS ? null : s;
        });
    }

    @Test
    void shouldServeTheAutoScalingAndServiceOperationsAsTheSdkExpects() {
        try (Checks c = new Checks()) {
            String name = "conf" + Platform.uniqueName("a").substring(2).replace("-", "");
            // auto scaling configurations: revisions under one name
            AutoScalingConfiguration r1 = c.sdkOk("CreateAutoScalingConfiguration", () -> APP_RUNNER
                    .createAutoScalingConfiguration(b -> b.autoScalingConfigurationName(name).maxConcurrency(50)
                            .minSize(1).maxSize(3).tags(Tag.builder().key("team").value("a").build()))
                    .autoScalingConfiguration());
            AutoScalingConfiguration r2 = c.sdkOk("CreateAutoScalingConfiguration revision 2", () -> APP_RUNNER
                    .createAutoScalingConfiguration(b -> b.autoScalingConfigurationName(name).maxSize(2))
                    .autoScalingConfiguration());
            c.that("revisions 1 and 2", r1.autoScalingConfigurationRevision() == 1
                    && r2.autoScalingConfigurationRevision() == 2 && r2.latest() && r2.maxConcurrency() == 100);
            c.that("ARN format", r1.autoScalingConfigurationArn().matches(
                    "arn:aws:apprunner:[a-z0-9-]+:[0-9]{12}:autoscalingconfiguration/" + name + "/1/[0-9a-f]{32}"));
            c.that("Describe by name means the latest revision", APP_RUNNER.describeAutoScalingConfiguration(b -> b
                    .autoScalingConfigurationArn(BASE + "autoscalingconfiguration/" + name)).autoScalingConfiguration()
                    .autoScalingConfigurationRevision() == 2);
            c.that("List latest only", APP_RUNNER.listAutoScalingConfigurations(b -> b.autoScalingConfigurationName(name))
                    .autoScalingConfigurationSummaryList().size() == 1);
            var page1 = APP_RUNNER.listAutoScalingConfigurations(b -> b.autoScalingConfigurationName(name)
                    .latestOnly(false).maxResults(1));
            c.that("List pages with NextToken", page1.autoScalingConfigurationSummaryList().size() == 1
                    && page1.nextToken() != null && APP_RUNNER.listAutoScalingConfigurations(b -> b
                    .autoScalingConfigurationName(name).latestOnly(false).maxResults(1).nextToken(page1.nextToken()))
                    .autoScalingConfigurationSummaryList().get(0).autoScalingConfigurationRevision() == 2);
            c.that("tags at create", APP_RUNNER.listTagsForResource(b -> b.resourceArn(r1.autoScalingConfigurationArn()))
                    .tags().get(0).value().equals("a"));
            c.sdkFails("Create: missing name", INVALID, () -> APP_RUNNER.createAutoScalingConfiguration(b -> b.maxSize(2)));
            c.sdkFails("Create: MaxConcurrency out of range", INVALID, () -> APP_RUNNER.createAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationName(name).maxConcurrency(500)));
            c.sdkFails("Create: MinSize above MaxSize", INVALID, () -> APP_RUNNER.createAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationName(name).minSize(5).maxSize(2)));
            c.sdkFails("Create: bad name", INVALID, () -> APP_RUNNER.createAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationName("no spaces allowed")));
            c.sdkFails("Describe: missing ARN", INVALID, () -> APP_RUNNER.describeAutoScalingConfiguration(b -> { }));
            c.sdkFails("Describe: bad ARN", INVALID, () -> APP_RUNNER.describeAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(BAD_ARN)));
            c.sdkFails("Describe: unknown", NOT_FOUND, () -> APP_RUNNER.describeAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(UNKNOWN_ASC)));
            c.sdkFails("List: MaxResults 0", INVALID, () -> APP_RUNNER.listAutoScalingConfigurations(b -> b.maxResults(0)));
            c.sdkFails("List: forged token", INVALID, () -> APP_RUNNER.listAutoScalingConfigurations(
                    b -> b.nextToken("cnVud2F5OjI6MTA6MTc5NTQ1NDEyMzpmb3JnZWQ")));
            c.sdkFails("List: token of another list", INVALID, () -> APP_RUNNER.listAutoScalingConfigurations(
                    b -> b.latestOnly(false).maxResults(1).nextToken(page1.nextToken())));
            c.sdkFails("List: bad name", INVALID, () -> APP_RUNNER.listAutoScalingConfigurations(
                    b -> b.autoScalingConfigurationName("x!")));

            // a service on revision 1: DescribeService shows its summary, the revision cannot be deleted
            String serviceName = Platform.uniqueName("conf");
            CreateServiceResponse created = c.sdkOk("CreateService with an auto scaling configuration",
                    () -> createService(serviceName, r1.autoScalingConfigurationArn()));
            String arn = created.service().serviceArn();
            c.that("DescribeService shows the configuration's summary", created.service()
                    .autoScalingConfigurationSummary().autoScalingConfigurationRevision() == 1
                    && !created.service().autoScalingConfigurationSummary().isDefault());
            c.sdkFails("CreateService: missing source", INVALID, () -> APP_RUNNER.createService(b -> b.serviceName("abcd")));
            c.sdkFails("CreateService: bad name", INVALID, () -> createService("x", null));
            c.sdkFails("CreateService: unknown auto scaling configuration", INVALID,
                    () -> createService(Platform.uniqueName("conf"), UNKNOWN_ASC));
            c.sdkFails("CreateService: duplicate name", INVALID, () -> createService(serviceName, null));
            c.that("ListServicesForAutoScalingConfiguration", APP_RUNNER.listServicesForAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(r1.autoScalingConfigurationArn())).serviceArnList().equals(
                    java.util.List.of(arn)));
            c.sdkFails("ListServicesFor: missing ARN", INVALID, () -> APP_RUNNER.listServicesForAutoScalingConfiguration(
                    b -> { }));
            c.sdkFails("ListServicesFor: MaxResults 101", INVALID, () -> APP_RUNNER
                    .listServicesForAutoScalingConfiguration(b -> b.autoScalingConfigurationArn(UNKNOWN_ASC).maxResults(101)));
            c.sdkFails("ListServicesFor: unknown", NOT_FOUND, () -> APP_RUNNER.listServicesForAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(UNKNOWN_ASC)));
            c.sdkFails("Delete: in use", STATE, () -> APP_RUNNER.deleteAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(r1.autoScalingConfigurationArn())));
            c.sdkFails("Delete: missing ARN", INVALID, () -> APP_RUNNER.deleteAutoScalingConfiguration(b -> { }));
            c.sdkFails("Delete: unknown", NOT_FOUND, () -> APP_RUNNER.deleteAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(UNKNOWN_ASC)));
            c.sdkFails("Delete: the account default", STATE, () -> APP_RUNNER.deleteAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(BASE + "autoscalingconfiguration/DefaultConfiguration")));

            // the account default moves to revision 2 and back
            c.that("UpdateDefault", c.sdkOk("UpdateDefaultAutoScalingConfiguration", () -> APP_RUNNER
                    .updateDefaultAutoScalingConfiguration(b -> b.autoScalingConfigurationArn(r2
                            .autoScalingConfigurationArn())).autoScalingConfiguration().isDefault()));
            c.that("the previous default is cleared", !APP_RUNNER.describeAutoScalingConfiguration(b -> b
                    .autoScalingConfigurationArn(BASE + "autoscalingconfiguration/DefaultConfiguration"))
                    .autoScalingConfiguration().isDefault());
            APP_RUNNER.updateDefaultAutoScalingConfiguration(b -> b.autoScalingConfigurationArn(
                    BASE + "autoscalingconfiguration/DefaultConfiguration"));
            c.sdkFails("UpdateDefault: missing", INVALID, () -> APP_RUNNER.updateDefaultAutoScalingConfiguration(b -> { }));
            c.sdkFails("UpdateDefault: bad ARN", INVALID, () -> APP_RUNNER.updateDefaultAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(BAD_ARN)));
            c.sdkFails("UpdateDefault: unknown", NOT_FOUND, () -> APP_RUNNER.updateDefaultAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationArn(UNKNOWN_ASC)));
            // revisions per name are capped at 5
            for (int i = 3; i <= 5; i++) {
                APP_RUNNER.createAutoScalingConfiguration(b -> b.autoScalingConfigurationName(name));
            }
            c.sdkFails("Create: a sixth revision", QUOTA, () -> APP_RUNNER.createAutoScalingConfiguration(
                    b -> b.autoScalingConfigurationName(name)));

            // the service's lifecycle through the SDK
            c.that("created service runs", settle(arn) == ServiceStatus.RUNNING);
            c.sdkFails("ResumeService while RUNNING", STATE, () -> APP_RUNNER.resumeService(b -> b.serviceArn(arn)));
            c.sdkOk("StartDeployment", () -> APP_RUNNER.startDeployment(b -> b.serviceArn(arn)).operationId());
            c.that("deployment succeeds", settle(arn) == ServiceStatus.RUNNING);
            c.sdkOk("PauseService", () -> APP_RUNNER.pauseService(b -> b.serviceArn(arn)).operationId());
            c.that("pauses", settle(arn) == ServiceStatus.PAUSED);
            c.sdkFails("PauseService while PAUSED", STATE, () -> APP_RUNNER.pauseService(b -> b.serviceArn(arn)));
            c.sdkFails("UpdateService while PAUSED", STATE, () -> APP_RUNNER.updateService(b -> b.serviceArn(arn)));
            c.sdkFails("StartDeployment while PAUSED", STATE, () -> APP_RUNNER.startDeployment(b -> b.serviceArn(arn)));
            c.sdkOk("ResumeService", () -> APP_RUNNER.resumeService(b -> b.serviceArn(arn)).operationId());
            c.that("resumes", settle(arn) == ServiceStatus.RUNNING);
            var updated = c.sdkOk("UpdateService to revision 2", () -> APP_RUNNER.updateService(b -> b.serviceArn(arn)
                    .autoScalingConfigurationArn(r2.autoScalingConfigurationArn())));
            c.that("update in progress", updated.service().status() == ServiceStatus.OPERATION_IN_PROGRESS);
            c.that("updated", settle(arn) == ServiceStatus.RUNNING && APP_RUNNER.describeService(b -> b.serviceArn(arn))
                    .service().autoScalingConfigurationSummary().autoScalingConfigurationRevision() == 2);
            c.that("revision 1 is free again", c.sdkOk("Delete revision 1", () -> APP_RUNNER
                    .deleteAutoScalingConfiguration(b -> b.autoScalingConfigurationArn(r1.autoScalingConfigurationArn()))
                    .autoScalingConfiguration()).status().toString().equals("INACTIVE"));
            c.sdkFails("UpdateService: missing ARN", INVALID, () -> APP_RUNNER.updateService(b -> { }));
            c.sdkFails("UpdateService: unknown", NOT_FOUND, () -> APP_RUNNER.updateService(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkFails("UpdateService: unknown configuration", INVALID, () -> APP_RUNNER.updateService(b -> b
                    .serviceArn(arn).autoScalingConfigurationArn(UNKNOWN_ASC)));
            c.sdkFails("StartDeployment: missing", INVALID, () -> APP_RUNNER.startDeployment(b -> { }));
            c.sdkFails("StartDeployment: unknown", NOT_FOUND, () -> APP_RUNNER.startDeployment(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkFails("PauseService: missing", INVALID, () -> APP_RUNNER.pauseService(b -> { }));
            c.sdkFails("PauseService: unknown", NOT_FOUND, () -> APP_RUNNER.pauseService(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkFails("ResumeService: missing", INVALID, () -> APP_RUNNER.resumeService(b -> { }));
            c.sdkFails("ResumeService: unknown", NOT_FOUND, () -> APP_RUNNER.resumeService(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkFails("DescribeService: missing", INVALID, () -> APP_RUNNER.describeService(b -> { }));
            c.sdkFails("DescribeService: bad ARN", INVALID, () -> APP_RUNNER.describeService(b -> b.serviceArn(BAD_ARN)));
            c.sdkFails("DescribeService: unknown", NOT_FOUND, () -> APP_RUNNER.describeService(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkOk("ListServices", () -> APP_RUNNER.listServices(b -> b.maxResults(1)).serviceSummaryList());
            c.sdkFails("ListServices: MaxResults 21", INVALID, () -> APP_RUNNER.listServices(b -> b.maxResults(21)));
            c.sdkFails("ListServices: MaxResults 0", INVALID, () -> APP_RUNNER.listServices(b -> b.maxResults(0)));
            c.sdkFails("ListServices: forged token", INVALID, () -> APP_RUNNER.listServices(b -> b.nextToken("Zm9yZ2Vk")));
            c.that("ListOperations", APP_RUNNER.listOperations(b -> b.serviceArn(arn)).operationSummaryList().size() >= 5);
            c.sdkFails("ListOperations: missing", INVALID, () -> APP_RUNNER.listOperations(b -> { }));
            c.sdkFails("ListOperations: MaxResults 21", INVALID, () -> APP_RUNNER.listOperations(b -> b.serviceArn(arn).maxResults(21)));
            c.sdkFails("ListOperations: unknown", NOT_FOUND, () -> APP_RUNNER.listOperations(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkOk("DeleteService", () -> APP_RUNNER.deleteService(b -> b.serviceArn(arn)).operationId());
            c.sdkFails("DeleteService: missing", INVALID, () -> APP_RUNNER.deleteService(b -> { }));
            c.sdkFails("DeleteService: unknown", NOT_FOUND, () -> APP_RUNNER.deleteService(b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.sdkFails("DeleteService: bad ARN", INVALID, () -> APP_RUNNER.deleteService(b -> b.serviceArn(BAD_ARN)));
            c.that("deleted", settle(arn) == ServiceStatus.DELETED);
            c.sdkFails("DeleteService: already deleted", NOT_FOUND, () -> APP_RUNNER.deleteService(b -> b.serviceArn(arn)));
            c.sdkOk("Delete all revisions", () -> APP_RUNNER.deleteAutoScalingConfiguration(b -> b
                    .autoScalingConfigurationArn(BASE + "autoscalingconfiguration/" + name).deleteAllRevisions(true)));
            c.that("no revision left", APP_RUNNER.listAutoScalingConfigurations(b -> b.autoScalingConfigurationName(name))
                    .autoScalingConfigurationSummaryList().isEmpty());
        }
    }

    @Test
    void shouldServeObservabilityVpcDomainAndTagOperationsAsTheSdkExpects() {
        try (Checks c = new Checks()) {
            String arn = createService(Platform.uniqueName("confd"), null).service().serviceArn();
            String name = "obs" + Platform.uniqueName("o").substring(2).replace("-", "");
            // observability configurations
            var obs = c.sdkOk("CreateObservabilityConfiguration", () -> APP_RUNNER.createObservabilityConfiguration(
                    b -> b.observabilityConfigurationName(name).traceConfiguration(t -> t.vendor(TracingVendor.AWSXRAY))
                            .tags(Tag.builder().key("k").value("v").build())).observabilityConfiguration());
            c.that("trace configuration kept", obs.traceConfiguration().vendor() == TracingVendor.AWSXRAY
                    && obs.observabilityConfigurationRevision() == 1 && obs.latest());
            c.that("Describe", APP_RUNNER.describeObservabilityConfiguration(b -> b.observabilityConfigurationArn(
                    obs.observabilityConfigurationArn())).observabilityConfiguration().observabilityConfigurationName()
                    .equals(name));
            c.that("List", APP_RUNNER.listObservabilityConfigurations(b -> b.observabilityConfigurationName(name))
                    .observabilityConfigurationSummaryList().size() == 1);
            c.sdkFails("Create: missing name", INVALID, () -> APP_RUNNER.createObservabilityConfiguration(b -> { }));
            c.sdkFails("Create: bad vendor", INVALID, () -> APP_RUNNER.createObservabilityConfiguration(
                    b -> b.observabilityConfigurationName(name).traceConfiguration(t -> t.vendor("JAEGER"))));
            c.sdkFails("Create: short name", INVALID, () -> APP_RUNNER.createObservabilityConfiguration(
                    b -> b.observabilityConfigurationName("ab")));
            c.sdkFails("Describe: missing", INVALID, () -> APP_RUNNER.describeObservabilityConfiguration(b -> { }));
            c.sdkFails("Describe: bad ARN", INVALID, () -> APP_RUNNER.describeObservabilityConfiguration(
                    b -> b.observabilityConfigurationArn(BAD_ARN)));
            c.sdkFails("Describe: unknown", NOT_FOUND, () -> APP_RUNNER.describeObservabilityConfiguration(
                    b -> b.observabilityConfigurationArn(UNKNOWN_OBS)));
            c.sdkFails("List: MaxResults 101", INVALID, () -> APP_RUNNER.listObservabilityConfigurations(b -> b.maxResults(101)));
            c.sdkFails("List: forged token", INVALID, () -> APP_RUNNER.listObservabilityConfigurations(b -> b.nextToken("eA")));
            c.sdkFails("List: bad name", INVALID, () -> APP_RUNNER.listObservabilityConfigurations(
                    b -> b.observabilityConfigurationName("?")));
            c.that("Delete", c.sdkOk("DeleteObservabilityConfiguration", () -> APP_RUNNER.deleteObservabilityConfiguration(
                    b -> b.observabilityConfigurationArn(obs.observabilityConfigurationArn())).observabilityConfiguration())
                    .deletedAt() != null);
            c.sdkFails("Delete: missing", INVALID, () -> APP_RUNNER.deleteObservabilityConfiguration(b -> { }));
            c.sdkFails("Delete: unknown", NOT_FOUND, () -> APP_RUNNER.deleteObservabilityConfiguration(
                    b -> b.observabilityConfigurationArn(UNKNOWN_OBS)));
            c.sdkFails("Delete: already deleted", NOT_FOUND, () -> APP_RUNNER.deleteObservabilityConfiguration(
                    b -> b.observabilityConfigurationArn(obs.observabilityConfigurationArn())));

            // VPC connectors
            String vpcName = "net" + Platform.uniqueName("v").substring(2).replace("-", "");
            var vpc = c.sdkOk("CreateVpcConnector", () -> APP_RUNNER.createVpcConnector(b -> b.vpcConnectorName(vpcName)
                    .subnets("subnet-1", "subnet-2").securityGroups("sg-1")).vpcConnector());
            c.that("connector stored", vpc.subnets().size() == 2 && vpc.vpcConnectorRevision() == 1
                    && vpc.statusAsString().equals("ACTIVE"));
            c.that("DescribeVpcConnector", APP_RUNNER.describeVpcConnector(b -> b.vpcConnectorArn(vpc.vpcConnectorArn()))
                    .vpcConnector().securityGroups().equals(java.util.List.of("sg-1")));
            c.that("ListVpcConnectors", APP_RUNNER.listVpcConnectors(b -> b.maxResults(100)).vpcConnectors().stream()
                    .anyMatch(v -> v.vpcConnectorArn().equals(vpc.vpcConnectorArn())));
            c.sdkFails("CreateVpcConnector: missing subnets", INVALID, () -> APP_RUNNER.createVpcConnector(
                    b -> b.vpcConnectorName(vpcName)));
            c.sdkFails("CreateVpcConnector: bad name", INVALID, () -> APP_RUNNER.createVpcConnector(
                    b -> b.vpcConnectorName("-bad").subnets("s")));
            c.sdkFails("CreateVpcConnector: missing name", INVALID, () -> APP_RUNNER.createVpcConnector(b -> b.subnets("s")));
            c.sdkFails("DescribeVpcConnector: missing", INVALID, () -> APP_RUNNER.describeVpcConnector(b -> { }));
            c.sdkFails("DescribeVpcConnector: bad ARN", INVALID, () -> APP_RUNNER.describeVpcConnector(b -> b.vpcConnectorArn(BAD_ARN)));
            c.sdkFails("DescribeVpcConnector: unknown", NOT_FOUND, () -> APP_RUNNER.describeVpcConnector(
                    b -> b.vpcConnectorArn(UNKNOWN_VPC)));
            c.sdkFails("ListVpcConnectors: MaxResults 0", INVALID, () -> APP_RUNNER.listVpcConnectors(b -> b.maxResults(0)));
            c.sdkFails("ListVpcConnectors: MaxResults 101", INVALID, () -> APP_RUNNER.listVpcConnectors(b -> b.maxResults(101)));
            c.sdkFails("ListVpcConnectors: forged token", INVALID, () -> APP_RUNNER.listVpcConnectors(b -> b.nextToken("abc")));
            c.sdkOk("DeleteVpcConnector", () -> APP_RUNNER.deleteVpcConnector(b -> b.vpcConnectorArn(vpc.vpcConnectorArn())));
            c.sdkFails("DeleteVpcConnector: missing", INVALID, () -> APP_RUNNER.deleteVpcConnector(b -> { }));
            c.sdkFails("DeleteVpcConnector: unknown", NOT_FOUND, () -> APP_RUNNER.deleteVpcConnector(b -> b.vpcConnectorArn(UNKNOWN_VPC)));
            c.sdkFails("DeleteVpcConnector: already deleted", NOT_FOUND, () -> APP_RUNNER.deleteVpcConnector(
                    b -> b.vpcConnectorArn(vpc.vpcConnectorArn())));

            // VPC ingress connections
            String vicName = "in" + Platform.uniqueName("i").substring(2).replace("-", "");
            var vic = c.sdkOk("CreateVpcIngressConnection", () -> APP_RUNNER.createVpcIngressConnection(b -> b
                    .serviceArn(arn).vpcIngressConnectionName(vicName)
                    .ingressVpcConfiguration(v -> v.vpcId("vpc-1").vpcEndpointId("vpce-1"))).vpcIngressConnection());
            c.that("ingress stored", vic.statusAsString().equals("AVAILABLE") && vic.serviceArn().equals(arn)
                    && vic.ingressVpcConfiguration().vpcEndpointId().equals("vpce-1"));
            c.sdkFails("CreateVpcIngressConnection: a second for the service", QUOTA, () -> APP_RUNNER
                    .createVpcIngressConnection(b -> b.serviceArn(arn).vpcIngressConnectionName(vicName + "b")
                            .ingressVpcConfiguration(v -> v.vpcId("vpc-1").vpcEndpointId("vpce-2"))));
            c.sdkFails("CreateVpcIngressConnection: missing configuration", INVALID, () -> APP_RUNNER
                    .createVpcIngressConnection(b -> b.serviceArn(arn).vpcIngressConnectionName(vicName)));
            c.sdkFails("CreateVpcIngressConnection: unknown service", INVALID, () -> APP_RUNNER
                    .createVpcIngressConnection(b -> b.serviceArn(UNKNOWN_SERVICE).vpcIngressConnectionName(vicName + "c")
                            .ingressVpcConfiguration(v -> v.vpcId("vpc-1").vpcEndpointId("vpce-3"))));
            c.that("Describe", APP_RUNNER.describeVpcIngressConnection(b -> b.vpcIngressConnectionArn(
                    vic.vpcIngressConnectionArn())).vpcIngressConnection().vpcIngressConnectionName().equals(vicName));
            c.that("List by service", APP_RUNNER.listVpcIngressConnections(b -> b.filter(f -> f.serviceArn(arn)))
                    .vpcIngressConnectionSummaryList().size() == 1);
            c.that("Update", APP_RUNNER.updateVpcIngressConnection(b -> b.vpcIngressConnectionArn(vic
                    .vpcIngressConnectionArn()).ingressVpcConfiguration(v -> v.vpcId("vpc-9").vpcEndpointId("vpce-9")))
                    .vpcIngressConnection().ingressVpcConfiguration().vpcId().equals("vpc-9"));
            c.sdkFails("Describe: missing", INVALID, () -> APP_RUNNER.describeVpcIngressConnection(b -> { }));
            c.sdkFails("Describe: bad ARN", INVALID, () -> APP_RUNNER.describeVpcIngressConnection(b -> b.vpcIngressConnectionArn(BAD_ARN)));
            c.sdkFails("Describe: unknown", NOT_FOUND, () -> APP_RUNNER.describeVpcIngressConnection(
                    b -> b.vpcIngressConnectionArn(UNKNOWN_VIC)));
            c.sdkFails("List: MaxResults 0", INVALID, () -> APP_RUNNER.listVpcIngressConnections(b -> b.maxResults(0)));
            c.sdkFails("List: forged token", INVALID, () -> APP_RUNNER.listVpcIngressConnections(b -> b.nextToken("bm9wZQ")));
            c.sdkFails("List: bad service ARN", INVALID, () -> APP_RUNNER.listVpcIngressConnections(
                    b -> b.filter(f -> f.serviceArn(BAD_ARN))));
            c.sdkFails("Update: missing configuration", INVALID, () -> APP_RUNNER.updateVpcIngressConnection(
                    b -> b.vpcIngressConnectionArn(vic.vpcIngressConnectionArn())));
            c.sdkFails("Update: unknown", NOT_FOUND, () -> APP_RUNNER.updateVpcIngressConnection(b -> b
                    .vpcIngressConnectionArn(UNKNOWN_VIC).ingressVpcConfiguration(v -> v.vpcId("a").vpcEndpointId("b"))));
            c.sdkOk("DeleteVpcIngressConnection", () -> APP_RUNNER.deleteVpcIngressConnection(
                    b -> b.vpcIngressConnectionArn(vic.vpcIngressConnectionArn())));
            c.sdkFails("Update: deleted", STATE, () -> APP_RUNNER.updateVpcIngressConnection(b -> b
                    .vpcIngressConnectionArn(vic.vpcIngressConnectionArn()).ingressVpcConfiguration(v -> v.vpcId("a")
                            .vpcEndpointId("b"))));
            c.sdkFails("Delete: missing", INVALID, () -> APP_RUNNER.deleteVpcIngressConnection(b -> { }));
            c.sdkFails("Delete: unknown", NOT_FOUND, () -> APP_RUNNER.deleteVpcIngressConnection(
                    b -> b.vpcIngressConnectionArn(UNKNOWN_VIC)));
            c.sdkFails("Delete: deleted", STATE, () -> APP_RUNNER.deleteVpcIngressConnection(
                    b -> b.vpcIngressConnectionArn(vic.vpcIngressConnectionArn())));

            // custom domains
            var associated = c.sdkOk("AssociateCustomDomain", () -> APP_RUNNER.associateCustomDomain(
                    b -> b.serviceArn(arn).domainName("Shop.Example.com").enableWWWSubdomain(true)));
            c.that("DNSTarget is the service URL's host", associated.dnsTarget().equals(Platform.hostOf(
                    APP_RUNNER.describeService(b -> b.serviceArn(arn)).service().serviceUrl())));
            // CREATING where an ACME CA issues certificates (the test profile's), as App Runner answers
            c.that("validation records for the domain and www", associated.customDomain()
                    .certificateValidationRecords().size() == 2 && java.util.Set.of("CREATING",
                    "PENDING_CERTIFICATE_DNS_VALIDATION").contains(associated.customDomain().statusAsString()));
            APP_RUNNER.associateCustomDomain(b -> b.serviceArn(arn).domainName("api.example.com").enableWWWSubdomain(false));
            var domains1 = APP_RUNNER.describeCustomDomains(b -> b.serviceArn(arn).maxResults(1));
            c.that("DescribeCustomDomains pages", domains1.customDomains().size() == 1 && domains1.nextToken() != null
                    && APP_RUNNER.describeCustomDomains(b -> b.serviceArn(arn).maxResults(1).nextToken(domains1.nextToken()))
                    .customDomains().get(0).domainName().equals("api.example.com"));
            c.sdkFails("Associate: again", INVALID, () -> APP_RUNNER.associateCustomDomain(
                    b -> b.serviceArn(arn).domainName("shop.example.com")));
            c.sdkFails("Associate: missing domain", INVALID, () -> APP_RUNNER.associateCustomDomain(b -> b.serviceArn(arn)));
            c.sdkFails("Associate: bad domain", INVALID, () -> APP_RUNNER.associateCustomDomain(
                    b -> b.serviceArn(arn).domainName("bad domain!")));
            c.sdkFails("Associate: unknown service", NOT_FOUND, () -> APP_RUNNER.associateCustomDomain(
                    b -> b.serviceArn(UNKNOWN_SERVICE).domainName("example.org")));
            c.sdkFails("Describe: missing", INVALID, () -> APP_RUNNER.describeCustomDomains(b -> { }));
            c.sdkFails("Describe: MaxResults 6", INVALID, () -> APP_RUNNER.describeCustomDomains(b -> b.serviceArn(arn).maxResults(6)));
            c.sdkFails("Describe: unknown service", NOT_FOUND, () -> APP_RUNNER.describeCustomDomains(
                    b -> b.serviceArn(UNKNOWN_SERVICE)));
            c.that("Disassociate answers DELETING", c.sdkOk("DisassociateCustomDomain", () -> APP_RUNNER
                    .disassociateCustomDomain(b -> b.serviceArn(arn).domainName("shop.example.com"))).customDomain()
                    .statusAsString().equals("DELETING"));
            c.sdkFails("Disassociate: not associated", NOT_FOUND, () -> APP_RUNNER.disassociateCustomDomain(
                    b -> b.serviceArn(arn).domainName("shop.example.com")));
            c.sdkFails("Disassociate: missing", INVALID, () -> APP_RUNNER.disassociateCustomDomain(b -> b.serviceArn(arn)));
            c.sdkFails("Disassociate: unknown service", NOT_FOUND, () -> APP_RUNNER.disassociateCustomDomain(
                    b -> b.serviceArn(UNKNOWN_SERVICE).domainName("a.example.com")));

            // tags on the service
            c.sdkOk("TagResource", () -> APP_RUNNER.tagResource(b -> b.resourceArn(arn).tags(
                    Tag.builder().key("env").value("test").build(), Tag.builder().key("suite").value("again").build())));
            c.sdkOk("UntagResource", () -> APP_RUNNER.untagResource(b -> b.resourceArn(arn).tagKeys("env", "absent")));
            c.that("ListTagsForResource", APP_RUNNER.listTagsForResource(b -> b.resourceArn(arn)).tags().equals(
                    java.util.List.of(Tag.builder().key("suite").value("again").build())));
            c.sdkFails("TagResource: missing tags", INVALID, () -> APP_RUNNER.tagResource(b -> b.resourceArn(arn)));
            c.sdkFails("TagResource: reserved key", INVALID, () -> APP_RUNNER.tagResource(b -> b.resourceArn(arn)
                    .tags(Tag.builder().key("aws:x").value("1").build())));
            c.sdkFails("TagResource: unknown", NOT_FOUND, () -> APP_RUNNER.tagResource(b -> b.resourceArn(UNKNOWN_SERVICE)
                    .tags(Tag.builder().key("a").value("1").build())));
            c.sdkFails("TagResource: deleted", STATE, () -> APP_RUNNER.tagResource(b -> b.resourceArn(
                    obs.observabilityConfigurationArn()).tags(Tag.builder().key("a").value("1").build())));
            c.sdkFails("UntagResource: missing keys", INVALID, () -> APP_RUNNER.untagResource(b -> b.resourceArn(arn)));
            c.sdkFails("UntagResource: unknown", NOT_FOUND, () -> APP_RUNNER.untagResource(b -> b.resourceArn(UNKNOWN_SERVICE).tagKeys("a")));
            c.sdkFails("UntagResource: deleted", STATE, () -> APP_RUNNER.untagResource(b -> b.resourceArn(
                    obs.observabilityConfigurationArn()).tagKeys("k")));
            c.sdkFails("ListTags: missing", INVALID, () -> APP_RUNNER.listTagsForResource(b -> { }));
            c.sdkFails("ListTags: bad ARN", INVALID, () -> APP_RUNNER.listTagsForResource(b -> b.resourceArn(BAD_ARN)));
            c.sdkFails("ListTags: unknown", NOT_FOUND, () -> APP_RUNNER.listTagsForResource(b -> b.resourceArn(UNKNOWN_SERVICE)));

            // connections (their handshake, webhook and use by a service: ConnectionTest)
            String connectionName = "sdk" + java.util.UUID.randomUUID().toString().substring(0, 8);
            var connection = c.sdkOk("CreateConnection", () -> APP_RUNNER.createConnection(b -> b
                    .connectionName(connectionName).providerType("GITHUB")
                    .tags(Tag.builder().key("k").value("v").build()))).connection();
            c.that("CreateConnection: PENDING_HANDSHAKE", connection.statusAsString().equals("PENDING_HANDSHAKE"));
            c.that("ListConnections", APP_RUNNER.listConnections(b -> b.connectionName(connectionName))
                    .connectionSummaryList().get(0).connectionArn().equals(connection.connectionArn()));
            c.that("ListTagsForResource of a connection", APP_RUNNER.listTagsForResource(b -> b.resourceArn(
                    connection.connectionArn())).tags().equals(java.util.List.of(Tag.builder().key("k").value("v").build())));
            c.sdkFails("CreateConnection: missing provider", INVALID, () -> APP_RUNNER.createConnection(
                    b -> b.connectionName("sdk-missing")));
            c.sdkFails("CreateConnection: bad name", INVALID, () -> APP_RUNNER.createConnection(
                    b -> b.connectionName("_x").providerType("GITHUB")));
            c.sdkFails("CreateConnection: name taken", INVALID, () -> APP_RUNNER.createConnection(
                    b -> b.connectionName(connectionName).providerType("BITBUCKET")));
            c.sdkFails("ListConnections: MaxResults 0", INVALID, () -> APP_RUNNER.listConnections(b -> b.maxResults(0)));
            c.sdkFails("ListConnections: bad name", INVALID, () -> APP_RUNNER.listConnections(b -> b.connectionName("-")));
            c.sdkFails("ListConnections: forged token", INVALID, () -> APP_RUNNER.listConnections(b -> b.nextToken("x")));
            c.that("DeleteConnection", APP_RUNNER.deleteConnection(b -> b.connectionArn(connection.connectionArn()))
                    .connection().statusAsString().equals("DELETED"));
            c.sdkFails("DeleteConnection: missing", INVALID, () -> APP_RUNNER.deleteConnection(b -> { }));
            c.sdkFails("DeleteConnection: bad ARN", INVALID, () -> APP_RUNNER.deleteConnection(b -> b.connectionArn(BAD_ARN)));
            c.sdkFails("DeleteConnection: deleted", NOT_FOUND, () -> APP_RUNNER.deleteConnection(
                    b -> b.connectionArn(connection.connectionArn())));
            APP_RUNNER.deleteService(b -> b.serviceArn(arn));
        }
    }

    @Test
    void shouldServeEveryOperationThroughTheCli() {
        try (Checks c = new Checks()) {
            String suffix = Platform.uniqueName("c").substring(2).replace("-", "");
            String asc = "cli" + suffix;
            // happy paths, one after another where they depend on each other
            String ascArn = AwsCli.ok("create-auto-scaling-configuration", "--auto-scaling-configuration-name", asc,
                    "--max-size", "3", "--tags", "Key=t,Value=1").path("AutoScalingConfiguration")
                    .path("AutoScalingConfigurationArn").asText();
            String serviceArn = AwsCli.ok("create-service", "--service-name", "cli-" + suffix, "--source-configuration",
                    AwsCli.imageSource(Platform.HELLO_IMAGE), "--auto-scaling-configuration-arn", ascArn)
                    .path("Service").path("ServiceArn").asText();
            String obsArn = AwsCli.ok("create-observability-configuration", "--observability-configuration-name",
                    "cli" + suffix, "--trace-configuration", "Vendor=AWSXRAY").path("ObservabilityConfiguration")
                    .path("ObservabilityConfigurationArn").asText();
            String vpcArn = AwsCli.ok("create-vpc-connector", "--vpc-connector-name", "cli" + suffix, "--subnets",
                    "subnet-1").path("VpcConnector").path("VpcConnectorArn").asText();
            String vicArn = AwsCli.ok("create-vpc-ingress-connection", "--service-arn", serviceArn,
                    "--vpc-ingress-connection-name", "cli" + suffix, "--ingress-vpc-configuration",
                    "VpcId=vpc-1,VpcEndpointId=vpce-1").path("VpcIngressConnection").path("VpcIngressConnectionArn").asText();
            AwsCli.ok("associate-custom-domain", "--service-arn", serviceArn, "--domain-name", "cli.example.com");

            c.cliOk("describe-auto-scaling-configuration", "\"MaxSize\": 3", "describe-auto-scaling-configuration",
                    "--auto-scaling-configuration-arn", ascArn);
            c.cliOk("list-auto-scaling-configurations", asc, "list-auto-scaling-configurations", "--max-results", "100");
            c.cliOk("list-services-for-auto-scaling-configuration", serviceArn,
                    "list-services-for-auto-scaling-configuration", "--auto-scaling-configuration-arn", ascArn);
            c.cliOk("describe-service", "\"AutoScalingConfigurationName\": \"" + asc + "\"", "describe-service",
                    "--service-arn", serviceArn);
            c.cliOk("list-services", "ServiceSummaryList", "list-services");
            c.cliOk("list-operations", "CREATE_SERVICE", "list-operations", "--service-arn", serviceArn);
            c.cliOk("describe-observability-configuration", "AWSXRAY", "describe-observability-configuration",
                    "--observability-configuration-arn", obsArn);
            c.cliOk("list-observability-configurations", obsArn, "list-observability-configurations");
            c.cliOk("describe-vpc-connector", "subnet-1", "describe-vpc-connector", "--vpc-connector-arn", vpcArn);
            c.cliOk("list-vpc-connectors", vpcArn, "list-vpc-connectors");
            c.cliOk("describe-vpc-ingress-connection", "vpce-1", "describe-vpc-ingress-connection",
                    "--vpc-ingress-connection-arn", vicArn);
            c.cliOk("list-vpc-ingress-connections", vicArn, "list-vpc-ingress-connections");
            c.cliOk("update-vpc-ingress-connection", "vpce-2", "update-vpc-ingress-connection",
                    "--vpc-ingress-connection-arn", vicArn, "--ingress-vpc-configuration", "VpcId=vpc-2,VpcEndpointId=vpce-2");
            c.cliOk("describe-custom-domains", "cli.example.com", "describe-custom-domains", "--service-arn", serviceArn);
            c.cliOk("tag-resource", null, "tag-resource", "--resource-arn", vpcArn, "--tags", "Key=a,Value=b");
            c.cliOk("list-tags-for-resource", "\"t\"", "list-tags-for-resource", "--resource-arn", ascArn);
            c.cliOk("update-default-auto-scaling-configuration", "DefaultConfiguration",
                    "update-default-auto-scaling-configuration", "--auto-scaling-configuration-arn",
                    BASE + "autoscalingconfiguration/DefaultConfiguration");

            // bad inputs the CLI does not catch itself (it checks required members and minimums)
            for (String[] bad : new String[][] {
                    {"describe-auto-scaling-configuration", "--auto-scaling-configuration-arn", BAD_ARN},
                    {"describe-auto-scaling-configuration", "--auto-scaling-configuration-arn", UNKNOWN_ASC},
                    {"delete-auto-scaling-configuration", "--auto-scaling-configuration-arn", ascArn},
                    {"create-auto-scaling-configuration", "--auto-scaling-configuration-name", asc, "--max-concurrency", "201"},
                    {"create-auto-scaling-configuration", "--auto-scaling-configuration-name", "bad name"},
                    {"update-default-auto-scaling-configuration", "--auto-scaling-configuration-arn", UNKNOWN_ASC},
                    {"list-services-for-auto-scaling-configuration", "--auto-scaling-configuration-arn", UNKNOWN_ASC},
                    {"list-auto-scaling-configurations", "--max-results", "101"},
                    {"list-auto-scaling-configurations", "--next-token", "forged"},
                    {"create-service", "--service-name", "bad name", "--source-configuration", AwsCli.imageSource(Platform.HELLO_IMAGE)},
                    {"describe-service", "--service-arn", UNKNOWN_SERVICE},
                    {"update-service", "--service-arn", UNKNOWN_SERVICE},
                    {"start-deployment", "--service-arn", UNKNOWN_SERVICE},
                    {"pause-service", "--service-arn", UNKNOWN_SERVICE},
                    {"resume-service", "--service-arn", UNKNOWN_SERVICE},
                    {"delete-service", "--service-arn", UNKNOWN_SERVICE},
                    {"list-operations", "--service-arn", UNKNOWN_SERVICE},
                    {"list-services", "--max-results", "21"},
                    {"create-observability-configuration", "--observability-configuration-name", "bad name"},
                    {"describe-observability-configuration", "--observability-configuration-arn", UNKNOWN_OBS},
                    {"delete-observability-configuration", "--observability-configuration-arn", UNKNOWN_OBS},
                    {"list-observability-configurations", "--max-results", "101"},
                    {"create-vpc-connector", "--vpc-connector-name", "bad name", "--subnets", "s"},
                    {"describe-vpc-connector", "--vpc-connector-arn", UNKNOWN_VPC},
                    {"delete-vpc-connector", "--vpc-connector-arn", UNKNOWN_VPC},
                    {"list-vpc-connectors", "--next-token", "forged"},
                    {"create-vpc-ingress-connection", "--service-arn", serviceArn, "--vpc-ingress-connection-name",
                            "cli2" + suffix, "--ingress-vpc-configuration", "VpcId=vpc-1,VpcEndpointId=vpce-1"},
                    {"describe-vpc-ingress-connection", "--vpc-ingress-connection-arn", UNKNOWN_VIC},
                    {"update-vpc-ingress-connection", "--vpc-ingress-connection-arn", UNKNOWN_VIC,
                            "--ingress-vpc-configuration", "VpcId=a,VpcEndpointId=b"},
                    {"delete-vpc-ingress-connection", "--vpc-ingress-connection-arn", UNKNOWN_VIC},
                    {"list-vpc-ingress-connections", "--max-results", "101"},
                    {"associate-custom-domain", "--service-arn", serviceArn, "--domain-name", "cli.example.com"},
                    {"associate-custom-domain", "--service-arn", UNKNOWN_SERVICE, "--domain-name", "x.example.com"},
                    {"describe-custom-domains", "--service-arn", UNKNOWN_SERVICE},
                    {"describe-custom-domains", "--service-arn", serviceArn, "--max-results", "6"},
                    {"disassociate-custom-domain", "--service-arn", serviceArn, "--domain-name", "nope.example.com"},
                    {"tag-resource", "--resource-arn", UNKNOWN_SERVICE, "--tags", "Key=a,Value=b"},
                    {"untag-resource", "--resource-arn", UNKNOWN_SERVICE, "--tag-keys", "a"},
                    {"list-tags-for-resource", "--resource-arn", BAD_ARN},
                    {"create-connection", "--connection-name", "_bad", "--provider-type", "GITHUB"},
                    {"list-connections", "--max-results", "101"},
                    {"delete-connection", "--connection-arn", BASE + "connection/nobody/0123456789abcdef0123456789abcdef"}}) {
                c.cliFails(String.join(" ", bad), expectedError(bad), bad);
            }
            c.join();

            // the deletes, after the reads that need the resources
            c.cliOk("disassociate-custom-domain", "DELETING", "disassociate-custom-domain", "--service-arn", serviceArn,
                    "--domain-name", "cli.example.com");
            c.cliOk("untag-resource", null, "untag-resource", "--resource-arn", vpcArn, "--tag-keys", "a");
            c.join();   // the CLI checks run in parallel: untag before the connector it tags is deleted
            c.cliOk("delete-vpc-ingress-connection", "DELETED", "delete-vpc-ingress-connection",
                    "--vpc-ingress-connection-arn", vicArn);
            c.cliOk("delete-vpc-connector", "INACTIVE", "delete-vpc-connector", "--vpc-connector-arn", vpcArn);
            c.cliOk("delete-observability-configuration", "INACTIVE", "delete-observability-configuration",
                    "--observability-configuration-arn", obsArn);
            c.join();
            settle(serviceArn);
            c.cliOk("delete-service", "OPERATION_IN_PROGRESS", "delete-service", "--service-arn", serviceArn);
            c.join();
            settle(serviceArn);
            c.cliOk("delete-auto-scaling-configuration", "INACTIVE", "delete-auto-scaling-configuration",
                    "--auto-scaling-configuration-arn", ascArn);
        }
    }

    private static String expectedError(String[] call) {
        String joined = String.join(" ", call);
        if (call[0].equals("delete-auto-scaling-configuration")) {
            return STATE;
        }
        if (call[0].equals("create-vpc-ingress-connection")) {
            return QUOTA;
        }
        if (joined.contains("nobody") && !call[0].startsWith("create-") && !call[0].equals("associate-custom-domain")
                || call[0].equals("disassociate-custom-domain")) {
            return NOT_FOUND;
        }
        if (call[0].equals("associate-custom-domain") && joined.contains("nobody")) {
            return NOT_FOUND;
        }
        return INVALID;
    }
}
