package dev.runway.events.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a service's requests divide between its revisions (Runway's {@code Runway.UpdateTraffic}):
 * each entry a revision, its share in whole percent, and optionally a tag that names the revision
 * at its own URL ({@code <tag>--<service host>}). Percentages sum to 100; a revision appears once;
 * a tag is a DNS label, used once. An entry with 0 % and a tag keeps the revision reachable only at
 * its tagged URL.
 */
public record TrafficSplit(List<Entry> entries) {

    /** One revision's share; {@code tag} null when it has none. */
    public record Entry(int revision, int percent, String tag) {
    }

    /** A DNS label, lowercase: what a host's first label may be. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public TrafficSplit {
        entries = List.copyOf(entries);
    }

    /** Every request to one revision: App Runner's behaviour. */
    public static TrafficSplit all(int revision) {
        return new TrafficSplit(List.of(new Entry(revision, 100, null)));
    }

    /** The revisions that take a share of the untagged requests. */
    public List<Integer> withTraffic() {
        return entries.stream().filter(e -> e.percent() > 0).map(Entry::revision).toList();
    }

    /**
     * Checks a split asked for against the service's revisions.
     *
     * @param statuses     each revision's status as Runway.ListRevisions shows it (SERVING, KEPT, …)
     * @param hostLabel    the service host's first label ({@code <name>-<short id>}); a tag and
     *                     {@code --} before it must still fit a DNS label (63 characters)
     * @throws IllegalArgumentException naming the member ({@code Traffic}, {@code Traffic[i].Percent},
     *                                  {@code Traffic[i].Revision}, {@code Traffic[i].Tag}) and what it takes
     */
    public static TrafficSplit check(List<Entry> asked, Map<Integer, String> statuses, String hostLabel) {
        if (asked == null || asked.isEmpty()) {
            throw new IllegalArgumentException("Traffic is required: at least one {Revision, Percent} whose"
                    + " percentages sum to 100.");
        }
        int sum = 0;
        Set<Integer> revisions = new HashSet<>();
        Set<String> tags = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            Entry e = asked.get(i);
            String at = "Traffic[" + i + "]";
            if (e.percent() < 0 || e.percent() > 100) {
                throw new IllegalArgumentException(at + ".Percent is " + e.percent() + "; it takes a whole number from"
                        + " 0 to 100.");
            }
            String status = statuses.get(e.revision());
            if (status == null) {
                throw new IllegalArgumentException(at + ".Revision " + e.revision() + " is not a revision of this"
                        + " service; Runway.ListRevisions lists them.");
            }
            if (!status.equals("SERVING") && !status.equals("KEPT")) {
                throw new IllegalArgumentException(at + ".Revision " + e.revision() + " is " + status + "; traffic"
                        + " goes only to a SERVING or KEPT revision (Runway.ListRevisions lists them).");
            }
            if (!revisions.add(e.revision())) {
                throw new IllegalArgumentException(at + ".Revision " + e.revision() + " is named twice; give each"
                        + " revision one entry.");
            }
            String tag = e.tag();
            if (tag != null) {
                if (!DNS_LABEL.matcher(tag).matches()) {
                    throw new IllegalArgumentException(at + ".Tag '" + tag + "' is not a DNS label: lowercase letters,"
                            + " digits and '-', starting and ending with a letter or digit.");
                }
                if (tag.length() + 2 + hostLabel.length() > 63) {
                    throw new IllegalArgumentException(at + ".Tag '" + tag + "' is too long: '" + tag + "--"
                            + hostLabel + "' must fit a DNS label (63 characters), so at most "
                            + Math.max(0, 61 - hostLabel.length()) + " characters here.");
                }
                if (!tags.add(tag)) {
                    throw new IllegalArgumentException(at + ".Tag '" + tag + "' is taken by another revision of"
                            + " this service; a tag names one revision.");
                }
            }
            if (e.percent() == 0 && tag == null) {
                continue; // no share and no tag: the revision takes nothing and is left out
            }
            sum += e.percent();
            out.add(e);
        }
        if (sum != 100) {
            throw new IllegalArgumentException("Traffic's percentages sum to " + sum + "; they must sum to 100.");
        }
        return new TrafficSplit(out);
    }
}
