package dev.runway.router.route;

import dev.runway.events.model.RevisionTraffic;
import java.util.List;
import java.util.Optional;

/**
 * A service's requests divided between revisions (Runway.UpdateTraffic): the shares as the
 * registry recorded them and the weighted choice that spreads requests by them. Immutable but for
 * the choice's counters, which every event loop shares under this object's lock (a few integer
 * additions per request).
 */
public final class Split {

    private final List<RevisionTraffic> shares;
    /** Only the shares above zero take untagged requests. */
    private final List<RevisionTraffic> weighted;
    private final WeightedChoice choice;

    /** @param shares at least one share above zero (the registry checked they sum to 100) */
    public Split(List<RevisionTraffic> shares) {
        this.shares = List.copyOf(shares);
        this.weighted = this.shares.stream().filter(s -> s.percent() > 0).toList();
        this.choice = new WeightedChoice(weighted.stream().map(RevisionTraffic::percent).toList());
    }

    /** A split from what an event or the snapshot carries; null (no split) when it is empty or takes nothing. */
    public static Split of(List<RevisionTraffic> shares) {
        if (shares == null || shares.stream().noneMatch(s -> s.percent() > 0)) {
            return null;
        }
        return new Split(shares);
    }

    public List<RevisionTraffic> shares() {
        return shares;
    }

    /** The revision the next untagged request goes to. */
    RevisionTraffic next() {
        int i;
        synchronized (this) {
            i = choice.next();
        }
        return weighted.get(i);
    }

    /** The revision a tag names, if any. */
    Optional<RevisionTraffic> tagged(String tag) {
        return shares.stream().filter(s -> tag.equals(s.tag())).findFirst();
    }
}
