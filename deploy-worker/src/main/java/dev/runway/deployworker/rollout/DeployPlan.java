package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What to do with the containers found for a revision, derived from desired vs observed only, so
 * deciding twice gives the same answer.
 *
 * @param adopt  running instances to keep (at most {@code want})
 * @param remove containers to take away, each with why
 * @param create how many new instances to start
 */
record DeployPlan(List<Container> adopt, List<Removal> remove, int create) {

    /** A container to remove; {@code graceful} when it may be serving requests. */
    record Removal(Container container, String why, boolean graceful) {
    }

    DeployPlan {
        adopt = List.copyOf(adopt);
        remove = List.copyOf(remove);
    }

    static DeployPlan decide(int want, List<Container> got) {
        var adopt = new ArrayList<Container>();
        var remove = new ArrayList<Removal>();
        var sorted = got.stream().sorted(Comparator.comparing(Container::name)).toList();
        for (Container container : sorted) {
            if (!container.running()) {
                remove.add(new Removal(container, container.state(), false));
            } else if (port(container) < 0 || container.label(Labels.INSTANCE) == null) {
                remove.add(new Removal(container, "running without instance or port labels", false));
            } else if (adopt.size() < want) {
                adopt.add(container);
            } else {
                remove.add(new Removal(container, "surplus", true));
            }
        }
        return new DeployPlan(adopt, remove, Math.max(0, want - adopt.size()));
    }

    /** The port a container was given, or -1 when its label is missing or not a number. */
    static int port(Container container) {
        try {
            return Integer.parseInt(container.label(Labels.PORT));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
