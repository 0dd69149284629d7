package org.cordon.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cordon.core.place.DivisionCode;
import org.junit.jupiter.api.Test;

class JurisdictionTest {

  private final Jurisdiction xiaodian = new Jurisdiction(new DivisionCode("140105"));

  @Test
  void containsItsRootAndEverythingBelow() {
    assertThat(xiaodian.contains(new DivisionCode("140105"))).isTrue();
    assertThat(xiaodian.contains(new DivisionCode("140105006"))).isTrue();
    assertThat(xiaodian.contains(new DivisionCode("140105006001"))).isTrue();
  }

  @Test
  void excludesSiblingsAndAncestors() {
    assertThat(xiaodian.contains(new DivisionCode("140106"))).isFalse();
    assertThat(xiaodian.contains(new DivisionCode("1401"))).isFalse();
    assertThat(xiaodian.contains((String) null)).isFalse();
  }

  @Test
  void givesALikePatternForItsSubtree() {
    assertThat(xiaodian.likePattern()).isEqualTo("140105%");
    assertThat(Jurisdiction.predicate("home_division")).isEqualTo("home_division like ?");
  }

  @Test
  void requireSaysWhichDivisionIsOutside() {
    assertThat(xiaodian.require(new DivisionCode("140105001"))).isEqualTo(new DivisionCode("140105001"));
    assertThatThrownBy(() -> xiaodian.require(new DivisionCode("1402")))
        .isInstanceOf(OutsideJurisdictionException.class)
        .hasMessage("division 1402 is outside your jurisdiction 140105");
  }

  @Test
  void aDeviceMayScanOnlyAtItsOwnVenue() {
    Caller device = new Caller("token:t", "gate", Role.VENUE_DEVICE, new DivisionCode("1401"), "V-1");
    Caller investigator = new Caller("inv", "inv", Role.INVESTIGATOR, new DivisionCode("1401"), null);
    assertThat(device.mayScanAt("V-1")).isTrue();
    assertThat(device.mayScanAt("V-2")).isFalse();
    assertThat(investigator.mayScanAt("V-2")).isTrue();
  }

  @Test
  void hashesTokensWithSha256() {
    // SHA-256("abc") from FIPS 180-2, appendix B.1
    assertThat(ApiTokens.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void pagingRejectsSizesOutOfRange() {
    assertThat(new Paging(2, 50).offset()).isEqualTo(100);
    assertThatThrownBy(() -> new Paging(0, 0)).hasMessage("size must be 1..500, got 0");
    assertThatThrownBy(() -> new Paging(-1, 10)).hasMessage("page must be 0 or more, got -1");
  }
}
