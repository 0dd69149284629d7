package org.cordon.server.healthcode;

import java.time.Instant;
import java.util.LinkedHashMap;
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

  /** A fact in stored form. */
  record Stored(long personId, String kind, Instant at, Map<String, String> detail) {
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

  static String detailJson(Map<String, String> detail) {
    return JSON.writeValueAsString(detail);
  }

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
