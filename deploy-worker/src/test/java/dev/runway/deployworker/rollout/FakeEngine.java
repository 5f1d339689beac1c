package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.ContainerState;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.image.ImageReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** An in-memory container engine: containers are map entries, images are names. */
class FakeEngine implements ContainerEngine {

    /** One container the fake holds. */
    static final class Box {
        final String id;
        final String name;
        final Map<String, String> labels;
        final ContainerSpec spec;
        String state;
        long exitCode;
        boolean oomKilled;
        List<String> logs = List.of();

        Box(String id, String name, Map<String, String> labels, ContainerSpec spec, String state) {
            this.id = id;
            this.name = name;
            this.labels = labels;
            this.spec = spec;
            this.state = state;
        }

        void exit(long code, boolean oom, String... logLines) {
            state = "exited";
            exitCode = code;
            oomKilled = oom;
            logs = List.of(logLines);
        }
    }

    final Map<String, Box> boxes = new LinkedHashMap<>();
    final Set<String> localImages = new HashSet<>();
    /** The USER of local images that name one. */
    final Map<String, String> imageUsers = new HashMap<>();
    final Set<String> registryImages = new HashSet<>();
    final List<String> pulls = new ArrayList<>();
    final List<ContainerSpec> created = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    final Set<String> refuseRemovalOf = new HashSet<>();
    Consumer<Box> onStart = box -> { };
    String pullError = "manifest unknown: manifest unknown";
    boolean down;
    private int nextId = 1;

    /** A container that already exists (e.g. left by an earlier attempt). */
    synchronized Box seed(String name, Map<String, String> labels, String state) {
        var box = new Box("c" + nextId++, name, Map.copyOf(labels), null, state);
        boxes.put(box.id, box);
        return box;
    }

    synchronized List<Box> all() {
        return List.copyOf(boxes.values());
    }

    synchronized List<Box> withLabels(Map<String, String> labels) {
        return boxes.values().stream().filter(b -> b.labels.entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public synchronized String version() {
        answer();
        return "20.10.24-fake";
    }

    @Override
    public String host() {
        return "fake://docker";
    }

    @Override
    public synchronized void removeImage(ImageReference image) {
        answer();
        localImages.remove(image.value());
    }

    @Override
    public synchronized String imageUser(ImageReference image) {
        answer();
        return imageUsers.getOrDefault(image.value(), "");
    }

    @Override
    public synchronized boolean hasImage(ImageReference image) {
        answer();
        return localImages.contains(image.value());
    }

    @Override
    public synchronized void pull(ImageReference image) {
        answer();
        pulls.add(image.value());
        if (!registryImages.contains(image.value())) {
            throw EngineException.refused("pull " + image, pullError, null);
        }
        localImages.add(image.value());
    }

    @Override
    public synchronized List<Container> containers(Map<String, String> labels) {
        answer();
        return withLabels(labels).stream().map(FakeEngine::container).toList();
    }

    @Override
    public synchronized List<Container> containersWithLabel(String key) {
        answer();
        return boxes.values().stream().filter(b -> b.labels.containsKey(key)).map(FakeEngine::container).toList();
    }

    @Override
    public synchronized String create(ContainerSpec spec) {
        answer();
        if (!localImages.contains(spec.image())) {
            throw EngineException.refused("create container " + spec.name(), "No such image: " + spec.image(), null);
        }
        if (boxes.values().stream().anyMatch(b -> b.name.equals(spec.name()))) {
            throw EngineException.refused("create container " + spec.name(), "name already in use", null);
        }
        created.add(spec);
        var box = new Box("c" + nextId++, spec.name(), spec.labels(), spec, "created");
        boxes.put(box.id, box);
        return box.id;
    }

    @Override
    public synchronized void start(String containerId) {
        answer();
        var box = boxes.get(containerId);
        box.state = "running";
        onStart.accept(box);
    }

    @Override
    public synchronized Optional<ContainerState> inspect(String containerId) {
        answer();
        var box = boxes.get(containerId);
        if (box == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerState("running".equals(box.state), box.state, box.exitCode, box.oomKilled));
    }

    @Override
    public synchronized List<String> logTail(String containerId, int lines) {
        answer();
        var logs = boxes.get(containerId).logs;
        return logs.subList(Math.max(0, logs.size() - lines), logs.size());
    }

    @Override
    public synchronized void stop(String containerId, Duration grace) {
        answer();
        var box = boxes.get(containerId);
        if (box != null && "running".equals(box.state)) {
            stopped.add(box.name);
            box.exit(143, false);
        }
    }

    @Override
    public synchronized void remove(String containerId) {
        answer();
        var box = boxes.get(containerId);
        if (box != null && refuseRemovalOf.contains(box.name)) {
            throw EngineException.refused("remove container " + box.name, "device or resource busy", null);
        }
        boxes.remove(containerId);
    }

    private void answer() {
        if (down) {
            throw EngineException.noAnswer("version", "Connection refused", null);
        }
    }

    private static Container container(Box box) {
        return new Container(box.id, box.name, box.labels, box.state);
    }

    /** Exits in the fake happen only when a test says so; nobody needs to be told. */
    @Override
    public Follow followLog(String containerId, int tail, LogSink sink) {
        return new Follow() {
            @Override
            public boolean active() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Follow watchExits(String key, String value, java.util.function.Consumer<String> onExit) {
        return new Follow() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
