package org.hiehub.query.alerts;

import java.util.function.Predicate;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.hiehub.projections.alerts.AlertProjection;
import org.hiehub.projections.status.ProjectionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live alert stream (server-sent events). It polls the read store, not an in-JVM event, so it works when the
 * projections run in another process: one poller for all subscribers reads the alerts whose event position lies
 * between what was sent and the position up to which the alerts projection has handled every event (its
 * watermark, below any open gap). Alerts at or under the watermark are all written, so none is missed, and each
 * subscriber is sent each position once. The SSE id is the position: a client reconnecting with
 * {@code Last-Event-ID} resumes after it.
 */
@Component
public class AlertStream {

    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    private final AlertFeed feed;
    private final ProjectionStatus status;
    private final long pollMillis;
    private final long heartbeatMillis;
    private final Duration timeout;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;

    public AlertStream(AlertFeed feed, ProjectionStatus status,
                       @Value("${hub.alerts.stream.poll-ms:250}") long pollMillis,
                       @Value("${hub.alerts.stream.heartbeat-ms:15000}") long heartbeatMillis,
                       @Value("${hub.alerts.stream.timeout:PT30M}") Duration timeout) {
        this.feed = feed;
        this.status = status;
        this.pollMillis = pollMillis;
        this.heartbeatMillis = heartbeatMillis;
        this.timeout = timeout;
    }

    /** A new subscriber: alerts after {@code after}, or from now on when null. */
    public SseEmitter subscribe(Long after) {
        return subscribe(after, alert -> true);
    }

    /** As {@link #subscribe(Long)}, sending only the alerts {@code visible} lets through (the caller's consent). */
    public SseEmitter subscribe(Long after, Predicate<Document> visible) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        long from = after != null ? after : watermark();
        Subscriber subscriber = new Subscriber(emitter, from, visible);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        startPolling();
        // Nothing is sent until the first alert or heartbeat: a client that only checks access sees the status
        // line then, and a resuming client gets the alerts after its position first.
        return emitter;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private synchronized void startPolling() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "alert-stream");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    void poll() {
        try {
            if (subscribers.isEmpty()) {
                return;
            }
            long through = watermark();
            long oldest = subscribers.stream().mapToLong(s -> s.sentThrough).min().orElse(through);
            List<Document> fresh = oldest < through ? feed.between(oldest, through) : List.of();
            long now = System.currentTimeMillis();
            for (Subscriber subscriber : subscribers) {
                subscriber.deliver(fresh, through, now, heartbeatMillis);
            }
        } catch (RuntimeException e) {
            log.warn("Alert stream poll failed: {}", e.toString());
        }
    }

    private long watermark() {
        return status.handledThrough(AlertProjection.GROUP).orElse(-1);
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        subscribers.forEach(s -> s.emitter.complete());
    }

    private final class Subscriber {
        private final SseEmitter emitter;
        private final Predicate<Document> visible;
        private volatile long sentThrough;
        private long lastSentAt = System.currentTimeMillis();

        Subscriber(SseEmitter emitter, long sentThrough, Predicate<Document> visible) {
            this.emitter = emitter;
            this.sentThrough = sentThrough;
            this.visible = visible;
        }

        void deliver(List<Document> fresh, long through, long now, long heartbeatMillis) {
            try {
                for (Document alert : fresh) {
                    long position = alert.get("position", Number.class).longValue();
                    if (position > sentThrough && visible.test(alert)) {
                        emitter.send(SseEmitter.event().id(Long.toString(position)).name("alert")
                                .data(alert.toJson(), MediaType.APPLICATION_JSON));
                        lastSentAt = now;
                    }
                }
                if (through > sentThrough) {
                    sentThrough = through;
                }
                if (now - lastSentAt >= heartbeatMillis) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSentAt = now;
                }
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(this); // the client went away
            }
        }
    }
}
