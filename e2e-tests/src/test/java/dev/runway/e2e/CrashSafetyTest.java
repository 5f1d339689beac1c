package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service-registry killed with SIGKILL mid-operation loses nothing and duplicates nothing. */
class CrashSafetyTest {

    @Test
    void shouldFinishACreateAcrossARegistryCrash() throws SQLException {
        // given a create in flight
        String name = Platform.uniqueName("crash");
        String arn = Services.create(name, Platform.HELLO_IMAGE).path("Service").path("ServiceArn").asText();

        // when the registry is killed before the deployment is reported, and started again
        Platform.runway("stop", "--kill", "service-registry");
        Platform.sleep(3000); // the deploy-worker finishes and reports while no registry runs
        Platform.runway("start", "service-registry");

        // then the create completes
        String status = Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText();
        assertEquals("RUNNING", status);

        // and the stream has no gap and no duplicate
        List<Integer> versions = new ArrayList<>();
        Map<String, Integer> types = new HashMap<>();
        try (Connection db = DriverManager.getConnection(Platform.env("RUNWAY_DB_URL"), Platform.env("RUNWAY_DB_USER"),
                Platform.env("RUNWAY_DB_PASSWORD"));
                var query = db.prepareStatement("select version, type from events where stream_id = ? order by version")) {
            query.setString(1, arn);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                    types.merge(rs.getString(2), 1, Integer::sum);
                }
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, versions.get(i), "versions run 1..n without a gap: " + versions);
        }
        assertEquals(1, types.get("ServiceCreated"), types.toString());
        assertEquals(1, types.get("RevisionActivated"), types.toString());
        assertEquals(1, types.get("OperationSucceeded"), types.toString());
        assertTrue(versions.size() >= 7, types.toString());

        Services.deleteAndWait(arn);
    }
}
