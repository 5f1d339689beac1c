package dev.runway.gateway.eventbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.gateway.protocol.ApiError;
import org.junit.jupiter.api.Test;

/** The matcher itself (event-ruler) on App Runner's events; the e2e test asks the same through the CLI. */
class EventPatternsTest {

    static final String LEFT_RUNNING = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AppRunner Service Status Change",
             "source":"aws.apprunner","account":"111122223333","time":"2021-04-29T11:54:23Z","region":"us-east-2",
             "resources":["arn:aws:apprunner:us-east-2:123456789012:service/my-app/8fe1e10304f84fd2b0df550fe98a71fa"],
             "detail":{"previousServiceStatus":"RUNNING","currentServiceStatus":"OPERATION_IN_PROGRESS",
              "serviceName":"my-app","serviceId":"8fe1e10304f84fd2b0df550fe98a71fa",
              "message":"Service status is set to OPERATION_IN_PROGRESS.","severity":"INFO","count":7}}""";

    @Test
    void theGuidesExamplePatterns() {
        String leftRunning = """
                {"detail-type":["AppRunner Service Status Change"],"source":["aws.apprunner"],
                 "account":["111122223333"],"detail":{"previousServiceStatus":["RUNNING"]}}""";
        String anyFailed = """
                {"detail-type":["AppRunner Service Operation Status Change"],"source":["aws.apprunner"],
                 "account":["111122223333"],"detail":{"operationStatus":["CreateServiceFailed","DeleteServiceFailed",
                 "UpdateServiceFailed","DeploymentFailed","PauseServiceFailed","ResumeServiceFailed"]}}""";
        assertTrue(EventPatterns.matches(LEFT_RUNNING, leftRunning));
        assertFalse(EventPatterns.matches(LEFT_RUNNING, anyFailed));
    }

    @Test
    void contentFilters() {
        assertTrue(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"serviceName\":[{\"prefix\":\"my-\"}]}}"));
        assertFalse(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"serviceName\":[{\"prefix\":\"other\"}]}}"));
        assertTrue(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"severity\":[{\"anything-but\":\"ERROR\"}]}}"));
        assertTrue(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"count\":[{\"numeric\":[\">\",5,\"<=\",7]}]}}"));
        assertFalse(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"count\":[{\"numeric\":[\">\",7]}]}}"));
        assertTrue(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"message\":[{\"exists\":true}]}}"));
        assertFalse(EventPatterns.matches(LEFT_RUNNING, "{\"detail\":{\"operationStatus\":[{\"exists\":true}]}}"));
        assertTrue(EventPatterns.matches(LEFT_RUNNING, """
                {"source":["aws.apprunner"],"$or":[{"detail":{"severity":["ERROR"]}},{"detail":{"count":[7]}}]}"""));
    }

    @Test
    void invalidPatternsAreRefusedWithTheReason() {
        for (String bad : new String[] {"{", "[]", "{}", "{\"source\":\"aws.apprunner\"}",
                "{\"detail\":{\"count\":[{\"numeric\":[\"~\",5]}]}}"}) {
            ApiError e = assertThrows(ApiError.class, () -> EventPatterns.check(bad), bad);
            assertEquals("InvalidEventPatternException", e.type());
        }
    }
}
