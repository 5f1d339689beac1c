package dev.runway.events.query;

import java.util.List;

/**
 * One page of a list from the registry's query API.
 *
 * @param items      the page
 * @param nextOffset where the next page starts, or null when this is the last
 */
public record Page<T>(List<T> items, Integer nextOffset) {
}
