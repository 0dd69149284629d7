package org.cordon.server.healthcode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.ArrivalRecorded;
import org.cordon.core.healthcode.CaseConfirmed;
import org.cordon.core.healthcode.ContactTraced;
import org.cordon.core.healthcode.Fact;
import org.cordon.core.healthcode.IsolationEnded;
import org.cordon.core.healthcode.IsolationStarted;
import org.cordon.core.healthcode.KeyGroupMembership;
import org.cordon.core.healthcode.PoolRecalled;
import org.cordon.core.healthcode.ResultWithdrawn;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.healthcode.ZoneMembership;
import org.cordon.core.tracing.ContactCategory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapping between the engine's facts and their stored and requested form: a kind
 * ({@code test_result}, {@code isolation_started}, ...), the person, the time the fact takes effect, and
 * the fact's other values as a small flat map ({@code {"method":"pcr","result":"negative"}}), stored as
 * JSON in {@code health_code_fact.detail}. {@code POST /api/health-codes/facts} takes the same kinds and
 * keys, so what is stored reads exactly like what was sent, except the kinds only lab results make
 * ({@link #LAB_ONLY}) and a test's {@code tube}.
 */
final class FactCodec {

  /**
   * A fact in stored form: of one person, or ({@code members} not null, {@code personId} 0) the same
   * fact of each member of a lab tube, each at their own sample time ({@link #decodeAll}).
   *
   * @param members {@code personId@sampleTime} of each member, space-separated ({@link #members}), or
   *     null for one person's fact
   */
  record Stored(long personId, String kind, Instant at, Map<String, String> detail, String members) {

    Stored(long personId, String kind, Instant at, Map<String, String> detail) {
      this(personId, kind, at, detail, null);
    }
  }

  /** One member of a tube row: the person and their sample time. */
  record Member(long personId, Instant sampledAt) {
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
  };

  /** Kinds only mass testing's lab results record: a hand-made one could not be corrected by the lab. */
  static final java.util.Set<String> LAB_ONLY = java.util.Set.of("pool_recall", "result_withdrawn");

  private FactCodec() {
  }

  static Stored encode(Fact fact) {
    Map<String, String> d = new LinkedHashMap<>();
    String kind;
    if (fact instanceof CaseConfirmed) {
      kind = "case_confirmed";
    } else if (fact instanceof ContactTraced c) {
      kind = "contact_traced";
      d.put("category", c.category().code());
      d.put("source", Long.toString(c.sourcePersonId()));
      d.put("place", c.place());
      d.put("exposure", IsoTime.format(c.exposure()));
    } else if (fact instanceof TestResult t) {
      kind = "test_result";
      d.put("method", t.method().name().toLowerCase(Locale.ROOT));
      d.put("result", t.positive() ? "positive" : "negative");
      if (!t.tube().isEmpty()) {
        d.put("tube", t.tube());
      }
    } else if (fact instanceof PoolRecalled p) {
      kind = "pool_recall";
      d.put("tube", p.tube());
      d.put("pooled_at", IsoTime.format(p.pooledAt()));
    } else if (fact instanceof ResultWithdrawn w) {
      kind = "result_withdrawn";
      d.put("tube", w.tube());
    } else if (fact instanceof IsolationStarted i) {
      kind = "isolation_started";
      d.put("setting", i.setting().name().toLowerCase(Locale.ROOT));
    } else if (fact instanceof IsolationEnded) {
      kind = "isolation_ended";
    } else if (fact instanceof ArrivalRecorded a) {
      kind = "arrival";
      d.put("area", a.area());
      d.put("risk", a.risk().name().toLowerCase(Locale.ROOT));
    } else if (fact instanceof ZoneMembership z) {
      kind = "zone";
      d.put("zone", z.zone());
      d.put("level", z.level().name().toLowerCase(Locale.ROOT));
    } else if (fact instanceof KeyGroupMembership k) {
      kind = "key_group";
      d.put("group", k.group());
      d.put("member", Boolean.toString(k.member()));
    } else {
      throw new IllegalArgumentException("no stored form for " + fact);
    }
    return new Stored(fact.personId(), kind, fact.at(), d);
  }

  /**
   * The fact of {@code kind} about {@code personId} at {@code at} with {@code detail}.
   *
   * @throws IllegalArgumentException naming the unknown kind or the missing or bad value
   */
  static Fact decode(long personId, String kind, Instant at, Map<String, String> detail) {
    Map<String, String> d = detail == null ? Map.of() : detail;
    return switch (kind == null ? "" : kind) {
      case "case_confirmed" -> new CaseConfirmed(personId, at);
      case "contact_traced" -> new ContactTraced(personId,
          option(ContactCategory.class, "category", d), number("source", d), d.getOrDefault("place", ""),
          IsoTime.parse("exposure", required("exposure", d)), at);
      case "test_result" -> new TestResult(personId, option(TestResult.Method.class, "method", d),
          positive(required("result", d)), at, d.getOrDefault("tube", ""));
      case "pool_recall" -> new PoolRecalled(personId, required("tube", d),
          IsoTime.parse("pooled_at", required("pooled_at", d)), at);
      case "result_withdrawn" -> new ResultWithdrawn(personId, required("tube", d), at);
      case "isolation_started" -> new IsolationStarted(personId,
          option(IsolationStarted.Setting.class, "setting", d), at);
      case "isolation_ended" -> new IsolationEnded(personId, at);
      case "arrival" -> new ArrivalRecorded(personId, d.getOrDefault("area", ""),
          option(ArrivalRecorded.AreaRisk.class, "risk", d), at);
      case "zone" -> new ZoneMembership(personId, d.getOrDefault("zone", ""),
          option(ZoneMembership.Level.class, "level", d), at);
      case "key_group" -> new KeyGroupMembership(personId, required("group", d),
          !"false".equalsIgnoreCase(d.getOrDefault("member", "true")), at);
      default -> throw new IllegalArgumentException("kind '" + kind + "' is not one of test_result, "
          + "isolation_started, isolation_ended, arrival, zone, key_group, contact_traced, case_confirmed, "
          + "pool_recall, result_withdrawn");
    };
  }

  /**
   * One row for the same lab result of every member of a tube (a negative or positive PCR, a pool's
   * recall, a withdrawal): a round of 500,000 tubes of ten is 500,000 rows instead of 5,000,000.
   * {@link #decodeAll} gives back exactly the facts {@link #encode} would have stored one by one.
   *
   * @param recordedAt when the results were stored: a recall takes effect then (or at the sample, if
   *     later), a withdrawal then
   */
  static Stored tube(String kind, String tube, boolean positive, Instant recordedAt, List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a tube row needs its members");
    }
    Map<String, String> d = new LinkedHashMap<>();
    Instant first = members.get(0).sampledAt();
    switch (kind) {
      case "test_result" -> {
        d.put("method", "pcr");
        d.put("result", positive ? "positive" : "negative");
        for (Member m : members) {
          first = m.sampledAt().isBefore(first) ? m.sampledAt() : first;
        }
      }
      case "pool_recall", "result_withdrawn" -> first = recordedAt;
      default -> throw new IllegalArgumentException("kind '" + kind + "' has no tube rows");
    }
    d.put("tube", tube);
    StringBuilder sb = new StringBuilder(members.size() * 24);
    for (Member m : members) {
      sb.append(sb.isEmpty() ? "" : " ").append(m.personId()).append('@').append(m.sampledAt().getEpochSecond());
      if (m.sampledAt().getNano() != 0) {
        sb.append('.').append(String.format(Locale.ROOT, "%09d", m.sampledAt().getNano()));
      }
    }
    return new Stored(0, kind, first, d, sb.toString());
  }

  /**
   * The facts a {@link #tube} row stands for, one per member: the live path of a lab upload builds
   * them beside the row (no row is parsed back), {@link #decodeAll} from the row's parsed members.
   */
  static List<Fact> tubeFacts(String kind, String tube, boolean positive, Instant recordedAt, List<Member> members) {
    List<Fact> out = new ArrayList<>(members.size());
    for (Member m : members) {
      Instant sampled = m.sampledAt();
      out.add(switch (kind) {
        case "test_result" -> new TestResult(m.personId(), TestResult.Method.PCR, positive, sampled, tube);
        case "pool_recall" -> new PoolRecalled(m.personId(), tube, sampled, sampled.isAfter(recordedAt) ? sampled
            : recordedAt);
        case "result_withdrawn" -> new ResultWithdrawn(m.personId(), tube, recordedAt);
        default -> throw new IllegalArgumentException("kind '" + kind + "' has no tube rows");
      });
    }
    return out;
  }

  /**
   * The facts of a stored row: {@link #decode} of a person's, or of a tube row's, the fact of each
   * member in order: a test result at their sample time, a recall pooled then and in effect from the
   * row's time (or the sample, if later), a withdrawal at the row's time.
   *
   * @throws IllegalArgumentException naming the unknown kind or the missing or bad value
   */
  static List<Fact> decodeAll(Stored row) {
    if (row.members() == null) {
      return List.of(decode(row.personId(), row.kind(), row.at(), row.detail()));
    }
    Map<String, String> d = row.detail() == null ? Map.of() : row.detail();
    String tube = required("tube", d);
    String[] parts = row.members().split(" ");
    List<Member> members = new ArrayList<>(parts.length);
    for (String part : parts) {
      int at = part.indexOf('@');
      int dot = part.indexOf('.', at);
      try {
        long person = Long.parseLong(part.substring(0, at));
        members.add(new Member(person, dot < 0 ? Instant.ofEpochSecond(Long.parseLong(part.substring(at + 1)))
            : Instant.ofEpochSecond(Long.parseLong(part.substring(at + 1, dot)), Long.parseLong(part.substring(dot + 1)))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("member '" + part + "' is not personId@epochSeconds", e);
      }
    }
    // a recall's and a withdrawal's row time is when the results were recorded (see tube)
    boolean positive = row.kind().equals("test_result") && positive(required("result", d));
    return tubeFacts(row.kind(), tube, positive, row.at(), members);
  }

  static String detailJson(Map<String, String> detail) {
    if (detail.size() <= 3 && detail.containsKey("tube")) {
      // a tube row's (hundreds of thousands per upload): the same JSON, written without a mapper per row
      StringBuilder sb = new StringBuilder(64).append('{');
      for (Map.Entry<String, String> e : detail.entrySet()) {
        sb.append(sb.length() == 1 ? "\"" : ",\"");
        QUOTE.quoteAsString(e.getKey(), sb);
        sb.append("\":\"");
        QUOTE.quoteAsString(e.getValue(), sb);
        sb.append('"');
      }
      return sb.append('}').toString();
    }
    return JSON.writeValueAsString(detail);
  }

  private static final tools.jackson.core.io.JsonStringEncoder QUOTE =
      tools.jackson.core.io.JsonStringEncoder.getInstance();

  static Map<String, String> detailOf(String json) {
    return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, MAP);
  }

  private static String required(String key, Map<String, String> d) {
    String v = d.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v.strip();
  }

  private static long number(String key, Map<String, String> d) {
    try {
      return Long.parseLong(required(key, d));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + d.get(key) + "' is not a whole number");
    }
  }

  private static boolean positive(String result) {
    return switch (result.toLowerCase(Locale.ROOT)) {
      case "positive" -> true;
      case "negative" -> false;
      default -> throw new IllegalArgumentException("result '" + result + "' is not positive or negative");
    };
  }

  private static <E extends Enum<E>> E option(Class<E> type, String key, Map<String, String> d) {
    String v = required(key, d);
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      StringBuilder known = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        known.append(known.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(key + " '" + v + "' is not one of " + known);
    }
  }
}
