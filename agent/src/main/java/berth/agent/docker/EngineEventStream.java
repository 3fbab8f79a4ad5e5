package berth.agent.docker;

import berth.agent.runtime.ContainerEvent;
import berth.agent.runtime.EventSubscription;
import berth.agent.runtime.HealthStatus;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's container event stream for one subscriber. It reconnects after the engine drops the
 * stream (an engine restart), resuming from the last event seen, so events may repeat but are not
 * lost while the engine keeps them in its buffer.
 */
final class EngineEventStream implements EventSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(EngineEventStream.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** The engine's listener is registered just after it answers; replaying this much closes that gap. */
    private static final Duration REPLAY = Duration.ofSeconds(1);
    private static final List<String> NOT_LABELS = List.of("name", "image", "exitCode", "signal");

    private final DockerClient client;
    private final String[] labelFilters;
    private final Consumer<ContainerEvent> consumer;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final Thread pump;
    private volatile Instant resumeFrom;
    private volatile Closeable stream = () -> { };
    private volatile boolean closed;

    private EngineEventStream(DockerClient client, List<String> labelFilters, Consumer<ContainerEvent> consumer) {
        this.client = client;
        this.labelFilters = labelFilters.toArray(String[]::new);
        this.consumer = consumer;
        this.resumeFrom = Instant.now().minus(REPLAY);
        this.pump = Thread.ofPlatform().daemon().name("docker-events").unstarted(this::pump);
    }

    /** Subscribes and returns once the engine has accepted the subscription. */
    static EngineEventStream open(DockerClient client, List<String> labelFilters, Consumer<ContainerEvent> consumer,
                                  Duration connectTimeout, DockerFailures failures) {
        EngineEventStream s = new EngineEventStream(client, labelFilters, consumer);
        s.pump.start();
        try {
            s.connected.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return s;
        } catch (ExecutionException e) {
            s.close();
            throw e.getCause() instanceof RuntimeException re ? failures.translate("subscribe to events", re)
                    : failures.unavailable("subscribe to events", e.getCause());
        } catch (TimeoutException e) {
            s.close();
            throw failures.unavailable("subscribe to events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
            throw failures.unavailable("subscribe to events", e);
        }
    }

    private void pump() {
        while (!closed) {
            ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onStart(Closeable c) {
                    super.onStart(c);
                    connected.complete(null);
                }

                @Override
                public void onNext(Event event) {
                    deliver(event);
                }

                @Override
                public void onError(Throwable t) {
                    connected.completeExceptionally(t);
                    super.onError(t);
                }
            };
            try {
                stream = client.eventsCmd()
                        .withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(labelFilters)
                        .withSince(since(resumeFrom))
                        .exec(callback);
                if (closed) {
                    callback.close();
                }
                callback.awaitCompletion();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("container event stream ended, reconnecting: {}", e.toString());
                }
            }
            if (!closed) {
                try {
                    Thread.sleep(RECONNECT_DELAY);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void deliver(Event event) {
        Optional<ContainerEvent> translated = translate(event);
        if (translated.isEmpty()) {
            return;
        }
        resumeFrom = translated.get().time();
        try {
            consumer.accept(translated.get());
        } catch (RuntimeException e) {
            LOG.warn("container event consumer failed on {}", translated.get(), e);
        }
    }

    static Optional<ContainerEvent> translate(Event e) {
        String action = InspectTranslation.orEmpty(e.getAction() != null ? e.getAction() : e.getStatus());
        Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null
                ? Map.of() : e.getActor().getAttributes();
        String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId()
                : InspectTranslation.orEmpty(e.getId());
        String name = attributes.getOrDefault("name", "");
        Map<String, String> labels = new HashMap<>(attributes);
        NOT_LABELS.forEach(labels::remove);
        Instant time = e.getTimeNano() != null ? Instant.EPOCH.plusNanos(e.getTimeNano())
                : Instant.ofEpochSecond(e.getTime() == null ? 0 : e.getTime());
        if (action.startsWith("health_status")) {
            HealthStatus status = InspectTranslation.health(action.substring(action.indexOf(':') + 1).strip());
            return Optional.of(new ContainerEvent.HealthChanged(id, name, labels, time, status));
        }
        return switch (action) {
            case "create" -> Optional.of(new ContainerEvent.Created(id, name, labels, time));
            case "start" -> Optional.of(new ContainerEvent.Started(id, name, labels, time));
            case "die" -> Optional.of(new ContainerEvent.Died(id, name, labels, time, exitCode(attributes)));
            case "oom" -> Optional.of(new ContainerEvent.OutOfMemory(id, name, labels, time));
            case "destroy" -> Optional.of(new ContainerEvent.Destroyed(id, name, labels, time));
            default -> Optional.empty();
        };
    }

    private static int exitCode(Map<String, String> attributes) {
        try {
            return Integer.parseInt(attributes.getOrDefault("exitCode", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The engine's {@code since} parameter: seconds since the epoch with a fraction. */
    private static String since(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    @Override
    public void close() {
        closed = true;
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing container event stream", e);
        }
        pump.interrupt();
    }
}
