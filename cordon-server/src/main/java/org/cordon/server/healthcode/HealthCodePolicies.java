package org.cordon.server.healthcode;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which health-code policy the deployment runs: the policies it may switch between (the shipped
 * presets, and the configured file's policy if {@code cordon.healthcode.policy} names a file), the
 * configured default, and the choices made at run time in table {@code healthcode_policy_setting}
 * (the latest row wins over the property at start-up; without one the property is the default).
 */
@Component
class HealthCodePolicies {

  private static final Logger LOG = LoggerFactory.getLogger(HealthCodePolicies.class);

  /** A choice made at run time (one row of the table). */
  record Setting(String policyId, String previousId, Instant setAt, String setBy) {
  }

  private final JdbcClient jdbc;
  private final HealthCodePolicy configured;
  private final Map<String, HealthCodePolicy> choices = new LinkedHashMap<>();

  HealthCodePolicies(JdbcClient jdbc, @Value("${cordon.healthcode.policy:healthcode-9th}") String policy) {
    this.jdbc = jdbc;
    String name = policy.strip();
    this.configured = HealthCodePolicy.PRESETS.contains(name) ? HealthCodePolicy.preset(name)
        : HealthCodePolicy.read(Path.of(name));
    for (String preset : HealthCodePolicy.PRESETS) {
      choices.put(preset, HealthCodePolicy.preset(preset));
    }
    choices.putIfAbsent(configured.id(), configured);
  }

  /** The policy of {@code cordon.healthcode.policy}: the default when nothing was ever chosen. */
  HealthCodePolicy configured() {
    return configured;
  }

  /** The policies one may switch to, by id: the presets, then the configured file's if any. */
  Map<String, HealthCodePolicy> choices() {
    return choices;
  }

  /**
   * The policy named {@code id}.
   *
   * @throws IllegalArgumentException naming the known ones, for any other id
   */
  HealthCodePolicy choice(String id) {
    HealthCodePolicy p = id == null ? null : choices.get(id.strip());
    if (p == null) {
      throw new IllegalArgumentException("unknown health-code policy '" + id + "' (known: "
          + String.join(", ", choices.keySet()) + ")");
    }
    return p;
  }

  /** The latest choice made at run time, if any. */
  Optional<Setting> current() {
    return history(1).stream().findFirst();
  }

  /**
   * The policy to start with: the latest stored choice, or the configured one if there is none or the
   * stored one is no longer known (e.g. a policy file taken away; logged).
   */
  HealthCodePolicy startWith() {
    Optional<Setting> s = current();
    if (s.isEmpty()) {
      return configured;
    }
    HealthCodePolicy p = choices.get(s.get().policyId());
    if (p == null) {
      LOG.warn("health-code policy '{}' chosen by {} at {} is not known any more; running {}",
          s.get().policyId(), s.get().setBy(), s.get().setAt(), configured.id());
      return configured;
    }
    return p;
  }

  /** Stores a choice (in the caller's transaction, if any). */
  void record(Setting s) {
    jdbc.sql("insert into healthcode_policy_setting (policy_id, previous_id, set_at, set_by) "
        + "values (?, ?, ?, ?)").params(s.policyId(), s.previousId(),
            OffsetDateTime.ofInstant(s.setAt(), ZoneOffset.UTC), cut(s.setBy())).update();
  }

  /** The latest {@code limit} choices, newest first. */
  List<Setting> history(int limit) {
    return new ArrayList<>(jdbc.sql("select policy_id, previous_id, set_at, set_by "
        + "from healthcode_policy_setting order by setting_id desc limit ?").param(limit)
        .query((rs, n) -> new Setting(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4))).list());
  }

  private static String cut(String s) {
    return s.length() > 64 ? s.substring(0, 64) : s;
  }
}
