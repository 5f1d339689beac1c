package dev.runway.deployworker.rollout;

/** The loopback ports instances may listen on, both ends included. */
record PortRange(int first, int last) {

    PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("a port range is first-last within 1-65535, not " + first + "-" + last);
        }
    }

    /** Reads {@code 20000-29999}. */
    static PortRange parse(String text) {
        String[] ends = text.strip().split("\\s*-\\s*");
        if (ends.length != 2) {
            throw new IllegalArgumentException("a port range looks like 20000-29999, not '" + text + "'");
        }
        try {
            return new PortRange(Integer.parseInt(ends[0]), Integer.parseInt(ends[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port range looks like 20000-29999, not '" + text + "'");
        }
    }

    int size() {
        return last - first + 1;
    }

    boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
