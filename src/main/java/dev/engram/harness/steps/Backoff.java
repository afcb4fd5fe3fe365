package dev.engram.harness.steps;

import dev.engram.harness.client.Connectivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Intervals between connection attempts, from the states a voice link recorded: no clock is read here. */
final class Backoff {
    private Backoff() {}

    /**
     * Milliseconds between consecutive retries ({@code reconnecting} states): each holds one attempt's timeout plus
     * the backoff before the next, so with exponential backoff they grow.
     */
    static List<Long> gaps(List<Connectivity.LinkState> history) {
        List<java.time.Instant> starts = history.stream()
                .filter(s -> s.state().equals("reconnecting"))
                .map(Connectivity.LinkState::since).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            gaps.add(Duration.between(starts.get(i - 1), starts.get(i)).toMillis());
        }
        return gaps;
    }

    static boolean growing(List<Long> gaps) {
        for (int i = 1; i < gaps.size(); i++) {
            if (gaps.get(i) <= gaps.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
