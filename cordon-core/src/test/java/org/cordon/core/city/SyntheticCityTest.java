package org.cordon.core.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cordon.core.person.IdentityNumber;
import org.cordon.core.person.Person;
import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.Venue;
import org.cordon.core.presence.Dwell;
import org.cordon.core.presence.TripRide;
import org.cordon.core.presence.VenueScan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticCityTest {
  private static DivisionTree tree;
  private static CountyBoundaries boundaries;
  private static Recorded city;

  @BeforeAll
  static void generateOnce() throws Exception {
    tree = DivisionTree.shipped();
    boundaries = CountyBoundaries.shipped();
    city = generate(CityParameters.of(5_000, 3, 42));
  }

  @Test
  void sameSeedGivesTheSameCityAndAnotherSeedAnother() throws Exception {
    Recorded again = generate(CityParameters.of(5_000, 3, 42));
    assertThat(again.persons).isEqualTo(city.persons);
    assertThat(again.venues).isEqualTo(city.venues);
    assertThat(again.scans).isEqualTo(city.scans);
    assertThat(again.trips).isEqualTo(city.trips);
    assertThat(again.dwells).isEqualTo(city.dwells);
    assertThat(generate(CityParameters.of(5_000, 1, 43)).persons).isNotEqualTo(city.persons);
  }

  @Test
  void everyPersonHasAValidUniqueIdentityNumberOfTheirHomeCounty() {
    Set<String> ids = new HashSet<>();
    Set<String> phones = new HashSet<>();
    for (Person p : city.persons) {
      assertThat(IdentityNumber.isValid(p.idNumber().value())).isTrue();
      assertThat(ids.add(p.idNumber().value())).as("unique id %s", p.idNumber().value()).isTrue();
      assertThat(p.homeDivision().value()).startsWith(p.idNumber().addressCode());
      assertThat(p.homeDivision().value()).startsWith("1401");
      if (p.phone() != null) {
        assertThat(phones.add(p.phone())).isTrue();
        assertThat(p.phone()).matches("1[0-9]{10}");
      }
    }
    assertThat(city.persons).hasSize(5_000);
    assertThat(city.persons.get(0).personId()).isEqualTo(1L);
  }

  @Test
  void personsLiveInsideTheirCountyAndHouseholdsShareAHome() {
    Map<Long, Person> firstOfHousehold = new HashMap<>();
    for (Person p : city.persons) {
      DivisionCode county = new DivisionCode(p.homeDivision().value().substring(0, 6));
      assertThat(boundaries.countyAt(p.home())).contains(county);
      Person first = firstOfHousehold.putIfAbsent(p.householdId(), p);
      if (first != null) {
        assertThat(p.home()).isEqualTo(first.home());
        assertThat(p.homeDivision()).isEqualTo(first.homeDivision());
      }
    }
    double meanSize = (double) city.persons.size() / firstOfHousehold.size();
    assertThat(meanSize).isBetween(2.2, 3.0); // 2020 census: 2.62 per household
  }

  @Test
  void ageStructureIsPlausible() {
    LocalDate ref = CityParameters.DEFAULT_START;
    long children = city.persons.stream()
        .filter(p -> p.idNumber().birthDate().plusYears(15).isAfter(ref)).count();
    long elders = city.persons.stream()
        .filter(p -> !p.idNumber().birthDate().plusYears(60).isAfter(ref)).count();
    assertThat(children / 5000.0).isBetween(0.08, 0.30);
    assertThat(elders / 5000.0).isBetween(0.08, 0.35);
  }

  @Test
  void eventsReferToKnownPersonsAndVenuesAndFallInTheirDays() {
    Set<String> venueIds = new HashSet<>();
    for (Venue v : city.venues) {
      assertThat(venueIds.add(v.venueId())).isTrue();
      assertThat(v.division().value()).startsWith("1401");
    }
    var start = CityParameters.DEFAULT_START.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
    var end = start.plus(Duration.ofDays(4));
    for (VenueScan s : city.scans) {
      assertThat(s.personId()).isBetween(1L, 5_000L);
      assertThat(venueIds).contains(s.venueId());
      assertThat(s.time()).isBetween(start, end);
    }
    for (TripRide t : city.trips) {
      assertThat(t.personId()).isBetween(1L, 5_000L);
      assertThat(t.boardTime()).isBetween(start, end);
    }
    for (Dwell d : city.dwells) {
      assertThat(d.start()).isBetween(start, end);
    }
    // roughly two scans per person and day; commuters ride buses; phones leave dwells
    assertThat(city.scans.size()).isBetween(5_000 * 3, 5_000 * 3 * 4);
    assertThat(city.trips).isNotEmpty();
    assertThat(city.dwells.size()).isGreaterThan(city.scans.size());
  }

  @Test
  void sharedBusesCarrySeveralPeople() {
    Map<String, Integer> riders = new HashMap<>();
    city.trips.forEach(t -> riders.merge(t.tripId(), 1, Integer::sum));
    assertThat(riders.values().stream().mapToInt(Integer::intValue).max().orElse(0))
        .isGreaterThan(1);
  }

  @Test
  void rejectsAnAreaWithoutCounties() {
    assertThatThrownBy(() -> new CityParameters(10, 1, 1, DivisionCode.of("140105001"),
        CityParameters.DEFAULT_START, ZoneId.of("Asia/Shanghai")))
        .hasMessageContaining("province, prefecture or county");
  }

  private static Recorded generate(CityParameters params) throws Exception {
    Recorded r = new Recorded();
    new SyntheticCity(tree, boundaries).generate(params, r);
    return r;
  }

  private static final class Recorded implements CitySink {
    final List<Person> persons = new ArrayList<>();
    final List<Venue> venues = new ArrayList<>();
    final List<VenueScan> scans = new ArrayList<>();
    final List<TripRide> trips = new ArrayList<>();
    final List<Dwell> dwells = new ArrayList<>();

    @Override
    public void person(Person person) {
      persons.add(person);
    }

    @Override
    public void venue(Venue venue) {
      venues.add(venue);
    }

    @Override
    public void scan(VenueScan scan) {
      scans.add(scan);
    }

    @Override
    public void trip(TripRide ride) {
      trips.add(ride);
    }

    @Override
    public void dwell(Dwell dwell) {
      dwells.add(dwell);
    }
  }
}
