package dev.imagecatalog.query.events;

import dev.imagecatalog.catalog.events.ImageEvent;
import dev.imagecatalog.query.FilterArgs;
import dev.imagecatalog.query.GoNumbers;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.QueryParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of {@code GET /events}, read as the daemon reads them (moby 28.x:
 * api/server/router/system/system_routes.go getEvents, api/types/time/timestamp.go), in its order:
 * {@code since}, {@code until}, the two together, then {@code filters}.
 *
 * @param sinceNano nanoseconds since the epoch, or null when not given
 * @param untilNano nanoseconds since the epoch, or null when not given
 */
public record EventsQuery(Long sinceNano, Long untilNano, EventFilter filter) {

    /**
     * @throws InvalidQueryException 400: a time that is not Unix seconds with an optional fraction
     *         (clients turn durations and dates into these; moby 28 answers a 500 with the same
     *         message), {@code since} after {@code until}, or {@code filters} of neither form
     */
    public static EventsQuery from(QueryParameters params) {
        String since = params.first("since").orElse("");
        String until = params.first("until").orElse("");
        Long sinceNano = timestamp(since);
        Long untilNano = timestamp(until);
        if (untilNano != null && sinceNano != null && sinceNano > untilNano) {
            throw new InvalidQueryException("`since` time (" + since + ") cannot be after `until` time (" + until + ")");
        }
        return new EventsQuery(sinceNano, untilNano, new EventFilter(FilterArgs.parse(params.first("filters").orElse(""))));
    }

    /** {@code seconds[.fraction]}; empty and {@code -1} (the daemon's "unset") give null. */
    static Long timestamp(String value) {
        if (value.isEmpty()) {
            return null;
        }
        int dot = value.indexOf('.');
        long seconds = GoNumbers.parseInt(dot < 0 ? value : value.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
            String fraction = value.substring(dot + 1);
            long digits = GoNumbers.parseInt(fraction);
            nanos = (long) (digits * Math.pow(10, 9 - fraction.length()));
        }
        if (seconds == -1) {
            return null; // ParseTimestamps' default: the daemon takes -1 as no time at all
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }

    /** Whether the answer ends once the kept events are written: {@code until} has passed. */
    public boolean onlyPast(long nowNano) {
        return untilNano != null && untilNano < nowNano;
    }

    /**
     * The kept events this watcher gets first: none unless {@code since} or {@code until} is given;
     * else those from {@code since} (or the oldest kept) to {@code until} that the filters let through.
     */
    public List<ImageEvent> replay(List<ImageEvent> kept) {
        List<ImageEvent> replay = new ArrayList<>();
        if (sinceNano == null && untilNano == null) {
            return replay;
        }
        long from = sinceNano == null ? 0 : sinceNano;
        for (ImageEvent event : kept) {
            if (event.timeNano() >= from && (untilNano == null || untilNano <= 0 || event.timeNano() <= untilNano)
                    && filter.includes(event)) {
                replay.add(event);
            }
        }
        return replay;
    }
}
