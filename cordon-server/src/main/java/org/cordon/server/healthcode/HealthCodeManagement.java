package org.cordon.server.healthcode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.healthcode.CaseConfirmed;
import org.cordon.core.healthcode.ChangeCause;
import org.cordon.core.healthcode.CodeChange;
import org.cordon.core.healthcode.CodeChangeSink;
import org.cordon.core.healthcode.CodeColour;
import org.cordon.core.healthcode.ContactTraced;
import org.cordon.core.healthcode.Fact;
import org.cordon.core.healthcode.HealthCode;
import org.cordon.core.healthcode.HealthCodeEngine;
import org.cordon.core.healthcode.KeyGroupMembership;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.cordon.core.healthcode.PoolRecalled;
import org.cordon.core.healthcode.ResultWithdrawn;
import org.cordon.core.healthcode.TestResult;
import org.cordon.core.tracing.TracedContact;
import org.cordon.server.testing.KeyGroupMembershipChanged;
import org.cordon.server.testing.AntigenTestsRecorded;
import org.cordon.server.testing.LabResultsRecorded;
import org.cordon.server.tracing.CaseTraced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns the deployment's {@link HealthCodeEngine} and feeds it: facts from confirmed cases and their
 * traced contacts ({@link CaseTraced}), from mass testing's lab results ({@link LabResultsRecorded})
 * and facts recorded over REST (isolation, tests, arrivals, zones,
 * key groups). A fact is stored in the transaction of the data it comes from (a case, lab results, the
 * key-group register: before that transaction commits) and applied to the engine after the commit, so a
 * crash between the two loses nothing: the start-up replay applies it. Every change the engine makes is
 * stored with its cause and pushed to the streams; a timer calls {@link #advance()} for time-driven
 * changes, another {@link #prune()} to drop the facts that can no longer matter.
 *
 * <p>At start-up the engine is rebuilt by replaying the stored facts in the order they were recorded,
 * each at the time it was recorded; a person whose rebuilt colour differs from the last stored change
 * (time passed while the server was down) gets a change recorded with that cause.
 *
 * <p>The policy is the last one chosen at run time ({@link #switchPolicy}, stored in
 * {@code healthcode_policy_setting}), else {@code cordon.healthcode.policy}: a preset name
 * ({@code healthcode-9th}, the default, or {@code healthcode-8th}) or a policy file path
 * ({@link HealthCodePolicies}). Writes are serialised (one writer, as the engine wants); reads go
 * straight to the engine under its read lock.
 */
@Service
public class HealthCodeManagement {

  private static final Logger LOG = LoggerFactory.getLogger(HealthCodeManagement.class);

  private final HealthCodeStore store;
  private final CodeStreams streams;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final HealthCodePolicies policies;
  private final boolean pruneOnStart;
  private volatile HealthCodeEngine engine;

  HealthCodeManagement(HealthCodeStore store, CodeStreams streams, PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock, HealthCodePolicies policies,
      @Value("${cordon.healthcode.prune-on-start:true}") boolean pruneOnStart) {
    this.store = store;
    this.policies = policies;
    this.streams = streams;
    this.tx = new TransactionTemplate(transactions);
    // its own transaction also when called after another one's commit (a case's facts)
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.pruneOnStart = pruneOnStart;
  }

  /** Builds the engine once the application (and its schema migration) is ready. */
  @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void onReady() {
    engine();
    if (pruneOnStart) {
      prune();
    }
  }

  /** The engine, built from the stored facts on first use. */
  private HealthCodeEngine engine() {
    HealthCodeEngine e = engine;
    if (e == null) {
      synchronized (this) {
        if (engine == null) {
          rebuild();
        }
        e = engine;
      }
    }
    return e;
  }

  /** Replays the stored facts into a fresh engine. */
  synchronized void rebuild() {
    long started = System.nanoTime();
    List<HealthCodeStore.FactRow> rows = new ArrayList<>();
    store.forEachFact(rows::add);
    Instant now = clock.instant();
    Instant start = rows.isEmpty() || rows.get(0).recordedAt().isAfter(now) ? now : rows.get(0).recordedAt();
    // the choice stored at run time wins over the property
    HealthCodePolicy policy = policies.startWith();
    HealthCodeEngine e = new HealthCodeEngine(policy, start, CodeChangeSink.none(),
        Math.max(1024, rows.size()));
    for (HealthCodeStore.FactRow row : rows) {
      if (row.recordedAt().isAfter(e.now()) && !row.recordedAt().isAfter(now)) {
        e.advanceTo(row.recordedAt());
      }
      List<Fact> facts = FactCodec.decodeAll(row.fact());
      long[] tags = new long[facts.size()];
      java.util.Arrays.fill(tags, row.factId());
      e.apply(facts, tags);
    }
    if (now.isAfter(e.now())) {
      e.advanceTo(now);
    }
    Map<Long, String> recorded = store.lastColours();
    List<HealthCodeStore.ChangeRow> missed = new ArrayList<>();
    e.forEachPersonWithFacts((person, colour) -> {
      String last = recorded.get(person);
      if (last == null ? colour != CodeColour.GREEN : !last.equals(colour.code())) {
        HealthCode code = e.code(person);
        CodeColour from = last == null ? CodeColour.GREEN : CodeColour.valueOf(last.toUpperCase());
        missed.add(new HealthCodeStore.ChangeRow(new CodeChange(person, from, colour, code.reasons(),
            new ChangeCause.TimePassed(now), now), "restart: time passed while the server was stopped"));
      }
    });
    store.insertChanges(missed);
    engine = e;
    LOG.info("health codes: policy {}, {} fact rows replayed for {} persons with facts and {} negatives kept "
        + "aside in {} ms ({} changes while stopped)", policy.id(), rows.size(), e.personsWithFacts(),
        e.negativesAside(), (System.nanoTime() - started) / 1_000_000, missed.size());
  }

  /** The active policy (before the engine is built at start-up: the configured one). */
  public HealthCodePolicy policy() {
    HealthCodeEngine e = engine;
    return e == null ? policies.configured() : e.policy();
  }

  /**
   * Switches the deployment to {@code next}: stores the choice (it survives a restart), moves the
   * engine to now, re-evaluates every person under the new policy and stores and pushes the changes,
   * each caused by the policy change. Switching to the active policy changes nothing.
   *
   * @param by the administrator, as recorded in {@code healthcode_policy_setting}
   * @return the changes (empty when {@code next} is already active)
   */
  public synchronized List<CodeChange> switchPolicy(HealthCodePolicy next, String by) {
    HealthCodeEngine e = engine();
    HealthCodePolicy from = e.policy();
    if (from.id().equals(next.id())) {
      return List.of();
    }
    Instant now = clock.instant();
    if (now.isAfter(e.now())) {
      publish(e.advanceTo(now), Map.of());
    }
    tx.executeWithoutResult(status -> policies.record(new HealthCodePolicies.Setting(next.id(), from.id(), now, by)));
    List<CodeChange> changes = e.reevaluateAll(next);
    publish(changes, Map.of());
    LOG.info("health codes: policy {} -> {} by {}: {} code changes", from.id(), next.id(), by, changes.size());
    return changes;
  }

  /** The current code of {@code personId} (green without reasons for a person with no facts). */
  public HealthCode code(long personId) {
    return engine().code(personId);
  }

  /** The current colour of {@code personId}: the checkpoint's hot path, no allocation. */
  public CodeColour colour(long personId) {
    return engine().colour(personId);
  }

  /**
   * Sample time of the person's latest negative test known, if any: PCR only, or also antigen when
   * {@code antigenToo}.
   */
  public Optional<Instant> lastNegativeTest(long personId, boolean antigenToo) {
    return engine().lastNegativeTest(personId, antigenToo).map(TestResult::sampledAt);
  }

  /**
   * Stores {@code facts} (a transaction of their own), then applies them to the engine at the current
   * time, stores and pushes the changes: {@link #storeThenApply} in a transaction.
   *
   * @param source who told us, e.g. {@code case:12} or the caller's name
   * @return the changes, each with its cause
   */
  public List<CodeChange> record(List<? extends Fact> facts, String source) {
    List<CodeChange> changes = new ArrayList<>();
    tx.executeWithoutResult(status -> storeThenApply(facts, source, changes::addAll));
    return changes;
  }

  /**
   * The one path of every fact: stores {@code facts} in the current transaction (the one of the data
   * they come from) and applies them to the engine after its commit, so the fact rows commit exactly
   * when that data does, and the engine never holds a fact of a transaction that rolled back. If the
   * process dies after the commit, before the apply, the start-up replay applies them; if the apply
   * fails, the engine is rebuilt from the store on next use. Without a transaction (a publisher
   * outside one) the facts are applied at once.
   *
   * @param applied receives the changes once applied (not called if the transaction rolls back)
   */
  private void storeThenApply(List<? extends Fact> facts, String source,
      java.util.function.Consumer<List<CodeChange>> applied) {
    storeRowsThenApply(facts.stream().map(FactCodec::encode).toList(), facts.stream().map(f -> List.of(f)).toList(),
        source, clock.instant(), applied);
  }

  /**
   * {@link #storeThenApply} of rows already in stored form, with the facts each stands for (one, or a
   * tube row's for each member: what {@link FactCodec#decodeAll} reads back from it).
   */
  private void storeRowsThenApply(List<FactCodec.Stored> rows, List<? extends List<? extends Fact>> factsOfRows,
      String source, Instant recordedAt, java.util.function.Consumer<List<CodeChange>> applied) {
    if (rows.isEmpty()) {
      applied.accept(List.of());
      return;
    }
    List<Long> ids = store.insertFacts(rows, source, recordedAt);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      applied.accept(applyCommitted(factsOfRows, ids));
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        applied.accept(applyCommitted(factsOfRows, ids));
      }
    });
  }

  /** Applies committed rows' facts (stored with {@code ids}) at the current time; stores and pushes the changes. */
  private synchronized List<CodeChange> applyCommitted(List<? extends List<? extends Fact>> factsOfRows,
      List<Long> ids) {
    if (engine == null) {
      // built from the store after their commit: the replay applied them
      engine();
      return List.of();
    }
    try {
      int total = factsOfRows.stream().mapToInt(List::size).sum();
      List<Fact> facts = new ArrayList<>(total);
      long[] tags = new long[total];
      for (int i = 0; i < factsOfRows.size(); i++) {
        java.util.Arrays.fill(tags, facts.size(), facts.size() + factsOfRows.get(i).size(), ids.get(i));
        facts.addAll(factsOfRows.get(i));
      }
      Instant now = clock.instant();
      List<CodeChange> changes = new ArrayList<>();
      HealthCodeEngine e = engine;
      if (now.isAfter(e.now())) {
        changes.addAll(e.advanceTo(now));
      }
      changes.addAll(e.apply(facts, tags));
      publish(changes, causeIds(changes, facts, tags));
      return changes;
    } catch (RuntimeException ex) {
      // the facts are committed: a replay of the store has them (and records the changes they made)
      LOG.error("health codes: {} committed fact rows (ids {}..) not applied, the engine is rebuilt from the "
          + "store on next use", factsOfRows.size(), ids.get(0), ex);
      engine = null;
      return List.of();
    }
  }

  /**
   * The row id of each fact that caused one of {@code changes}: found by a pass over the facts applied
   * (a round's millions of members make no map, a change is rare).
   */
  private static Map<Fact, Long> causeIds(List<CodeChange> changes, List<Fact> facts, long[] tags) {
    Map<Fact, Long> ids = new IdentityHashMap<>();
    for (CodeChange c : changes) {
      if (c.cause() instanceof ChangeCause.FactApplied f) {
        ids.put(f.fact(), null);
      }
    }
    if (ids.isEmpty()) {
      return ids;
    }
    for (int i = 0; i < facts.size(); i++) {
      if (ids.containsKey(facts.get(i))) {
        ids.put(facts.get(i), tags[i]);
      }
    }
    return ids;
  }

  /** Moves the engine to now: expiries, tests falling due, dated facts taking effect. */
  @Scheduled(fixedDelayString = "${cordon.healthcode.advance-millis:10000}")
  public synchronized List<CodeChange> advance() {
    Instant now = clock.instant();
    HealthCodeEngine e = engine();
    if (!now.isAfter(e.now())) {
      return List.of();
    }
    List<CodeChange> changes = e.advanceTo(now);
    publish(changes, Map.of());
    return changes;
  }

  /**
   * Drops from the engine the facts that can no longer matter at its clock (the engine's
   * {@code prune}: horizon {@link HealthCodePolicy#lookBack()} of the active policy) and moves their rows
   * to {@code health_code_fact_archive}, which the start-up replay does not read. No code changes. The
   * rows move in chunks of their own transactions: a crash half-way leaves rows that the next pruning
   * (at the latest the one at start) moves.
   */
  @Scheduled(initialDelayString = "${cordon.healthcode.prune-millis:3600000}",
      fixedDelayString = "${cordon.healthcode.prune-millis:3600000}")
  public synchronized HealthCodeEngine.Pruned prune() {
    long started = System.nanoTime();
    HealthCodeEngine e = engine();
    Instant now = clock.instant();
    if (now.isAfter(e.now())) {
      publish(e.advanceTo(now), Map.of());
    }
    HealthCodeEngine.Pruned pruned = e.prune();
    // a tube row stands for each member's fact: it goes when no member's fact is held any more
    long[] candidates = java.util.stream.LongStream.concat(java.util.Arrays.stream(pruned.tags()),
        java.util.Arrays.stream(pruned.released())).distinct().toArray();
    long[] held = candidates.length == 0 ? candidates : e.retained(candidates);
    long[] gone = java.util.Arrays.stream(candidates).filter(t -> java.util.Arrays.binarySearch(held, t) < 0)
        .toArray();
    int archived = store.archiveFacts(gone, now, tx);
    LOG.info("health codes pruned: {} facts and {} negatives kept aside ({} rows archived), {} persons left "
        + "with none, {} refused by the check, {} persons with facts, {} negatives aside, in {} ms",
        pruned.facts(), pruned.negatives(), archived, pruned.persons(), pruned.refused(), e.personsWithFacts(),
        e.negativesAside(), (System.nanoTime() - started) / 1_000_000);
    if (pruned.refused() > 0) {
      // the engine kept those persons whole; a refusal means a pruning rule is wrong for some fact mix
      LOG.warn("health codes: pruning refused for {} persons by its final check", pruned.refused());
    }
    return pruned;
  }

  /**
   * A confirmed case: the case person's code and every stored contact's, at once; the facts are stored
   * in the case's transaction and applied after its commit ({@link #storeThenApply}).
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void onCaseTraced(CaseTraced traced) {
    List<Fact> facts = new ArrayList<>(traced.contacts().size() + 1);
    facts.add(new CaseConfirmed(traced.personId(), traced.confirmedAt()));
    for (TracedContact c : traced.contacts()) {
      facts.add(ContactTraced.of(c, traced.confirmedAt()));
    }
    storeThenApply(facts, "case:" + traced.caseId(), changes -> LOG.info("case {}: {} facts, {} code changes",
        traced.caseId(), facts.size(), changes.size()));
  }

  /**
   * Lab results of mass testing, stored with the results and applied after their commit
   * ({@link #storeThenApply}): a negative or positive tube is a PCR result of
   * each person sampled in it at their sample time, a positive pool recalls its members (yellow until
   * the single-tube retest), a result withdrawn (corrected to invalid) withdraws. Every such fact
   * names the tube, so a correction replaces the tube's earlier fact instead of adding a second. One
   * row is stored per tube for all its members ({@link FactCodec#tube}); the engine keeps the
   * negatives of persons without other facts aside, unevaluated, so a city's round costs rows per tube
   * and a few bytes per resident.
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void onLabResults(LabResultsRecorded recorded) {
    long started = System.nanoTime();
    List<FactCodec.Stored> rows = new ArrayList<>();
    List<List<Fact>> facts = new ArrayList<>();
    tubeRows(recorded, rows, facts);
    int persons = recorded.results().size();
    long[] storedAt = new long[1];
    storeRowsThenApply(rows, facts, "lab-results", recorded.recordedAt(), changes -> LOG.info("lab results: {} tube "
        + "rows for {} persons, {} code changes in {} ms (stored in {} ms, then the results' commit and the "
        + "apply)", rows.size(), persons, changes.size(), (System.nanoTime() - started) / 1_000_000,
        storedAt[0] == 0 ? -1 : (storedAt[0] - started) / 1_000_000));
    storedAt[0] = System.nanoTime();
  }

  /** One row per tube and outcome, its members in order (the results come in tube order), and its facts. */
  private static void tubeRows(LabResultsRecorded recorded, List<FactCodec.Stored> rows, List<List<Fact>> facts) {
    List<LabResultsRecorded.PersonResult> results = recorded.results();
    int from = 0;
    while (from < results.size()) {
      LabResultsRecorded.PersonResult first = results.get(from);
      List<FactCodec.Member> members = new ArrayList<>(first.poolSize());
      int to = from;
      while (to < results.size() && results.get(to).tube().equals(first.tube())
          && results.get(to).outcome() == first.outcome()) {
        members.add(new FactCodec.Member(results.get(to).personId(), results.get(to).sampledAt()));
        to++;
      }
      String kind = switch (first.outcome()) {
        case NEGATIVE, POSITIVE -> "test_result";
        case POOL_POSITIVE -> "pool_recall";
        case WITHDRAWN -> "result_withdrawn";
      };
      boolean positive = first.outcome() == LabResultsRecorded.Outcome.POSITIVE;
      rows.add(FactCodec.tube(kind, first.tube(), positive, recorded.recordedAt(), members));
      facts.add(FactCodec.tubeFacts(kind, first.tube(), positive, recorded.recordedAt(), members));
      from = to;
    }
  }

  /**
   * Antigen tests (self-reported or recorded by a community worker), stored with them and applied after
   * their commit ({@link #storeThenApply}): each an antigen {@link TestResult} of the person at the time
   * tested, no tube. Whether a negative one counts for a key group and what a positive one turns the code
   * are the policy's.
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void onAntigenTests(AntigenTestsRecorded recorded) {
    List<Fact> facts = new ArrayList<>(recorded.tests().size());
    for (AntigenTestsRecorded.Test t : recorded.tests()) {
      facts.add(new TestResult(t.personId(), TestResult.Method.ANTIGEN, t.positive(), t.testedAt(), null));
    }
    storeThenApply(facts, "antigen-tests", changes -> LOG.info("antigen tests: {} facts, {} code changes",
        facts.size(), changes.size()));
  }

  /**
   * The key-group register changed, stored with it and applied after its commit
   * ({@link #storeThenApply}): each membership that began or ended is a
   * {@link KeyGroupMembership} fact, so a member without a negative test within the policy's interval
   * turns the policy's key-group colour. A group name the engine refuses (it takes
   * {@code [a-z0-9-]{1,32}}, the testing policy a wider set) is logged and left out.
   */
  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void onKeyGroups(KeyGroupMembershipChanged changed) {
    List<Fact> facts = new ArrayList<>(changed.changes().size());
    for (KeyGroupMembershipChanged.Change c : changed.changes()) {
      try {
        facts.add(new KeyGroupMembership(c.personId(), c.group(), c.member(), c.since()));
      } catch (IllegalArgumentException e) {
        LOG.warn("key group {} of person {} not recorded for the health codes: {}", c.group(), c.personId(),
            e.getMessage());
      }
    }
    storeThenApply(facts, "key-groups", changes -> LOG.info("key-group register: {} facts, {} code changes",
        facts.size(), changes.size()));
  }

  /** The stream of one person's code, starting with the current one. */
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(long personId) {
    return streams.person(personId, CodeView.of(code(personId)));
  }

  /** The stream of the changes of persons living in {@code scope}. */
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter streamDivision(
      org.cordon.server.security.Jurisdiction scope) {
    return streams.division(scope);
  }

  private void publish(List<CodeChange> changes, Map<Fact, Long> factIds) {
    if (changes.isEmpty()) {
      return;
    }
    List<HealthCodeStore.ChangeRow> rows = new ArrayList<>(changes.size());
    for (CodeChange c : changes) {
      rows.add(new HealthCodeStore.ChangeRow(c, cause(c.cause(), factIds)));
    }
    store.insertChanges(rows);
    Map<Long, String> homes = streams.hasDivisionSubscribers()
        ? store.homes(changes.stream().map(CodeChange::personId).distinct().toList()) : new HashMap<>();
    streams.publish(changes, p -> CodeView.of(engine().code(p)), homes);
  }

  private static String cause(ChangeCause cause, Map<Fact, Long> factIds) {
    if (cause instanceof ChangeCause.FactApplied f) {
      Long id = factIds.get(f.fact());
      String kind = FactCodec.encode(f.fact()).kind();
      return "fact " + (id == null ? "?" : id) + " " + kind;
    }
    if (cause instanceof ChangeCause.TimePassed t) {
      return "time " + org.cordon.core.exchange.IsoTime.format(t.due());
    }
    if (cause instanceof ChangeCause.PolicyChanged p) {
      return "policy " + p.fromPolicyId() + " -> " + p.toPolicyId();
    }
    return cause.toString();
  }
}
