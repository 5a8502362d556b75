package dev.hourglass.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client over a real HTTP connection: events as they arrive, with their id and name. */
public final class EventStreamClient implements AutoCloseable {

    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> ended;
    private volatile int status;

    public EventStreamClient(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        ended = response.thenAccept(r -> {
            status = r.statusCode();
            List<String> data = new ArrayList<>();
            String[] idAndName = new String[2];
            r.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Event event = new Event(idAndName[0], idAndName[1], String.join("\n", data));
                        received.add(event);
                        events.add(event);
                    }
                    data.clear();
                    idAndName[1] = null;
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                } else if (line.startsWith("event:")) {
                    idAndName[1] = line.substring(6);
                } else if (line.startsWith("id:")) {
                    idAndName[0] = line.substring(3);
                }
            });
        });
    }

    /** The next event named {@code name}, skipping others; fails after {@code timeout}. */
    public Event next(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no '" + name + "' event within " + timeout + " (HTTP " + status + ")");
                }
                if (name.equals(event.name())) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** Every event received so far, in order, including those {@link #next} skipped or has not reached. */
    public List<Event> received() {
        return List.copyOf(received);
    }

    /** Whether the server ends the stream within {@code timeout}. */
    public boolean endsWithin(Duration timeout) {
        try {
            ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // the connection broke: ended too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
