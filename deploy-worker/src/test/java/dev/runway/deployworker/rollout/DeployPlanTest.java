package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.deployworker.engine.Container;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployPlanTest {

    static Container instance(String id, String state) {
        return new Container("c-" + id, "runway-test-hello-r1-" + id,
                Map.of(Labels.INSTANCE, id, Labels.PORT, "2000" + id.charAt(0)), state);
    }

    @Test
    void shouldCreateEverythingWhenNothingRuns() {
        var plan = DeployPlan.decide(3, List.of());
        assertEquals(new DeployPlan(List.of(), List.of(), 3), plan);
    }

    @Test
    void shouldAdoptRunningAndRemoveDead() {
        var running = instance("1aaaaaaa", "running");
        var exited = instance("2bbbbbbb", "exited");
        var created = instance("3ccccccc", "created");
        var plan = DeployPlan.decide(2, List.of(exited, running, created));
        assertEquals(List.of(running), plan.adopt());
        assertEquals(List.of(new DeployPlan.Removal(exited, "exited", false),
                new DeployPlan.Removal(created, "created", false)), plan.remove());
        assertEquals(1, plan.create());
    }

    @Test
    void shouldRemoveSurplusInNameOrder() {
        var a = instance("1aaaaaaa", "running");
        var b = instance("2bbbbbbb", "running");
        var plan = DeployPlan.decide(1, List.of(b, a));
        assertEquals(List.of(a), plan.adopt());
        assertEquals(List.of(new DeployPlan.Removal(b, "surplus", true)), plan.remove());
        assertEquals(0, plan.create());
    }

    @Test
    void shouldNotAdoptAContainerWithoutAPort() {
        var broken = new Container("c-x", "x", Map.of(Labels.INSTANCE, "x", Labels.PORT, "oops"), "running");
        var plan = DeployPlan.decide(1, List.of(broken));
        assertEquals(List.of(), plan.adopt());
        assertEquals(1, plan.remove().size());
        assertEquals(1, plan.create());
    }

    @Test
    void shouldDecideTheSameWhenAskedTwice() {
        var got = List.of(instance("1aaaaaaa", "running"), instance("2bbbbbbb", "dead"));
        assertEquals(DeployPlan.decide(2, got), DeployPlan.decide(2, got));
    }
}
