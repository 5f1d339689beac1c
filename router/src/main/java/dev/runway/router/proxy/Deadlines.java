package dev.runway.router.proxy;

import java.util.function.Consumer;

/**
 * The request deadlines of one event loop. Every request gets the same timeout, so arrival order is
 * deadline order: a FIFO list with O(1) removal, swept by one periodic timer, instead of a timer
 * per request (scheduling and cancelling one cost about as much as routing the request). Used from
 * its event loop only.
 */
final class Deadlines {

    /** Something with a deadline; linked into at most one list at a time. */
    static class Node {
        private Node previous;
        private Node next;
        private long deadlineNanos;
    }

    private final Node sentinel = new Node();

    Deadlines() {
        sentinel.previous = sentinel;
        sentinel.next = sentinel;
    }

    /** Adds {@code node} at the end; its deadline must not come before any already in the list. */
    void add(Node node, long deadlineNanos) {
        remove(node);
        node.deadlineNanos = deadlineNanos;
        node.previous = sentinel.previous;
        node.next = sentinel;
        sentinel.previous.next = node;
        sentinel.previous = node;
    }

    /** Takes {@code node} out; nothing happens when it is not in the list. */
    void remove(Node node) {
        if (node.next == null) {
            return;
        }
        node.previous.next = node.next;
        node.next.previous = node.previous;
        node.previous = null;
        node.next = null;
    }

    /** Takes out every node whose deadline has come by {@code nowNanos}, in order, and hands it over. */
    void expire(long nowNanos, Consumer<Node> expired) {
        while (sentinel.next != sentinel && sentinel.next.deadlineNanos - nowNanos <= 0) {
            Node first = sentinel.next;
            remove(first);
            expired.accept(first);
        }
    }

    boolean isEmpty() {
        return sentinel.next == sentinel;
    }
}
