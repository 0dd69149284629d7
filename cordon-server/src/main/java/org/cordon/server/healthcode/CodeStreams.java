package org.cordon.server.healthcode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cordon.core.healthcode.CodeChange;
import org.cordon.server.security.Jurisdiction;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes code changes as Server-Sent Events: a resident subscribes to their own code, a community
 * worker (or anyone who reads codes) to the changes of persons living in a division of their
 * jurisdiction. Each event is named {@code code} and carries a {@link CodeView} as JSON. A subscriber
 * that cannot be written to any more is dropped.
 */
@Component
class CodeStreams {

  /** Keep a stream open this long; the browser's EventSource reconnects by itself after. */
  static final long TIMEOUT_MILLIS = 30 * 60_000L;

  private record DivisionSubscriber(Jurisdiction scope, SseEmitter emitter) {
  }

  private final Map<Long, List<SseEmitter>> byPerson = new ConcurrentHashMap<>();
  private final List<DivisionSubscriber> byDivision = new CopyOnWriteArrayList<>();

  /** A stream of {@code personId}'s changes, starting with the current code. */
  SseEmitter person(long personId, CodeView current) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
    List<SseEmitter> list = byPerson.computeIfAbsent(personId, k -> new CopyOnWriteArrayList<>());
    list.add(emitter);
    Runnable remove = () -> {
      list.remove(emitter);
      byPerson.computeIfPresent(personId, (k, v) -> v.isEmpty() ? null : v);
    };
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    send(emitter, current);
    return emitter;
  }

  /** A stream of the changes of persons living in {@code scope}. */
  SseEmitter division(Jurisdiction scope) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
    DivisionSubscriber s = new DivisionSubscriber(scope, emitter);
    byDivision.add(s);
    emitter.onCompletion(() -> byDivision.remove(s));
    emitter.onTimeout(() -> byDivision.remove(s));
    emitter.onError(e -> byDivision.remove(s));
    try {
      emitter.send(SseEmitter.event().name("ready").data("{\"division\":\"" + scope.root() + "\"}"));
    } catch (IOException e) {
      byDivision.remove(s);
    }
    return emitter;
  }

  /** Whether anybody follows a division (then the caller looks up where changed persons live). */
  boolean hasDivisionSubscribers() {
    return !byDivision.isEmpty();
  }

  /**
   * Sends each change to its person's streams and, with {@code homes} (person → home division), to
   * the division streams that cover it.
   */
  void publish(List<CodeChange> changes, java.util.function.LongFunction<CodeView> view,
      Map<Long, String> homes) {
    for (CodeChange c : changes) {
      List<SseEmitter> mine = byPerson.get(c.personId());
      boolean toDivisions = !byDivision.isEmpty() && homes.containsKey(c.personId());
      if ((mine == null || mine.isEmpty()) && !toDivisions) {
        continue;
      }
      CodeView v = view.apply(c.personId());
      if (mine != null) {
        mine.forEach(e -> send(e, v));
      }
      if (toDivisions) {
        String home = homes.get(c.personId());
        for (DivisionSubscriber s : byDivision) {
          if (s.scope().contains(home)) {
            send(s.emitter(), v);
          }
        }
      }
    }
  }

  private static void send(SseEmitter emitter, CodeView view) {
    try {
      emitter.send(SseEmitter.event().name("code").data(view));
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e);
    }
  }
}
