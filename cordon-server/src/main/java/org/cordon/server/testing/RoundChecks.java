package org.cordon.server.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cordon.core.testing.RejectReason;
import org.cordon.core.testing.SamplingRound;
import org.cordon.core.testing.TestingInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The in-memory side of sample registration: what a batch's checks know from the campaigns' rounds
 * (asking the tables only what a round cannot know), and the stored batch applied to the rounds after
 * its commit. The caller holds the rounds' locks ({@link RoundSnapshots#lock}) throughout.
 */
@Component
class RoundChecks {

  private static final Logger LOG = LoggerFactory.getLogger(RoundChecks.class);

  private final SampleRecords records;
  private final RoundSnapshots rounds;

  RoundChecks(SampleRecords records, RoundSnapshots rounds) {
    this.records = records;
    this.rounds = rounds;
  }

  /**
   * Fills {@code known} (whose identity numbers are resolved) from the rounds, and from the tables
   * only for what a round cannot know; returns the barcodes found in a round.
   */
  Set<String> know(List<SampleRegistration.SampleRow> rows, Map<String, SamplingRound> byCampaign,
      SampleBatch known) {
    Set<Long> outsiders = new HashSet<>();
    Set<Long> screened = new HashSet<>();
    Set<String> barcodes = new HashSet<>();
    for (SampleRegistration.SampleRow r : rows) {
      if (r.tube() != null) {
        barcodes.add(r.tube().strip());
      }
      SamplingRound round = r.campaignId() == null ? null : byCampaign.get(r.campaignId().strip());
      Long person = personOf(r, known.byNumber);
      if (round == null || person == null) {
        continue;
      }
      if (round.population().index(person) < 0) {
        outsiders.add(person);
        continue;
      }
      String key = round.campaign().campaignId() + "|" + person;
      known.homes.put(person, "");   // the checks ask only whether the person exists
      if (round.sampleTube(person, false) != null) {
        known.sampled.add(key + "|screen");
        screened.add(person);
      }
      if (round.sampleTube(person, true) != null) {
        known.sampled.add(key + "|retest");
      }
    }
    if (!outsiders.isEmpty()) {
      // visitors sampled by the campaign, or persons stored after the round was built
      known.homes.putAll(records.homes(outsiders));
      records.samplesOf(outsiders, (person, s) -> {
        known.sampled.add(s[0] + "|" + person + "|" + s[1]);
        if (s[1].equals("screen")) {
          screened.add(person);
        }
      });
    }
    if (!screened.isEmpty()) {
      known.recalls.addAll(records.openRecalls(screened));
    }
    Set<String> fromRound = new HashSet<>();
    Set<String> unseen = new HashSet<>();
    for (String barcode : barcodes) {
      SampleRecords.Tube t = null;
      for (SamplingRound round : byCampaign.values()) {
        t = tubeOf(round, barcode);
        if (t != null) {
          break;
        }
      }
      if (t != null) {
        known.tubes.put(barcode, t);
        fromRound.add(barcode);
      } else {
        unseen.add(barcode);
      }
    }
    // new barcodes, tubes issued empty, tubes of other campaigns (read outside the store's
    // transaction: the store's conditions and keys catch a change made since)
    known.tubes.putAll(records.lockTubes(unseen));
    return fromRound;
  }

  /** A tube of the round as the checks see a stored one, or null if the round has not seen it. */
  private static SampleRecords.Tube tubeOf(SamplingRound round, String barcode) {
    org.cordon.core.testing.Tube t = round.tube(barcode);
    if (t == null) {
      return null;
    }
    return new SampleRecords.Tube(barcode, round.campaign().campaignId(), t.siteId(), t.capacity(),
        t.persons().size(), t.closedAt(), t.result() == null ? null : t.result().result().name(), true);
  }

  private static Long personOf(SampleRegistration.SampleRow r, Map<String, Long> byNumber) {
    if (r.personId() != null) {
      return r.personId();
    }
    return r.idNumber() == null ? null
        : byNumber.get(r.idNumber().strip().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Applies a stored batch to the rounds, after its commit: opens the tubes a round has not seen (at
   * their first sample, as a rebuild does) and registers each sample. A round refuses the samples of
   * persons outside its population, as a rebuild does; if it refuses anything else (a site created
   * after it was built, a time it does not take), it is dropped, to be rebuilt from the tables.
   */
  void apply(Map<String, SamplingRound> byCampaign, SampleBatch known, Set<String> fromRound) {
    Set<String> opened = new HashSet<>();
    Set<String> stale = new TreeSet<>();
    for (SampleRecords.NewSample s : known.accepted) {
      SamplingRound round = byCampaign.get(s.campaignId());
      try {
        if (!fromRound.contains(s.tube()) && opened.add(s.tube())) {
          round.openTube(s.tube(), s.siteId(), known.tubes.get(s.tube()).poolSize,
              known.firstSample.get(s.tube()));
        }
        round.register(s.personId(), s.tube(), s.siteId(), s.sampledAt());
      } catch (TestingInputException e) {
        if (e.reason() != RejectReason.UNKNOWN_PERSON && e.reason() != RejectReason.NOT_TARGETED) {
          stale.add(s.campaignId());
        }
      } catch (RuntimeException e) {
        // the batch is committed: whatever went wrong in memory, the tables rebuild it
        LOG.warn("sample of person {} in tube {} not applied to round {}: {}", s.personId(), s.tube(),
            s.campaignId(), e.toString());
        stale.add(s.campaignId());
      }
    }
    stale.forEach(rounds::invalidate);
  }
}
