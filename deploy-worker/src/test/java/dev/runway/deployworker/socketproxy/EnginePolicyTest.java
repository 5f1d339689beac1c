package dev.runway.deployworker.socketproxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.deployworker.socketproxy.JsonPolicy.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which engine calls each worker's socket forwards, as docker-java (API 1.41) words them. */
class EnginePolicyTest {

    private static final EnginePolicy DEPLOY = EnginePolicy.deployWorker();
    private static final EnginePolicy BUILD = EnginePolicy.buildWorker("127.0.0.1:5000");

    @ParameterizedTest
    @ValueSource(strings = {
        "HEAD /_ping", "GET /v1.41/version",
        "GET /v1.41/images/127.0.0.1:5000/web@sha256:abc/json", "DELETE /v1.41/images/127.0.0.1:5000/web:1",
        "POST /v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fweb&tag=latest",
        "GET /v1.41/containers/json?all=true&filters=%7B%22label%22%3A%5B%22dev.runway.platform%3Dx%22%5D%7D",
        "GET /v1.41/networks?filters=%7B%7D", "POST /v1.41/networks/create", "POST /v1.41/containers/create?name=runway-x-r1",
        "POST /v1.41/containers/0123abcd/start", "GET /v1.41/containers/runway-x-r1/json",
        "GET /v1.41/containers/0123abcd/stats?stream=false", "GET /v1.41/containers/0123abcd/logs?follow=true&tail=50",
        "POST /v1.41/containers/0123abcd/stop?t=10", "DELETE /v1.41/containers/0123abcd?force=true&v=true",
        "GET /v1.41/events?filters=%7B%7D", "GET /containers/json",
    })
    void theDeployWorkersCallsAreOnItsList(String call) {
        assertNotNull(DEPLOY.rule(request(call)), call);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /v1.41/containers/0123abcd/exec", "POST /v1.41/exec/abc/start", "POST /v1.41/containers/0123abcd/attach",
        "POST /v1.41/build", "POST /v1.41/images/x/push", "GET /v1.41/info", "POST /v1.41/volumes/create",
        "GET /v1.41/containers/0123abcd/archive", "PUT /v1.41/containers/0123abcd/archive",
        "POST /v1.41/containers/0123abcd/update", "POST /v1.41/swarm/init", "POST /v1.41/plugins/pull",
        "POST /v1.41/networks/abc/connect", "POST /v1.41/containers/0123abcd/commit", "GET /v1.41/secrets",
        "POST /v1.41/images/load", "GET /v1.41/images/x/get", "POST /session",
    })
    void otherCallsAreNotOnTheDeployWorkersList(String call) {
        assertNull(DEPLOY.rule(request(call)), call);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HEAD /_ping", "GET /v1.41/images/runway/runtime-python3-abc/json",
        "POST /v1.41/build?t=127.0.0.1%3A5000%2Fweb%3Aabc&pull=false&rm=true&forcerm=true&networkmode=none"
                + "&memory=2147483648&memswap=2147483648&cpushares=512&dockerfile=Dockerfile",
        "POST /v1.41/images/127.0.0.1:5000/web/push?tag=abc", "DELETE /v1.41/images/127.0.0.1:5000/web:abc?noprune=false",
    })
    void theBuildWorkersCallsPass(String call) throws Refused {
        var request = request(call);
        var rule = BUILD.rule(request);
        assertNotNull(rule, call);
        rule.check().check(request, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /v1.41/containers/json", "POST /v1.41/containers/create", "GET /v1.41/version",
        "POST /v1.41/images/create?fromImage=x", "GET /v1.41/events", "POST /v1.41/containers/0123abcd/start",
    })
    void theBuildWorkerMayNotTouchContainers(String call) {
        assertNull(BUILD.rule(request(call)), call);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /v1.41/build?t=x", "POST /v1.41/build?networkmode=host", "POST /v1.41/build?networkmode=none&remote=http://x/",
        "POST /v1.41/build?networkmode=none&pull=1", "POST /v1.41/build?networkmode=none&extrahosts=a:1.2.3.4",
        "POST /v1.41/images/docker.io/library/web/push?tag=abc",
    })
    void aBuildWithNetworkOrAPushElsewhereIsRefused(String call) {
        var request = request(call);
        assertThrows(Refused.class, () -> BUILD.rule(request).check().check(request, null), call);
    }

    @Test
    void anImportFromAUrlIsRefusedAPullIsNot() {
        var pull = request("POST /v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fweb&tag=1");
        assertDoesNotThrow(() -> DEPLOY.rule(pull).check().check(pull, null));
        var imported = request("POST /v1.41/images/create?fromSrc=http%3A%2F%2F127.0.0.1%3A9001%2F&repo=x");
        assertThrows(Refused.class, () -> DEPLOY.rule(imported).check().check(imported, null));
    }

    @Test
    void theInstanceBridgeOnlyAsDockerEngineMakesIt() throws Exception {
        var create = request("POST /v1.41/networks/create");
        var rule = DEPLOY.rule(create);
        String ok = "{\"Name\":\"runway-dev-instances\",\"Driver\":\"bridge\",\"Options\":{"
                + "\"com.docker.network.bridge.enable_icc\":\"false\","
                + "\"com.docker.network.bridge.host_binding_ipv4\":\"127.0.0.1\"},\"Labels\":{\"dev.runway.instances\":\"true\"}}";
        rule.check().check(create, JsonPolicy.parse(ok.getBytes()));
        for (String bad : new String[] {ok.replace("127.0.0.1", "0.0.0.0"), ok.replace("\"bridge\"", "\"macvlan\""),
                ok.replace("runway-dev-instances", "host"), ok.replace("\"Driver\"", "\"Internal\":true,\"Driver\"")}) {
            assertThrows(Refused.class, () -> rule.check().check(create, JsonPolicy.parse(bad.getBytes())), bad);
        }
    }

    @Test
    void aStartWithAHostConfigIsRefused() throws Exception {
        var start = request("POST /v1.41/containers/abc/start");
        var rule = DEPLOY.rule(start);
        rule.check().check(start, null);
        rule.check().check(start, JsonPolicy.parse("{}".getBytes()));
        assertThrows(Refused.class, () -> rule.check().check(start,
                JsonPolicy.parse("{\"Privileged\":true}".getBytes())));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /v1.41/containers/abc/../../info", "GET /v1.41/containers/abc/%2e%2e/%2e%2e/info",
        "GET /v1.41//containers/json", "GET /v1.41/containers/json/.", "GET containers/json",
        "GET /v1.41/containers/json?all=1;x=2", "GET /v1.41/containers/a%zz/json",
    })
    void aPathTheEngineMightReadOtherwiseIsRefused(String call) {
        String[] parts = call.split(" ", 2);
        assertThrows(IllegalArgumentException.class, () -> EngineRequest.of(parts[0], parts[1]), call);
    }

    @Test
    void anEncodedSlashIsJudgedAsTheEngineReadsIt() {
        // the engine decodes the path before routing: %2F is a slash to it, and so to the policy
        assertNull(DEPLOY.rule(request("POST /v1.41/containers/abc%2Fexec")));
        assertNull(BUILD.rule(request("GET /v1.41/containers%2Fjson")));
    }

    private static EngineRequest request(String call) {
        String[] parts = call.split(" ", 2);
        return EngineRequest.of(parts[0], parts[1]);
    }
}
