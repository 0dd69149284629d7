package org.cordon.server.person;

import java.util.List;

/** One page of persons: {@code total} counts all matches, {@code page} starts at 0. */
public record PersonPage(List<PersonView> items, int page, int size, long total) {
}
