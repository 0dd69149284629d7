package org.cordon.server.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.person.Person;
import org.cordon.core.testing.KeyGroupCompliance;
import org.cordon.core.testing.KeyGroupMember;
import org.cordon.core.testing.OverduePerson;
import org.cordon.core.testing.PersonCompliance;
import org.cordon.core.testing.TestMethod;
import org.cordon.core.testing.TestingPolicy;
import org.cordon.core.testing.WorkplaceCompliance;
import org.cordon.server.security.Caller;
import org.springframework.stereotype.Service;

/**
 * The register's lists and the compliance board: the core's {@link KeyGroupCompliance}, built per query
 * from the members living in the caller's jurisdiction (optionally one group and workplace) and their
 * stored tests — PCR samples of any campaign and antigen tests, each counted for the methods its group's
 * schedule asks for.
 */
@Service
class KeyGroupBoards {

  private final KeyGroupRecords records;
  private final TestingPolicy policy;

  KeyGroupBoards(KeyGroupRecords records, TestingPolicy policy) {
    this.records = records;
    this.policy = policy;
  }

  List<KeyGroupMemberView> members(Caller caller, String group, String workplace, boolean fullId,
      boolean fullPhone) {
    return records.members(caller.scope().likePattern(), blank(group), blank(workplace)).stream().map(m -> {
      Person p = TestingBoards.person(m.personId(), m.homeDivision(), m.idNumber(), m.name(), m.phone());
      return new KeyGroupMemberView(m.personId(), m.name(), m.homeDivision(),
          TestingBoards.idNumber(p, fullId), TestingBoards.phone(p, fullPhone), m.group(), m.workplaceId(),
          m.workplaceName(), CampaignRecords.utc(m.since()), m.registeredBy());
    }).toList();
  }

  /** Compliance at {@code asOf} per workplace and per membership, and the overdue persons. */
  KeyGroupComplianceView compliance(Caller caller, String group, String workplace, Instant asOf,
      boolean fullId, boolean fullPhone) {
    String g = blank(group);
    if (g != null && policy.schedule(g).isEmpty()) {
      throw TestingProblem.badRequest("unknown key group '" + group + "' (the testing policy schedules "
          + policy.schedules().stream().map(s -> s.group()).toList() + ")");
    }
    List<KeyGroupRecords.Member> members = records.members(caller.scope().likePattern(), g, blank(workplace));
    KeyGroupCompliance compliance = new KeyGroupCompliance(policy);
    Map<Long, KeyGroupRecords.Member> byPerson = new LinkedHashMap<>();
    Map<Long, Set<TestMethod>> wanted = new HashMap<>();
    for (KeyGroupRecords.Member m : members) {
      // a group whose schedule left the policy keeps its rows but has nothing to comply with
      if (policy.schedule(m.group()).isPresent()) {
        compliance.enrol(new KeyGroupMember(m.personId(), m.group(), m.workplaceId(), m.since()));
        byPerson.putIfAbsent(m.personId(), m);
        wanted.computeIfAbsent(m.personId(), k -> new LinkedHashSet<>())
            .addAll(policy.schedule(m.group()).orElseThrow().quota().keySet());
      }
    }
    records.tests(byPerson.keySet(), asOf, (person, method, at) -> {
      // PCR vs antigen as the schedule needs: a test of a method none of the person's groups counts is
      // left out, so it cannot be mistaken for one that does
      if (wanted.get(person).contains(method)) {
        compliance.record(person, method, at);
      }
    });
    Map<String, String> names = records.workplaceNames(members);
    List<KeyGroupComplianceView.Workplace> workplaces = new ArrayList<>();
    for (WorkplaceCompliance w : compliance.byWorkplace(asOf)) {
      workplaces.add(new KeyGroupComplianceView.Workplace(w.workplaceId(), names.get(w.workplaceId()),
          w.members(), w.compliant(), w.overdue()));
    }
    List<KeyGroupComplianceView.Member> persons = new ArrayList<>();
    for (KeyGroupRecords.Member m : byPerson.values()) {
      Person p = TestingBoards.person(m.personId(), m.homeDivision(), m.idNumber(), m.name(), m.phone());
      for (PersonCompliance c : compliance.compliance(m.personId(), asOf)) {
        String place = c.workplaceId();
        persons.add(new KeyGroupComplianceView.Member(m.personId(), m.name(), m.homeDivision(),
            TestingBoards.idNumber(p, fullId), TestingBoards.phone(p, fullPhone), c.group(),
            policy.schedule(c.group()).orElseThrow().toText(), place, names.get(place), c.compliant(),
            codes(c.taken()), codes(c.required()), CampaignRecords.utc(c.overdueSince())));
      }
    }
    persons.sort(Comparator.comparing(KeyGroupComplianceView.Member::compliant)
        .thenComparing(m -> m.workplaceId() == null ? "\uffff" : m.workplaceId())
        .thenComparing(KeyGroupComplianceView.Member::personId));
    List<KeyGroupComplianceView.Overdue> overdue = new ArrayList<>();
    for (OverduePerson o : compliance.overdue(asOf)) {
      KeyGroupRecords.Member m = byPerson.get(o.personId());
      Person p = TestingBoards.person(m.personId(), m.homeDivision(), m.idNumber(), m.name(), m.phone());
      overdue.add(new KeyGroupComplianceView.Overdue(m.personId(), m.name(), m.homeDivision(),
          TestingBoards.idNumber(p, fullId), TestingBoards.phone(p, fullPhone), CampaignRecords.utc(o.since())));
    }
    return new KeyGroupComplianceView(OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC), g,
        blank(workplace), workplaces, persons, overdue);
  }

  private static Map<String, Integer> codes(Map<TestMethod, Integer> byMethod) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (TestMethod m : TestMethod.values()) {
      if (byMethod.containsKey(m)) {
        out.put(m.code(), byMethod.get(m));
      }
    }
    return out;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
