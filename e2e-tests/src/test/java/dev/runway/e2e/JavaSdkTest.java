package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.CreateServiceResponse;
import software.amazon.awssdk.services.apprunner.model.ImageRepositoryType;
import software.amazon.awssdk.services.apprunner.model.InvalidRequestException;
import software.amazon.awssdk.services.apprunner.model.OperationStatus;
import software.amazon.awssdk.services.apprunner.model.OperationType;
import software.amazon.awssdk.services.apprunner.model.ResourceNotFoundException;
import software.amazon.awssdk.services.apprunner.model.ServiceStatus;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The AWS SDK for Java v2 against Runway: its parsing every response is the proof that shapes conform. */
class JavaSdkTest {

    static final AppRunnerClient APP_RUNNER = local(AppRunnerClient.builder());
    static final SsmClient SSM = local(SsmClient.builder());
    static final SecretsManagerClient SECRETS = local(SecretsManagerClient.builder());

    /** A client of the platform's gateway, signing with the admin key. */
    static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C local(B builder) {
        return builder.endpointOverride(URI.create(Platform.GATEWAY))
                .region(Region.of(Platform.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Platform.ACCESS_KEY_ID,
                        Platform.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void close() {
        APP_RUNNER.close();
        SSM.close();
        SECRETS.close();
    }

    @Test
    void shouldCreateDescribeListAndDeleteWithTheSdk() {
        String name = Platform.uniqueName("sdk");
        CreateServiceResponse created = APP_RUNNER.createService(b -> b.serviceName(name)
                .sourceConfiguration(s -> s.autoDeploymentsEnabled(false).imageRepository(i -> i
                        .imageIdentifier(Platform.HELLO_IMAGE).imageRepositoryType(ImageRepositoryType.ECR)
                        .imageConfiguration(c -> c.port("8080"))))
                .instanceConfiguration(i -> i.cpu("0.25 vCPU").memory("0.5 GB")));
        String arn = created.service().serviceArn();
        assertEquals(ServiceStatus.OPERATION_IN_PROGRESS, created.service().status());
        assertEquals("256", created.service().instanceConfiguration().cpu());
        assertEquals("512", created.service().instanceConfiguration().memory());
        assertTrue(created.service().autoScalingConfigurationSummary().isDefault());

        ServiceStatus status = Platform.eventually("RUNNING", Duration.ofSeconds(90), () -> {
            ServiceStatus s = APP_RUNNER.describeService(b -> b.serviceArn(arn)).service().status();
            return s == ServiceStatus.OPERATION_IN_PROGRESS ? null : s;
        });
        assertEquals(ServiceStatus.RUNNING, status);
        assertTrue(APP_RUNNER.listServices(b -> b.maxResults(20)).serviceSummaryList().stream()
                .anyMatch(s -> s.serviceArn().equals(arn)));
        var ops = APP_RUNNER.listOperations(b -> b.serviceArn(arn)).operationSummaryList();
        assertEquals(OperationType.CREATE_SERVICE, ops.get(0).type());
        assertEquals(OperationStatus.SUCCEEDED, ops.get(0).status());
        assertTrue(ops.get(0).endedAt() != null);

        APP_RUNNER.deleteService(b -> b.serviceArn(arn));
        ServiceStatus end = Platform.eventually("DELETED", Duration.ofSeconds(60), () -> {
            ServiceStatus s = APP_RUNNER.describeService(b -> b.serviceArn(arn)).service().status();
            return s == ServiceStatus.OPERATION_IN_PROGRESS ? null : s;
        });
        assertEquals(ServiceStatus.DELETED, end);
    }

    @Test
    void shouldRaiseTheModeledExceptions() {
        var notFound = assertThrows(ResourceNotFoundException.class, () -> APP_RUNNER.describeService(b -> b.serviceArn(
                "arn:aws:apprunner:us-east-1:000000000000:service/nobody/0123456789abcdef0123456789abcdef")));
        assertEquals(400, notFound.statusCode());
        var invalid = assertThrows(InvalidRequestException.class, () -> APP_RUNNER.listServices(b -> b.maxResults(99)));
        assertTrue(invalid.awsErrorDetails().errorMessage().contains("maxResults"));
        assertTrue(invalid.requestId() != null && !invalid.requestId().isEmpty());
    }

    @Test
    void shouldStoreAndReadParametersAndSecretsWithTheSdk() {
        String name = "/" + Platform.uniqueName("sdk") + "/db-password";
        assertEquals(1L, SSM.putParameter(b -> b.name(name).type(ParameterType.SECURE_STRING).value("sdk-value-1"))
                .version());
        assertEquals("sdk-value-1", SSM.getParameter(b -> b.name(name).withDecryption(true)).parameter().value());
        assertThrows(ParameterNotFoundException.class, () -> SSM.getParameter(b -> b.name(name + "-nope")));
        SSM.deleteParameter(b -> b.name(name));

        String secretName = Platform.uniqueName("sdk-secret");
        String arn = SECRETS.createSecret(b -> b.name(secretName).secretString("{\"k\":\"sdk-value-2\"}")).arn();
        assertTrue(arn.matches("arn:aws:secretsmanager:[a-z0-9-]+:\\d{12}:secret:" + secretName + "-[A-Za-z0-9]{6}"),
                arn);
        var value = SECRETS.getSecretValue(b -> b.secretId(secretName));
        assertEquals("{\"k\":\"sdk-value-2\"}", value.secretString());
        assertTrue(value.versionStages().contains("AWSCURRENT"));
        var missing = assertThrows(software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException.class,
                () -> SECRETS.getSecretValue(b -> b.secretId(secretName).versionStage("NOPE")));
        assertEquals(400, missing.statusCode());
        SECRETS.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true));
    }
}
